package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"time"

	"dateline/models"
	"dateline/models/extract"
	"dateline/models/store"
)

// ingestFlags are the settings of one ingest run.
type ingestFlags struct {
	base         extract.Input // Source, PublishedAt, FetchedAt given on the command line
	story        string
	allowPrivate bool
	workers      int
	verbose      bool
}

// runIngest reads files, directories, URLs or stdin, extracts their articles
// in parallel and stores them through one writer. One bad input never stops
// the others; the exit code is 1 when any failed.
func runIngest(e *env) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	var f ingestFlags
	e.cfg.dbFlag(fs)
	fs.Var(&timeFlag{&f.base.FetchedAt}, "fetched-at", "when the pages were saved (RFC 3339); relative ages resolve against it (default: file time, or now)")
	fs.Var(&timeFlag{&f.base.PublishedAt}, "published", "publication time (RFC 3339); overrides detection")
	fs.StringVar(&f.base.Source, "source", "", "outlet name; overrides detection")
	fs.StringVar(&f.story, "story", "", "attach the articles to this story (slug), creating it if missing")
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "allow URLs on loopback, private and link-local addresses")
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "extraction workers")
	fs.BoolVar(&f.verbose, "v", false, "print one line per input")
	e.cfg.limitFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline ingest [flags] PATH|URL|- ...\n\nPATH is a file or a folder: a folder is read recursively for its "+ingestExtList+" files\n(hidden ones and ones that are not regular files skipped); - reads stdin.")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if err := e.cfg.checkLimits(); err != nil {
		fmt.Fprintln(e.stderr, "dateline ingest:", err)
		return 2
	}
	if !e.useExtractor("ingest") {
		return 1
	}
	st, err := e.cfg.openStore()
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline ingest:", err)
		return 1
	}
	defer st.Close()
	jobs, failed, skipped := ingestJobs(e, f, fs.Args())
	rep := ingestAll(e.ctx, st, jobs, store.SaveOptions{StorySlug: f.story}, ingestSettings{
		extractor: e.ex, workers: f.workers, timeout: e.cfg.ArticleTimeout, progress: newProgress(e.stderr, len(jobs)),
	})
	rep.Inputs += len(failed)
	rep.Failed = append(failed, rep.Failed...)
	rep.Skipped = skipped
	rep.print(e.stdout, e.stderr, f.verbose)
	if e.ctx.Err() != nil {
		fmt.Fprintf(e.stderr, "dateline ingest: interrupted; %d input(s) not read, run again to finish\n", len(jobs)-len(rep.lines))
	}
	if len(rep.Failed) > 0 || e.ctx.Err() != nil {
		return 1
	}
	return 0
}

// ingestJob is one input: a file, a URL, stdin or an embedded sample.
// load returns the extraction input with its data, or why it cannot be read.
type ingestJob struct {
	name         string
	load         func(ctx context.Context) (extract.Input, error)
	mtimeFetched bool // the file's modification time stands in for --fetched-at
}

// inputResult is one input after extraction and saving.
type inputResult struct {
	name     string
	order    int    // position among the inputs
	key      string // inputKey, "" when the input could not be read
	mtimeRef string // mtimeNote when the file's time shaped the articles
	known    []uint // articles an earlier run stored from the same input
	articles []models.ExtractedArticle
	saved    []store.SaveResult
	err      error
}

// ingestSettings tune ingestAll.
type ingestSettings struct {
	extractor *extract.Extractor
	workers   int
	timeout   time.Duration // per input extraction limit; 0 for none
	progress  *progress     // nil for none
}

// ingestFailure is one input that could not be ingested, with why.
type ingestFailure struct {
	Name, Reason string
	order        int // position of the input, for a stable report
}

// ingestReport sums up an ingest run.
type ingestReport struct {
	Inputs, Stored, Duplicates int
	NewEvents, MergedEvents    int
	NewQuotes, MergedQuotes    int
	Failed                     []ingestFailure
	Skipped                    []string // folder entries that are not regular files
	MtimeNotes                 []string // inputs whose file time stood in for --fetched-at
	Warnings                   []string // trouble that lost nothing
	lines                      []string // one per input, printed with -v
}

// print writes the per-input lines (with -v) and the summary on stdout, and
// each failure with its reason on stderr.
func (r *ingestReport) print(stdout, stderr io.Writer, verbose bool) {
	if verbose {
		for _, l := range r.lines {
			fmt.Fprintln(stdout, l)
		}
	}
	for _, f := range r.Failed {
		fmt.Fprintf(stderr, "dateline ingest: %s: %s\n", f.Name, f.Reason)
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(stderr, "dateline ingest: %s: skipped, not a regular file\n", s)
	}
	r.printMtimeNotes(stderr)
	for _, w := range r.Warnings {
		fmt.Fprintf(stderr, "dateline ingest: warning: %s\n", w)
	}
	fmt.Fprintf(stdout, "%d input(s): %d new article(s), %d duplicate(s) already stored, %d failed\n",
		r.Inputs, r.Stored, r.Duplicates, len(r.Failed))
	fmt.Fprintf(stdout, "events: %d new, %d merged; quotes: %d new, %d merged\n",
		r.NewEvents, r.MergedEvents, r.NewQuotes, r.MergedQuotes)
}

// printMtimeNotes says on stderr which inputs had their relative dates
// resolved against their file's modification time: all of them when few,
// the first and a count when many, so a folder does not flood the terminal.
func (r *ingestReport) printMtimeNotes(stderr io.Writer) {
	const shown = 3
	for i, n := range r.MtimeNotes {
		if i == shown {
			fmt.Fprintf(stderr, "dateline ingest: note: and %d more input(s) the same way; give --fetched-at when the files' times are not when the pages were saved\n", len(r.MtimeNotes)-shown)
			break
		}
		fmt.Fprintf(stderr, "dateline ingest: note: %s\n", n)
	}
}
