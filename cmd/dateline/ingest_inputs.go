package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"dateline/models"
	"dateline/models/extract"
)

// ingestExts are the file name endings a folder walk takes, and the format
// each is read as. Markdown is not among them: a folder's README.md is
// notes, not an article. A file named on the command line is read whatever
// its ending (the format detected from its content).
var ingestExts = map[string]string{
	".txt": extract.FormatText, ".text": extract.FormatText,
	".html": extract.FormatHTML, ".htm": extract.FormatHTML, ".xhtml": extract.FormatHTML,
}

// ingestExtList is ingestExts for messages, in the README's order.
const ingestExtList = ".txt, .text, .html, .htm or .xhtml"

// formatOf is the format a file is read as, by its name's ending:
// FormatAuto (detect) for endings not in ingestExts.
func formatOf(name string) string {
	return ingestExts[strings.ToLower(filepath.Ext(name))]
}

// ingestJobs turns the command-line arguments into jobs: files, every
// ingestible file under a folder (hidden ones skipped), URLs and stdin.
// Arguments that cannot be used (missing paths) come back as failures,
// files in folders that are not regular files as skipped.
func ingestJobs(e *env, f ingestFlags, args []string) (jobs []ingestJob, failed []ingestFailure, skipped []string) {
	now := time.Now().UTC()
	fetch := newFetcher(e.cfg.FetchTimeout, e.cfg.MaxArticleBytes, f.allowPrivate).withHint("use --allow-private to allow it")
	stdinUsed := false
	for _, arg := range args {
		switch {
		case arg == "-":
			if stdinUsed {
				continue
			}
			stdinUsed = true
			data, _, err := readInput(e.ctx, e, "-")
			jobs = append(jobs, dataJob("-", data, err, f.base, now))
		case isURL(arg):
			jobs = append(jobs, urlJob(arg, fetch, f.base, now))
		case strings.Contains(arg, "://"):
			failed = append(failed, ingestFailure{Name: arg, Reason: "only http and https URLs can be ingested"})
		default:
			found, skip, err := walkInputs(arg)
			skipped = append(skipped, skip...)
			if err != nil {
				failed = append(failed, ingestFailure{Name: arg, Reason: err.Error()})
			}
			for _, p := range found {
				jobs = append(jobs, fileJob(e, p, f.base))
			}
		}
	}
	return jobs, failed, skipped
}

// walkInputs returns path itself when it is not a folder, or the
// ingestible files under it when it is one (a symlinked folder too: its
// files are named under path as given). Entries with an ingestible ending
// that are not regular files (FIFOs, sockets, devices, links to those or to
// folders) come back in skipped: reading a FIFO blocks until a writer comes.
func walkInputs(path string) (files, skipped []string, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, models.Wrap(models.EINVALID, err, "cannot read")
	}
	if !st.IsDir() {
		return []string{path}, nil, nil
	}
	// WalkDir does not follow a symlinked root, so walk its target.
	root, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, nil, models.Wrap(models.EINVALID, err, "cannot read the folder")
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		name := filepath.Join(path, rel)
		hidden := p != root && strings.HasPrefix(d.Name(), ".")
		switch {
		case d.IsDir() && hidden:
			return filepath.SkipDir
		case d.IsDir() || hidden || formatOf(p) == "":
		case !isRegularEntry(p, d):
			skipped = append(skipped, name)
		default:
			files = append(files, name)
		}
		return nil
	})
	sort.Strings(files)
	if err != nil {
		return files, skipped, models.Wrap(models.EINVALID, err, "cannot read the folder")
	}
	if len(files) == 0 {
		return nil, skipped, models.Errorf(models.EINVALID, "no regular %s files in the folder", ingestExtList)
	}
	return files, skipped, nil
}

// isRegularEntry reports whether the walked entry d at p is a regular file
// or a symbolic link to one.
func isRegularEntry(p string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// fileJob reads a file when a worker gets to it. Without --fetched-at the
// file's modification time says when the page was saved (mtimeFetched).
func fileJob(e *env, path string, base extract.Input) ingestJob {
	return ingestJob{name: path, mtimeFetched: base.FetchedAt == nil, load: func(ctx context.Context) (extract.Input, error) {
		data, mtime, err := readInput(ctx, e, path)
		if err != nil {
			return extract.Input{}, err
		}
		in := base
		in.Name, in.Data, in.Format = path, data, formatOf(path)
		if in.FetchedAt == nil {
			t := mtime.UTC()
			in.FetchedAt = &t
		}
		return in, nil
	}}
}

// usesFetchedAt reports whether the fetch time shaped any of the articles:
// a publication time from a relative age ("3 hours ago"), or relative
// dates resolved against the fetch time for want of a publication time.
func usesFetchedAt(arts []models.ExtractedArticle) bool {
	for _, a := range arts {
		if a.PublishedBy == "age" || a.ResolvedAgainst == "fetched" {
			return true
		}
	}
	return false
}

// mtimeNote says that a file's modification time stood in for the missing
// --fetched-at, which is wrong when the file was copied or touched since.
func mtimeNote(name string, t time.Time) string {
	return fmt.Sprintf("%s: no --fetched-at, so relative dates (\"3 hours ago\") were resolved against the file's modification time, %s", name, t.UTC().Format(time.RFC3339))
}

// dataJob wraps bytes read already (stdin); fetched defaults to now.
func dataJob(name string, data []byte, err error, base extract.Input, now time.Time) ingestJob {
	return ingestJob{name: name, load: func(context.Context) (extract.Input, error) {
		if err != nil {
			return extract.Input{}, err
		}
		in := base
		in.Name, in.Data = name, data
		if in.FetchedAt == nil {
			in.FetchedAt = &now
		}
		return in, nil
	}}
}

// urlJob downloads a page when a worker gets to it.
func urlJob(rawURL string, f *fetcher, base extract.Input, now time.Time) ingestJob {
	return ingestJob{name: rawURL, load: func(ctx context.Context) (extract.Input, error) {
		page, err := f.fetch(ctx, rawURL)
		if err != nil {
			return extract.Input{}, err
		}
		in := base
		in.Name, in.Data, in.URL, in.Format = rawURL, page.Body, page.URL, extract.FormatText
		if page.HTML {
			in.Format = extract.FormatHTML
		}
		if in.FetchedAt == nil {
			in.FetchedAt = &now
		}
		return in, nil
	}}
}
