package extract

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/models"
	"dateline/models/extract/golden"
)

// longBody returns the fixture texts of testdata repeated, paragraph after
// paragraph, to at least n bytes: realistic copy, far longer than an
// article. Each copy opens with a meeting on a day of its own, so that not
// every event merges into the first copy's.
func longBody(t testing.TB, n int) string {
	t.Helper()
	files := golden.Fixtures(t, ".")
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		data, err := os.ReadFile(files[i%len(files)])
		if err != nil {
			t.Fatal(err)
		}
		day := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -i)
		b.WriteString("The foreign ministers met in Geneva on " + day.Format("2 January 2006") + ".\n\n")
		b.WriteString(strings.TrimSpace(string(data)))
		b.WriteString("\n\n")
	}
	return b.String()
}

func TestWindowEnd(t *testing.T) {
	for _, c := range []struct {
		name      string
		body      string
		off, max  int
		want      int
		wantFinal bool
	}{
		{"fits", "short text", 0, 100, 10, true},
		{"rest fits", "one two three", 4, 9, 13, true},
		{"paragraph break", "aaaa bbbb\n\ncccc dddd", 0, 14, 11, false},
		{"line break", "aaaa bbbb\ncccc dddd", 0, 12, 10, false},
		{"sentence end", "aaaa bbbb. cc ddddd", 0, 15, 11, false},
		{"space", "aaaa bbbbcccc dddd", 0, 8, 5, false},
		{"break in the first half ignored", "a\n\nbbbbbbb cccc", 0, 12, 11, false},
		{"no break: rune boundary", "ééééééééé", 0, 5, 4, false},
		{"from an offset", "xx\n\naaaa\n\nbbbb", 4, 8, 10, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := windowEnd(c.body, c.off, c.max)
			if got != c.want {
				t.Fatalf("windowEnd(%q, %d, %d) = %d, want %d", c.body, c.off, c.max, got, c.want)
			}
			if (got == len(c.body)) != c.wantFinal || !utf8.ValidString(c.body[c.off:got]) {
				t.Errorf("window %q: final %v, want %v, valid UTF-8 %v", c.body[c.off:got], got == len(c.body), c.wantFinal, utf8.ValidString(c.body[c.off:got]))
			}
		})
	}
}

// TestAnalyseWindowsKeepOffsets reads a body of several windows: what is
// found in later windows points at its own words in the whole body, and
// every window contributes.
func TestAnalyseWindowsKeepOffsets(t *testing.T) {
	ref := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	body := longBody(t, 3*windowBytes)
	x, err := en.Extract(Input{Name: "long", Data: []byte(body), Plain: true, FetchedAt: &ref})
	if err != nil {
		t.Fatal(err)
	}
	a := x.Articles[0]
	checkExtraction(t, x)
	r := []rune(a.Body)
	at := func(what, text string, s, e int) {
		if got := string(r[s:e]); got != text {
			t.Errorf("%s [%d,%d) is %q in the body, want %q", what, s, e, got, text)
		}
	}
	lastThird := len(r) * 2 / 3
	var late [3]int
	for _, tx := range a.Timexes {
		at("timex", tx.Text, tx.Start, tx.End)
		late[0] += b2i(tx.Start > lastThird)
	}
	for _, e := range a.Events {
		at("event sentence", e.Sentence, e.Start, e.End)
		late[1] += b2i(e.Start > lastThird)
	}
	for _, q := range a.Quotes {
		if m := q.SpeakerMention; m != nil {
			at("speaker mention", m.Text, m.Start, m.End)
		}
		late[2] += b2i(q.Start > lastThird)
	}
	if late[0] == 0 || late[1] == 0 || late[2] == 0 {
		t.Errorf("timexes, events, quotes in the last third: %v, want some of each", late)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestExtractContextStops: on a body that takes seconds to read, a context
// that ends makes ExtractContext return within a second with ETIMEOUT
// wrapping the context's error, and no goroutine is left working.
func TestExtractContextStops(t *testing.T) {
	ref := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	data := []byte(longBody(t, 8<<20))
	for _, c := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"cancelled before", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, context.Canceled},
		{"deadline on the way", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 100*time.Millisecond)
		}, context.DeadlineExceeded},
		{"cancelled on the way", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
	} {
		for _, plain := range []bool{true, false} {
			t.Run(c.name+map[bool]string{true: " plain", false: " page"}[plain], func(t *testing.T) {
				before := runtime.NumGoroutine()
				ctx, cancel := c.ctx()
				defer cancel()
				start := time.Now()
				x, err := en.ExtractContext(ctx, Input{Name: "long", Data: data, Plain: plain, FetchedAt: &ref})
				took := time.Since(start)
				if models.ErrorCode(err) != models.ETIMEOUT || !errors.Is(err, c.want) {
					t.Fatalf("err = %v (code %q), want ETIMEOUT wrapping %v", err, models.ErrorCode(err), c.want)
				}
				if len(x.Articles) != 0 {
					t.Errorf("%d articles returned with the error", len(x.Articles))
				}
				if took > 1600*time.Millisecond { // a second past the limit, and room for a loaded CI machine
					t.Errorf("returned after %s, want within a second of the 100 ms limit", took)
				}
				if n := settledGoroutines(before); n > before {
					t.Errorf("%d goroutines after, %d before: work left running", n, before)
				}
			})
		}
	}
}

// settledGoroutines waits up to a second for the goroutine count to fall
// to want (a timer's goroutine may still be finishing) and returns it.
func settledGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for i := 0; i < 100 && n > want; i++ {
		time.Sleep(10 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}
