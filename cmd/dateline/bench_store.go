package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"dateline/handlers"
	"dateline/models"
	"dateline/models/extract"
	"dateline/models/store"
)

// benchStore measures ingest of the generated corpus (extraction included),
// then, for each scale, fills a fresh database with that many events and
// measures CSV export and page latency through the real router.
func benchStore(e *env, corpus []corpusArticle, ingest, scaled bool, scales, keep, pgDSN string) ([]benchRow, error) {
	dir, err := benchDir(keep)
	if err != nil {
		return nil, err
	}
	if keep == "" {
		defer os.RemoveAll(dir)
	}
	var rows []benchRow
	if ingest {
		path, err := benchDB(e.ctx, pgDSN, dir, "ingest.db", true) // ingest always starts from an empty database
		if err != nil {
			return nil, err
		}
		if rows, err = benchIngest(e.ctx, path, corpus); err != nil {
			return rows, err
		}
	}
	if !scaled {
		return rows, nil
	}
	for _, f := range strings.Split(scales, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return rows, fmt.Errorf("--scales: bad event count %q", f)
		}
		path, err := benchDB(e.ctx, pgDSN, dir, fmt.Sprintf("scale-%d.db", n), false)
		if err != nil {
			return rows, err
		}
		more, err := benchScale(e.ctx, path, n)
		rows = append(rows, more...)
		if err != nil {
			return rows, err
		}
	}
	return rows, nil
}

// benchDir returns the folder for the bench databases: keep, created if
// needed, or a new temporary folder.
func benchDir(keep string) (string, error) {
	if keep == "" {
		return os.MkdirTemp("", "dateline-bench-")
	}
	return keep, os.MkdirAll(keep, 0o755)
}

// benchIngest runs the ingest pipeline (parallel extraction, one writer,
// batched transactions) over the corpus.
func benchIngest(ctx context.Context, path string, corpus []corpusArticle) ([]benchRow, error) {
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	jobs := make([]ingestJob, len(corpus))
	for i, d := range corpus {
		d := d
		jobs[i] = ingestJob{name: fmt.Sprintf("doc%d", i), load: func(context.Context) (extract.Input, error) {
			return extract.Input{Name: "bench", Data: []byte(d.Text), PublishedAt: &d.Published, Format: extract.FormatText}, nil
		}}
	}
	start := time.Now()
	ex, err := extract.New("en")
	if err != nil {
		return nil, err
	}
	rep := ingestAll(ctx, st, jobs, store.SaveOptions{}, ingestSettings{extractor: ex, workers: runtime.NumCPU()})
	secs := time.Since(start).Seconds()
	if len(rep.Failed) > 0 {
		return nil, fmt.Errorf("bench ingest: %s: %s", rep.Failed[0].Name, rep.Failed[0].Reason)
	}
	label := fmt.Sprintf("ingest %d generated articles (extract + save, %d workers, one writer)", len(corpus), runtime.NumCPU())
	return []benchRow{
		{label, "articles/s", fmt.Sprintf("%.0f", float64(rep.Stored)/secs)},
		{label, "events, quotes stored", fmt.Sprintf("%d, %d", rep.NewEvents, rep.NewQuotes)},
	}, nil
}

