package main

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"dateline/models"
	"dateline/models/extract"
)

// TestExtractWithinStops: the time limit and an interrupt end the
// extraction itself, within a second, and leave no goroutine behind.
func TestExtractWithinStops(t *testing.T) {
	ref := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	long := []byte("Long read\n\n" + strings.Repeat("The envoy met the minister in Geneva on Monday, officials said. \"We are close,\" he said.\n\n", 80000))
	short := []byte("The envoy met the minister in Geneva on Monday, officials said.")
	for _, c := range []struct {
		name    string
		data    []byte
		timeout time.Duration
		cancel  bool
		want    string // "" for success
	}{
		{"over the limit", long, 100 * time.Millisecond, false, "extraction took longer than 100ms (--article-timeout"},
		{"interrupted", long, 0, true, "interrupted"},
		{"within the limit", short, time.Minute, false, ""},
		{"no limit", short, 0, false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if c.cancel {
				time.AfterFunc(100*time.Millisecond, cancel)
			}
			start := time.Now()
			x, err := extractWithin(ctx, testExtractor(t), extract.Input{Name: "t", Data: c.data, Plain: true, FetchedAt: &ref}, c.timeout)
			took := time.Since(start)
			if c.want == "" {
				if err != nil || len(x.Articles) != 1 {
					t.Fatalf("err %v, %d articles", err, len(x.Articles))
				}
				return
			}
			if models.ErrorCode(err) != models.ETIMEOUT || !strings.HasPrefix(models.ErrorMessage(err), c.want) {
				t.Fatalf("err %v (code %q), want ETIMEOUT %q", err, models.ErrorCode(err), c.want)
			}
			if took > 1600*time.Millisecond { // a second past the limit, and room for a loaded CI machine
				t.Errorf("returned after %s, want within a second of 100 ms", took)
			}
			n := runtime.NumGoroutine()
			for i := 0; i < 50 && n > before; i++ {
				time.Sleep(10 * time.Millisecond)
				n = runtime.NumGoroutine()
			}
			if n > before {
				t.Errorf("%d goroutines after, %d before: the extraction runs on", n, before)
			}
		})
	}
}

// TestMaxExtractionsSetting reads DATELINE_MAX_EXTRACTIONS and refuses
// values that would let nothing through, by variable and by flag.
func TestMaxExtractionsSetting(t *testing.T) {
	if c := DefaultConfig(); c.MaxExtractions != runtime.NumCPU() {
		t.Errorf("default %d, want the core count %d", c.MaxExtractions, runtime.NumCPU())
	}
	for _, tc := range []struct {
		env     string
		want    int
		wantErr bool
	}{
		{"", runtime.NumCPU(), false},
		{"3", 3, false},
		{"0", 0, true},
		{"-2", 0, true},
		{"many", 0, true},
	} {
		c := DefaultConfig()
		err := c.FromEnv(func(k string) string {
			if k == "DATELINE_MAX_EXTRACTIONS" {
				return tc.env
			}
			return ""
		})
		if (err != nil) != tc.wantErr || (err == nil && c.MaxExtractions != tc.want) {
			t.Errorf("DATELINE_MAX_EXTRACTIONS=%q: %d, %v", tc.env, c.MaxExtractions, err)
		}
	}
	if code, _, errs := cli(t, "", "serve", "--max-extractions", "0"); code != 2 || !strings.Contains(errs, "--max-extractions") {
		t.Errorf("serve --max-extractions 0: exit %d, %q", code, errs)
	}
}

// testExtractor returns the English extractor for a test.
func testExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	ex, err := extract.New("en")
	if err != nil {
		t.Fatal(err)
	}
	return ex
}
