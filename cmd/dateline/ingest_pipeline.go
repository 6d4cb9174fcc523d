package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"dateline/models"
	"dateline/models/extract"
	"dateline/models/store"
)

// batchArticles is how many articles one write transaction carries at most.
// Batches form only while extraction is ahead of the writer; an idle writer
// saves what it has at once. Each commit writes every page the batch
// changed, so larger batches write shared pages (indexes, the search index)
// fewer times: 500 instead of 200 took the ingest of 6,000 generated
// articles from 989-1017 to 1036-1061 articles/s.
const batchArticles = 500

// ingestAll extracts jobs on settings.workers goroutines and saves the
// articles through one writer goroutine (the caller's), batching them into
// few transactions. Each article is atomic on its own (a savepoint); a
// failing input or article is reported and the rest go on.
func ingestAll(ctx context.Context, st *store.Store, jobs []ingestJob, opt store.SaveOptions, set ingestSettings) ingestReport {
	rep := ingestReport{Inputs: len(jobs)}
	// The results queue holds a whole batch, so workers keep extracting
	// while the writer commits the previous one (2 x workers made them wait:
	// 259 -> 305 articles/s on the bench corpus).
	results := make(chan inputResult, batchArticles)
	type numbered struct {
		job   ingestJob
		order int
	}
	queue := make(chan numbered)
	var wg sync.WaitGroup
	for range max(1, set.workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				r := extractJob(ctx, st, j.job, set)
				r.order = j.order
				results <- r
			}
		}()
	}
	go func() {
		defer close(queue)
		for i, j := range jobs {
			select {
			case queue <- numbered{j, i}:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	writeResults(ctx, st, results, opt, &rep, set.progress)
	set.progress.finish()
	// Inputs finish in any order; report failures in the order given.
	sort.SliceStable(rep.Failed, func(i, j int) bool { return rep.Failed[i].order < rep.Failed[j].order })
	return rep
}

// batchLinger is how long the writer waits for more results before saving
// a batch that is not full. Each transaction costs a commit and FTS segment
// writes, and on a 2-core machine the writer shares the CPU with extraction,
// so a few dozen articles per transaction beat one each; a single input waits
// at most this long.
const batchLinger = 50 * time.Millisecond

// writeResults is the single writer: it drains results, saving them in
// batches of up to batchArticles articles, or what arrived within
// batchLinger of the batch's first input.
func writeResults(ctx context.Context, st *store.Store, results <-chan inputResult, opt store.SaveOptions, rep *ingestReport, pr *progress) {
	var batch []inputResult
	n := 0
	for r := range results {
		batch, n = append(batch, r), r.weight()
		linger := time.NewTimer(batchLinger)
	more:
		for n < batchArticles {
			select {
			case r, ok := <-results:
				if !ok {
					break more
				}
				batch, n = append(batch, r), n+r.weight()
			case <-linger.C:
				break more
			case <-ctx.Done():
				break more
			}
		}
		linger.Stop()
		saveBatch(ctx, st, batch, opt, rep)
		pr.add(len(batch), rep.Stored+rep.Duplicates)
		batch = batch[:0]
	}
}

// saveBatch saves the articles of several inputs in one transaction,
// tallies the outcome per input and remembers the inputs saved whole.
func saveBatch(ctx context.Context, st *store.Store, batch []inputResult, opt store.SaveOptions, rep *ingestReport) {
	var arts []models.ExtractedArticle
	var known []uint
	for _, r := range batch {
		if r.err == nil {
			arts = append(arts, r.articles...)
			known = append(known, r.known...)
		}
	}
	var saved []store.SaveResult
	var err error
	if len(arts) > 0 {
		saved, err = st.SaveArticles(ctx, arts, opt)
	}
	if err == nil {
		err = st.AttachArticles(ctx, known, opt)
	}
	done := map[string][]uint{}
	for _, r := range batch {
		if ctx.Err() != nil && (err != nil || r.err != nil) {
			continue // interrupted: not read rather than failed
		}
		if r.err == nil && err != nil {
			r.err = err
		}
		if r.err == nil {
			r.saved, saved = savedOf(r, saved)
			if ids, whole := articleIDs(r.saved); whole && r.known == nil && r.key != "" {
				done[r.key] = ids
			}
		}
		rep.tally(r)
	}
	if err := st.RememberInputs(ctx, done); err != nil && ctx.Err() == nil {
		// Only a speed-up for the next run is lost.
		rep.Warnings = append(rep.Warnings, "cannot record the inputs done: "+err.Error())
	}
}

// weight is what an input adds to a batch: its articles, or the articles
// of an earlier run, and at least 1 so failed inputs fill batches too.
func (r inputResult) weight() int {
	return max(1, len(r.articles)+len(r.known))
}

// savedOf takes r's results off the front of saved; an input known from an
// earlier run gets a duplicate result per article.
func savedOf(r inputResult, saved []store.SaveResult) ([]store.SaveResult, []store.SaveResult) {
	if r.known != nil {
		out := make([]store.SaveResult, len(r.known))
		for i, id := range r.known {
			out[i] = store.SaveResult{ArticleID: id, Duplicate: true}
		}
		return out, saved
	}
	return saved[:len(r.articles)], saved[len(r.articles):]
}

// articleIDs returns the article ids of an input's results and whether
// every article was saved (or found stored).
func articleIDs(rs []store.SaveResult) ([]uint, bool) {
	ids := make([]uint, 0, len(rs))
	for _, r := range rs {
		if r.Err != nil {
			return nil, false
		}
		ids = append(ids, r.ArticleID)
	}
	return ids, len(ids) > 0
}

// inputKey identifies an input for KnownInput: a hash of its bytes and of
// everything else that shapes its extraction.
func inputKey(in extract.Input) string {
	h := sha256.New()
	for _, t := range []*time.Time{in.PublishedAt, in.FetchedAt} {
		if t != nil {
			fmt.Fprint(h, t.UTC().Format(time.RFC3339Nano))
		}
		h.Write([]byte{0})
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%t\x00", in.Format, in.URL, in.Source, in.Plain)
	h.Write(in.Data)
	return hex.EncodeToString(h.Sum(nil))
}

// tally adds one input's outcome to the report.
func (rep *ingestReport) tally(r inputResult) {
	if r.err != nil {
		why := failureReason(r.name, r.err)
		rep.Failed = append(rep.Failed, ingestFailure{Name: r.name, Reason: why, order: r.order})
		rep.lines = append(rep.lines, fmt.Sprintf("%s: failed: %s", r.name, why))
		return
	}
	stored, dups := 0, 0
	var firstErr error
	for _, s := range r.saved {
		switch {
		case s.Err != nil:
			firstErr = s.Err
		case s.Duplicate:
			dups++
		default:
			stored++
		}
		rep.NewEvents += s.NewEvents
		rep.MergedEvents += s.MergedEvents
		rep.NewQuotes += s.NewQuotes
		rep.MergedQuotes += s.MergedQuotes
	}
	rep.Stored += stored
	rep.Duplicates += dups
	if r.mtimeRef != "" && stored > 0 {
		rep.MtimeNotes = append(rep.MtimeNotes, r.mtimeRef)
	}
	if firstErr != nil {
		rep.Failed = append(rep.Failed, ingestFailure{Name: r.name, Reason: failureReason(r.name, firstErr), order: r.order})
	}
	line := fmt.Sprintf("%s: %d new article(s), %d already stored", r.name, stored, dups)
	if len(r.saved) == 0 {
		line = r.name + ": no articles found"
	}
	rep.lines = append(rep.lines, line)
}

// failureReason is the text shown for a failed input. The ingest user runs
// the tool on their own files, so the whole error chain is shown; the input's
// name, which the line starts with anyway, is not repeated.
func failureReason(name string, err error) string {
	msg := err.Error()
	for strings.HasPrefix(msg, name+": ") {
		msg = msg[len(name)+2:]
	}
	return msg
}

// extractJob loads one input and extracts its articles, giving up after
// timeout. A panic in extraction becomes this input's error, not a crash
// (see extractWithin).
func extractJob(ctx context.Context, st *store.Store, j ingestJob, set ingestSettings) inputResult {
	res := inputResult{name: j.name}
	in, err := j.load(ctx)
	if err != nil {
		res.err = err
		return res
	}
	// The same bytes with the same reference times were ingested before:
	// their articles are stored, there is nothing to extract.
	res.key = inputKey(in)
	if ids, ok, err := st.KnownInput(ctx, res.key); err == nil && ok {
		res.known = ids
		return res
	}
	x, err := extractWithin(ctx, set.extractor, in, set.timeout)
	if err == nil && len(x.Articles) == 0 {
		err = models.Errorf(models.EINVALID, "no article text found")
	}
	res.articles, res.err = x.Articles, err
	if err == nil && j.mtimeFetched && usesFetchedAt(x.Articles) {
		res.mtimeRef = mtimeNote(j.name, *in.FetchedAt)
	}
	return res
}