// benchScale fills a database with n events (and as many quotes) and
// measures exports and page latency on it.
func benchScale(ctx context.Context, path string, n int) ([]benchRow, error) {
	_, statErr := os.Stat(path)
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var rows []benchRow
	scale := fmt.Sprintf("%dk events", n/1000)
	if statErr != nil { // a new database; a kept one is reused as it is
		start := time.Now()
		if err := fillEvents(ctx, st, n); err != nil {
			return nil, err
		}
		rows = append(rows, benchRow{"fill " + scale, "events/s (synthetic, no extraction)", fmt.Sprintf("%.0f", float64(n)/time.Since(start).Seconds())})
	}
	h, err := handlers.New(st, handlers.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	for _, path := range []string{"/export/events.csv", "/export/quotes.csv"} {
		rps, peak, count, err := benchExport(h, path)
		if err != nil {
			return rows, err
		}
		label := fmt.Sprintf("%s %s (%d rows)", path, scale, count)
		rows = append(rows, benchRow{label, "rows/s", fmt.Sprintf("%.0f", rps)},
			benchRow{label, "peak live heap growth", fmt.Sprintf("%.1f MB", float64(peak)/1e6)})
	}
	paths := []string{"/stories/bench", "/api/stories/bench/events", "/api/stories/bench/events?limit=1000",
		"/api/quotes?speaker=vladimir-putin", "/search?q=ceasefire"}
	if next := nextPage(h, "/api/stories/bench/events"); next != "" {
		paths = append(paths[:3], append([]string{next}, paths[3:]...)...) // the page before the latest
	}
	for _, path := range paths {
		// The first request is reported apart: it fills the caches that
		// hold until the next write.
		first, _, err := benchLatency(h, path, 1)
		if err != nil {
			return rows, err
		}
		p50, p99, n, err := benchLatencyFor(h, path, 100, 20*time.Second)
		if err != nil {
			return rows, err
		}
		rows = append(rows, benchRow{fmt.Sprintf("GET %s, %s", path, scale), "first; p50 / p99",
			fmt.Sprintf("%.1f ms; %.1f ms / %.1f ms (%d requests)", first, p50, p99, n)})
	}
	return rows, nil
}

// nextPage returns the "next" link of a story events API page, or "".
func nextPage(h http.Handler, path string) string {
	var buf bytes.Buffer
	rec := &discardResponse{header: http.Header{}, w: &buf}
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	var page struct{ Next string }
	if json.Unmarshal(buf.Bytes(), &page) != nil {
		return ""
	}
	return page.Next
}

// fillEvents saves synthetic articles carrying ten events and ten quotes
// each, all distinct, into the story "bench". Each event has a sentence of
// its own in the article's body with one quote in it, as extraction gives
// them, so a timeline entry shows the one quote of its sentence.
func fillEvents(ctx context.Context, st *store.Store, n int) error {
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var batch []models.ExtractedArticle
	for i := 0; i < n; i += 10 {
		pub := base.Add(time.Duration(i/50) * 24 * time.Hour)
		a := models.ExtractedArticle{Title: fmt.Sprintf("Bench article %d", i/10), Source: benchCities[i%len(benchCities)] + " Post",
			URL: fmt.Sprintf("https://bench.invalid/%d", i/10), PublishedAt: &pub, PublishedPrecision: models.PrecHour}
		var body []rune
		for j := i; j < i+10 && j < n; j++ {
			p := benchPeople[j%len(benchPeople)]
			kind := models.EventKinds[j%len(models.EventKinds)]
			said := fmt.Sprintf("Statement %d on the ceasefire talks", j)
			s := fmt.Sprintf("%s held %s number %d on the ceasefire on Monday. \"%s,\" %s said. ", p.name, kind, j, said, p.last)
			start := len(body)
			body = append(body, []rune(s)...)
			q := start + strings.Index(s, said) // ASCII: bytes are runes
			a.Events = append(a.Events, models.ExtractedEvent{Date: pub.Format("2006-01-02"), Granularity: models.GranDay,
				Kind: kind, Summary: s, Sentence: s, Expression: "on Monday", Actors: []string{p.name}, Start: start, End: len(body)})
			name := p.name
			a.Quotes = append(a.Quotes, models.ExtractedQuote{Text: said, Kind: models.QuoteDirect, Speaker: &name,
				Cue: "said", Sentence: s, Start: q, End: q + len(said)})
		}
		a.Body = string(body)
		batch = append(batch, a)
		if len(batch) == 500 || i+10 >= n {
			if _, err := st.SaveArticles(ctx, batch, store.SaveOptions{StorySlug: "bench", StoryTitle: "Bench"}); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return nil
}

// benchExport downloads one export and returns rows/s, the peak growth of
// the live heap (as marked by the last garbage collection, so garbage
// waiting to be collected does not count) while it ran, and the row count.
func benchExport(h http.Handler, path string) (float64, uint64, int, error) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	before := sample[0].Value.Uint64()
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				metrics.Read(s)
				if live := s[0].Value.Uint64(); live > before && live-before > peak.Load() {
					peak.Store(live - before)
				}
			}
		}
	}()
	lines := &lineCounter{}
	start := time.Now()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := &discardResponse{header: http.Header{}, w: lines}
	h.ServeHTTP(rec, req)
	secs := time.Since(start).Seconds()
	close(stop)
	if rec.code != 0 && rec.code != http.StatusOK {
		return 0, 0, 0, fmt.Errorf("bench: GET %s: status %d", path, rec.code)
	}
	rows := lines.n - 1 // header
	return float64(rows) / secs, peak.Load(), rows, nil
}

// benchLatencyFor is benchLatency with n requests, or as many as fit in
// budget (at least 10), so slow pages at 1M events do not take minutes.
func benchLatencyFor(h http.Handler, path string, n int, budget time.Duration) (float64, float64, int, error) {
	start := time.Now()
	var ds []float64
	for len(ds) < n && (len(ds) < 10 || time.Since(start) < budget) {
		_, one, err := benchLatency(h, path, 1)
		if err != nil {
			return 0, 0, 0, err
		}
		ds = append(ds, one)
	}
	sort.Float64s(ds)
	return ds[len(ds)/2], ds[min(len(ds)-1, len(ds)*99/100)], len(ds), nil
}

// benchLatency requests path n times and returns p50 and p99 in ms.
func benchLatency(h http.Handler, path string, n int) (float64, float64, error) {
	var ds []float64
	for i := 0; i < n; i++ {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.RemoteAddr = "127.0.0.1:1234"
		rec := &discardResponse{header: http.Header{}, w: io.Discard}
		start := time.Now()
		h.ServeHTTP(rec, req)
		ds = append(ds, float64(time.Since(start).Microseconds())/1000)
		if rec.code != 0 && rec.code != http.StatusOK {
			return 0, 0, fmt.Errorf("bench: GET %s: status %d", path, rec.code)
		}
	}
	sort.Float64s(ds)
	return ds[len(ds)/2], ds[min(len(ds)-1, len(ds)*99/100)], nil
}

// discardResponse is an http.ResponseWriter that keeps only the status and
// passes the body to w, so large exports are not held in memory.
type discardResponse struct {
	header http.Header
	code   int
	w      io.Writer
}

func (d *discardResponse) Header() http.Header         { return d.header }
func (d *discardResponse) WriteHeader(code int)        { d.code = code }
func (d *discardResponse) Write(p []byte) (int, error) { return d.w.Write(p) }
func (d *discardResponse) Flush()                      {}

// lineCounter counts newlines written to it.
type lineCounter struct{ n int }

func (l *lineCounter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b == '\n' {
			l.n++
		}
	}
	return len(p), nil
}
