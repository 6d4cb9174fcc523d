package main

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"dateline/models/extract"
	"dateline/models/store"
)

// BenchmarkIngest runs the whole ingest pipeline (parallel extraction, one
// batching writer) over generated ~5 KB articles and reports articles/s.
// Extraction is included, as a user's ingest would see it.
func BenchmarkIngest(b *testing.B) {
	corpus := generateCorpus(b.N, 5000, 1)
	jobs := make([]ingestJob, len(corpus))
	for i, d := range corpus {
		jobs[i] = ingestJob{name: fmt.Sprintf("doc%d", i), load: func(context.Context) (extract.Input, error) {
			return extract.Input{Name: "bench", Data: []byte(d.Text), PublishedAt: &d.Published, Format: extract.FormatText}, nil
		}}
	}
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ex := testExtractor(b)
	b.ResetTimer()
	rep := ingestAll(context.Background(), st, jobs, store.SaveOptions{}, ingestSettings{extractor: ex, workers: runtime.NumCPU()})
	b.StopTimer()
	if len(rep.Failed) > 0 {
		b.Fatalf("%s: %s", rep.Failed[0].Name, rep.Failed[0].Reason)
	}
	b.ReportMetric(float64(rep.Stored)/b.Elapsed().Seconds(), "articles/s")
}
