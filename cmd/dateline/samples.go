package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"dateline/data"
	"dateline/models"
	"dateline/models/extract"
	"dateline/models/store"
)

// sampleStory is the story the first-run samples go into unless the
// manifest names another.
const sampleStory = "sanctions-deadline"

// sampleManifest describes data/samples: the story and, per file, when it
// was saved (relative ages such as "21 hours ago" resolve against it) and
// optionally its publication time and outlet.
type sampleManifest struct {
	Story    sampleStoryInfo `json:"story"`
	Slug     string          `json:"slug"` // the story fields may also sit at the top level
	Title    string          `json:"title"`
	Desc     string          `json:"description"`
	Articles []sampleFile    `json:"articles"`
	Files    []sampleFile    `json:"files"`
}

type sampleStoryInfo struct {
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

type sampleFile struct {
	File        string `json:"file"`
	FetchedAt   string `json:"fetched_at"`
	PublishedAt string `json:"published_at"`
	Source      string `json:"source"`
	URL         string `json:"url"`
	Format      string `json:"format"` // "text" or "html"; default from the file name
}

// loadSamplesIfEmpty ingests the embedded sample articles into their story
// when the database holds no article yet, so a newcomer's first `serve`
// shows a timeline. It says what it did on stderr and does nothing on a
// database with articles.
func loadSamplesIfEmpty(ctx context.Context, st *store.Store, ex *extract.Extractor, stderr io.Writer) error {
	c, err := st.Counts(ctx)
	if err != nil || c.Articles > 0 {
		return err
	}
	jobs, opt, err := sampleJobs(data.Samples())
	if err != nil {
		return err
	}
	rep := ingestAll(ctx, st, jobs, opt, ingestSettings{extractor: ex, workers: 2, timeout: time.Minute})
	for _, f := range rep.Failed {
		fmt.Fprintf(stderr, "dateline: sample %s: %s\n", f.Name, f.Reason)
	}
	fmt.Fprintf(stderr, "dateline: empty database: loaded %d sample article(s) into the story %q\n", rep.Stored, opt.StorySlug)
	if len(rep.Failed) > 0 {
		return models.Errorf(models.EINTERNAL, "%d sample file(s) failed to load", len(rep.Failed))
	}
	return nil
}

// sampleJobs reads the manifest of fsys (every .txt and .html file, in name
// order, when there is none) and returns one ingest job per file.
func sampleJobs(fsys fs.FS) ([]ingestJob, store.SaveOptions, error) {
	m, err := readManifest(fsys)
	if err != nil {
		return nil, store.SaveOptions{}, err
	}
	opt := store.SaveOptions{StorySlug: firstNonEmpty(m.Story.Slug, m.Slug, sampleStory),
		StoryTitle: firstNonEmpty(m.Story.Title, m.Title), StoryDescription: firstNonEmpty(m.Story.Description, m.Desc)}
	var jobs []ingestJob
	for _, f := range append(m.Articles, m.Files...) {
		in := extract.Input{Name: f.File, Source: f.Source, URL: f.URL,
			Format: firstNonEmpty(f.Format, ingestExts[strings.ToLower(path.Ext(f.File))])}
		for _, p := range []struct {
			s   string
			dst **time.Time
		}{{f.FetchedAt, &in.FetchedAt}, {f.PublishedAt, &in.PublishedAt}} {
			if p.s == "" {
				continue
			}
			t, err := parseTime(p.s)
			if err != nil {
				return nil, opt, models.Errorf(models.EINTERNAL, "sample manifest, %s: %v", f.File, err)
			}
			*p.dst = &t
		}
		jobs = append(jobs, ingestJob{name: "samples/" + f.File, load: func(context.Context) (extract.Input, error) {
			b, err := fs.ReadFile(fsys, f.File)
			in.Data = b
			return in, err
		}})
	}
	return jobs, opt, nil
}

// readManifest parses manifest.json: an object (story fields plus
// "articles" or "files") or a bare list of files. Without a manifest every
// ingestible file is listed without times.
func readManifest(fsys fs.FS) (sampleManifest, error) {
	var m sampleManifest
	b, err := fs.ReadFile(fsys, "manifest.json")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		names, _ := fs.Glob(fsys, "*")
		sort.Strings(names)
		for _, n := range names {
			if ingestExts[strings.ToLower(path.Ext(n))] != "" {
				m.Files = append(m.Files, sampleFile{File: n})
			}
		}
		return m, nil
	case err != nil:
		return m, models.Wrap(models.EINTERNAL, err, "reading the sample manifest")
	case bytes.HasPrefix(bytes.TrimSpace(b), []byte("[")):
		err = json.Unmarshal(b, &m.Files)
	default:
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		return m, models.Wrap(models.EINTERNAL, err, "parsing the sample manifest")
	}
	return m, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
