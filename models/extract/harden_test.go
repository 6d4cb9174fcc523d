package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/models"
)

// hostileBodies are inputs built to hurt a parser: runs of marks, no
// sentence ends, deep nesting, lone surrogates' replacement characters.
func hostileBodies() map[string]Input {
	ref := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	text := func(s string) Input { return Input{Name: "t", Data: []byte(s), Format: FormatText, FetchedAt: &ref} }
	html := func(s string) Input { return Input{Name: "h", Data: []byte(s), Format: FormatHTML, FetchedAt: &ref} }
	return map[string]Input{
		"20000 straight quotes": text("Headline\n\n" + strings.Repeat(`"`, 20000)),
		"20000 single quotes":   text("Headline\n\n" + strings.Repeat(`'`, 20000)),
		"curly pairs":           text("Headline\n\n" + strings.Repeat("“a ”", 10000)),
		"unbalanced quotes":     text("Talks stall\n\n" + strings.Repeat(`The envoy said "we will act on Monday. `, 3000)),
		"nested guillemets":     text("Talks\n\n" + strings.Repeat("« ‹ “ ", 5000) + "said the envoy on Friday."),
		"quote then cue runs":   text("Talks\n\n" + strings.Repeat(`"Yes," he said, `, 5000)),
		"no sentence ends":      text(strings.Repeat("word ", 100000)),
		"one long line":         text("Headline\n\n" + strings.Repeat("on Monday and Tuesday in August 2025 ", 5000)),
		"dates everywhere":      text("Headline\n\n" + strings.Repeat("By Friday, 8 August 2025, 21 hours ago, next week. ", 3000)),
		"only newlines":         text(strings.Repeat("\n", 50000) + "x"),
		"aggregator ages":       text(strings.Repeat("Al Bawaba21 hours ago\n", 5000)),
		"deep HTML":             html("<html><body>" + strings.Repeat("<div>", 50000) + "text</body></html>"),
		"deep inline HTML":      html("<html><body><p>" + strings.Repeat("<b><i>", 20000) + "Officials met on Monday.</p></body></html>"),
		"no body HTML":          html("<html><head><title>Only a title</title></head></html>"),
		"huge attribute":        html(`<html><body><p title="` + strings.Repeat("x", 1<<20) + `">Officials met on Monday, a spokesman said.</p></body></html>`),
		"replacement runes":     text("Headline\n\n" + strings.Repeat("\uFFFD\"", 10000)),
	}
}

// TestExtractHostile runs the whole pipeline on each hostile input: it
// ends (a watchdog reports a hang by name rather than waiting for the test
// timeout), and every offset it returns lies inside its article's body.
func TestExtractHostile(t *testing.T) {
	for name, in := range hostileBodies() {
		t.Run(name, func(t *testing.T) {
			type result struct {
				x   models.Extraction
				err error
			}
			done := make(chan result, 1)
			go func() {
				x, err := en.Extract(in)
				done <- result{x, err}
			}()
			select {
			case r := <-done:
				if r.err != nil && models.ErrorCode(r.err) == models.EINTERNAL {
					t.Errorf("internal error: %v", r.err)
				}
				checkExtraction(t, r.x)
			case <-time.After(60 * time.Second):
				t.Fatal("extraction still running after 60 s")
			}
		})
	}
}

// checkExtraction checks the invariants every extraction keeps.
func checkExtraction(t *testing.T, x models.Extraction) {
	t.Helper()
	for _, a := range x.Articles {
		if !utf8.ValidString(a.Body) || !utf8.ValidString(a.Title) {
			t.Errorf("invalid UTF-8 in %q", a.Title)
		}
		n := utf8.RuneCountInString(a.Body)
		in := func(what string, start, end int) {
			if start < 0 || end < start || end > n {
				t.Errorf("%s offsets [%d,%d) outside a body of %d runes", what, start, end, n)
			}
		}
		for _, tx := range a.Timexes {
			in("timex", tx.Start, tx.End)
		}
		for _, q := range a.Quotes {
			in("quote", q.Start, q.End)
		}
		for _, e := range a.Events {
			in("event", e.Start, e.End)
		}
	}
}

// FuzzExtract runs the whole pipeline, text and HTML, on fuzzed bytes.
func FuzzExtract(f *testing.F) {
	for _, in := range hostileBodies() {
		if len(in.Data) < 4096 {
			f.Add(in.Data, in.Format == FormatHTML)
		}
	}
	for _, s := range []string{"", "\x00", "\xff\xfe", "<", "<html><body><p>\"A,\" he said on Monday.</p>",
		"WASHINGTON, Aug 6 (Wire) - Witkoff met Putin on Wednesday, the Kremlin said.\n\n\"Useful,\" Ushakov said.",
		"Title\n\nSource21 hours ago\n\nText... Read more", `« ‹ “ ” › »`, "\r\n\r\n\t"} {
		f.Add([]byte(s), strings.HasPrefix(s, "<"))
	}
	ref := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte, html bool) {
		in := Input{Name: "fuzz", Data: data, Format: FormatText, FetchedAt: &ref}
		if html {
			in.Format = FormatHTML
		}
		x, err := en.Extract(in)
		if err != nil && models.ErrorCode(err) == models.EINTERNAL {
			t.Errorf("internal error: %v", err)
		}
		checkExtraction(t, x)
	})
}
