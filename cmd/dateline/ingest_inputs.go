package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"dateline/models"
	"dateline/models/extract"
)

// ingestExts are the file name endings a folder walk picks up.
var ingestExts = map[string]string{
	".txt": extract.FormatText, ".text": extract.FormatText, ".md": extract.FormatText,
	".html": extract.FormatHTML, ".htm": extract.FormatHTML, ".xhtml": extract.FormatHTML,
}

// ingestJobs turns the command-line arguments into jobs: files, every
// ingestible file under a folder (hidden ones skipped), URLs and stdin.
// Arguments that cannot be used (missing paths) come back as failures.
func ingestJobs(e *env, f ingestFlags, args []string) ([]ingestJob, []ingestFailure) {
	var jobs []ingestJob
	var failed []ingestFailure
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
			data, err := readInput(e, "-")
			jobs = append(jobs, dataJob("-", data, err, f.base, now))
		case isURL(arg):
			jobs = append(jobs, urlJob(arg, fetch, f.base, now))
		case strings.Contains(arg, "://"):
			failed = append(failed, ingestFailure{Name: arg, Reason: "only http and https URLs can be ingested"})
		default:
			found, err := walkInputs(arg)
			if err != nil {
				failed = append(failed, ingestFailure{Name: arg, Reason: err.Error()})
			}
			for _, p := range found {
				jobs = append(jobs, fileJob(e, p, f.base))
			}
		}
	}
	return jobs, failed
}

// walkInputs returns path itself when it is a file, or the ingestible files
// under it when it is a folder.
func walkInputs(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, models.Wrap(models.EINVALID, err, "cannot read")
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	var out []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := p != path && strings.HasPrefix(d.Name(), ".")
		switch {
		case d.IsDir() && hidden:
			return filepath.SkipDir
		case !d.IsDir() && !hidden && ingestExts[strings.ToLower(filepath.Ext(p))] != "":
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	if err != nil {
		return out, models.Wrap(models.EINVALID, err, "cannot read the folder")
	}
	if len(out) == 0 {
		return nil, models.Errorf(models.EINVALID, "no .txt or .html files in the folder")
	}
	return out, nil
}

// fileJob reads a file when a worker gets to it. Without --fetched-at the
// file's modification time says when the page was saved.
func fileJob(e *env, path string, base extract.Input) ingestJob {
	return ingestJob{name: path, load: func(context.Context) (extract.Input, error) {
		data, err := readInput(e, path)
		var me *models.Error
		if errors.As(err, &me) {
			return extract.Input{}, err // the size limit, which names the file
		} else if err != nil {
			return extract.Input{}, models.Wrap(models.EINVALID, err, "cannot read")
		}
		in := base
		in.Name, in.Data, in.Format = path, data, ingestExts[strings.ToLower(filepath.Ext(path))]
		if in.FetchedAt == nil {
			if st, err := os.Stat(path); err == nil {
				t := st.ModTime().UTC()
				in.FetchedAt = &t
			}
		}
		return in, nil
	}}
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
