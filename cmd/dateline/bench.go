package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"dateline/models/extract"
	"dateline/models/temporal"
)

// benchRow is one line of the bench table.
type benchRow struct {
	stage, measure, value string
}

// runBench measures extraction, ingest, export and page latency on a
// generated corpus (plus ../shared/eval texts when present) and prints a table.
func runBench(e *env) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	n := fs.Int("articles", 2000, "generated articles (~5 KB each) for extraction and ingest")
	evalDir := fs.String("eval", "../shared/eval", "folder of public benchmark texts to add to the extraction corpus, when present")
	scales := fs.String("scales", "10000,100000", "event counts for the page-latency and export stages (comma-separated; 1000000 takes minutes)")
	stages := fs.String("stages", "extract,ingest,store", "stages to run (comma-separated subset of extract, ingest, store)")
	keep := fs.String("keep", "", "keep the databases in this folder and reuse a filled one on the next run (default: a temporary folder, removed)")
	dbDSN := fs.String("db-dsn", "", "run the ingest and store stages on this PostgreSQL database (postgres://...; one schema per stage, replaced each run) instead of SQLite files")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	chrono := fs.Bool("chrono", true, "also time chrono-node (dates only, one core) on the extraction texts; needs node and npm ci")
	memProfile := fs.String("memprofile", "", "write an allocation profile of the run to this file (go tool pprof -sample_index=alloc_space)")
	writeTo := fs.String("write-corpus", "", "write the generated articles into this folder as .txt files (for ingest and load tests) and stop")
	size := fs.Int("article-bytes", 5000, "size of a generated article, roughly")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline bench [flags]")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	corpus := generateCorpus(*n, *size, 1)
	if *writeTo != "" {
		if err := writeCorpusFiles(*writeTo, corpus, 1); err != nil {
			fmt.Fprintln(e.stderr, "dateline bench:", err)
			return 1
		}
		fmt.Fprintf(e.stdout, "wrote %d articles to %s\n", len(corpus), *writeTo)
		return 0
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintln(e.stderr, "dateline bench:", err)
			return 1
		}
		defer stop()
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 64 << 10
		defer writeHeapProfile(e, *memProfile)
	}
	run := map[string]bool{}
	for _, s := range strings.Split(*stages, ",") {
		run[strings.TrimSpace(s)] = true
	}
	var rows []benchRow
	if run["extract"] && !e.useExtractor("bench") {
		return 1
	}
	if run["extract"] {
		ours := append(benchExtraction(e.ex, "generated", corpus), benchDates("generated", corpus)...)
		rows = append(rows, ours...)
		if *chrono {
			rows = append(rows, benchChrono(e.ctx, "generated", corpus, ours)...)
		}
		if extra := evalTexts(*evalDir); len(extra) > 0 {
			ours = append(benchExtraction(e.ex, "eval texts", extra), benchDates("eval texts", extra)...)
			rows = append(rows, ours...)
			if *chrono {
				rows = append(rows, benchChrono(e.ctx, "eval texts", extra, ours)...)
			}
		}
	}
	more, err := benchStore(e, corpus, run["ingest"], run["store"], *scales, *keep, *dbDSN)
	rows = append(rows, more...)
	printBench(e.stdout, rows)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline bench:", err)
		return 1
	}
	return 0
}

// benchExtraction measures Extract on one core and on all cores.
func benchExtraction(ex *extract.Extractor, name string, docs []corpusArticle) []benchRow {
	var bytes int
	for _, d := range docs {
		bytes += len(d.Text)
	}
	var rows []benchRow
	for _, workers := range []int{1, runtime.NumCPU()} {
		start := time.Now()
		extractAll(ex, docs, workers)
		secs := time.Since(start).Seconds()
		label := fmt.Sprintf("extract %s (%d docs, %.1f MB), %d core(s)", name, len(docs), float64(bytes)/1e6, workers)
		rows = append(rows,
			benchRow{label, "MB/s", fmt.Sprintf("%.1f", float64(bytes)/1e6/secs)},
			benchRow{label, "articles/s", fmt.Sprintf("%.0f", float64(len(docs))/secs)})
	}
	return rows
}

// benchDates measures our time-expression tagger alone (what chrono-node
// does) on one core: the part of extraction to set beside chrono-node.
func benchDates(name string, docs []corpusArticle) []benchRow {
	var bytes, found int
	start := time.Now()
	for _, d := range docs {
		bytes += len(d.Text)
		found += len(temporal.Tag(d.Text, d.Published))
	}
	secs := time.Since(start).Seconds()
	label := fmt.Sprintf("%s %s (%d docs, %.1f MB), 1 core", datesOnly, name, len(docs), float64(bytes)/1e6)
	return []benchRow{
		{label, "MB/s", fmt.Sprintf("%.1f", float64(bytes)/1e6/secs)},
		{label, "articles/s", fmt.Sprintf("%.0f", float64(len(docs))/secs)},
		{label, "dates found", fmt.Sprint(found)},
	}
}

// datesOnly opens the stage of benchDates's rows.
const datesOnly = "dates only (dateline's tagger),"

func extractAll(ex *extract.Extractor, docs []corpusArticle, workers int) {
	jobs := make(chan corpusArticle)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range jobs {
				pub := d.Published
				_, _ = ex.Extract(extract.Input{Name: "bench", Data: []byte(d.Text), PublishedAt: &pub, Plain: true})
			}
		}()
	}
	for _, d := range docs {
		jobs <- d
	}
	close(jobs)
	wg.Wait()
}

// evalTexts reads the PolNeAR development texts from the shared evaluation
// folder, if it is there; the benchmark works without it.
func evalTexts(dir string) []corpusArticle {
	f, err := os.Open(filepath.Join(dir, "quotes", "polnear", "dev.jsonl"))
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []corpusArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var d struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &d) == nil && d.Text != "" {
			out = append(out, corpusArticle{Text: d.Text, Published: time.Date(2016, 9, 20, 12, 0, 0, 0, time.UTC)})
		}
	}
	return out
}

// startCPUProfile starts a CPU profile written to path; the returned
// function stops it and closes the file.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes the allocation profile of the run to path.
func writeHeapProfile(e *env, path string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		f.Close()
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline bench:", err)
	}
}

func printBench(w io.Writer, rows []benchRow) {
	fmt.Fprintf(w, "dateline bench on %s/%s, %d cores, %s\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "stage\tmeasure\tvalue")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.stage, r.measure, r.value)
	}
	tw.Flush()
}
