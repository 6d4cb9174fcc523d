package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"dateline/models"
	"dateline/models/extract"
)

// runExtract prints the extraction of one file (or stdin) as JSON, or in
// --jsonl mode reads JSON lines of documents and writes one line per input.
func runExtract(e *env) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	var in extract.Input
	fs.Var(&timeFlag{&in.FetchedAt}, "fetched-at", "when the page was saved (RFC 3339); relative ages resolve against it")
	fs.Var(&timeFlag{&in.PublishedAt}, "published", "publication time (RFC 3339); overrides detection")
	fs.StringVar(&in.Source, "source", "", "outlet name; overrides detection")
	fs.StringVar(&in.URL, "url", "", "the article's URL")
	e.cfg.limitFlags(fs)
	jsonl := fs.Bool("jsonl", false, `batch mode: read {"id","text","published_at"?,"fetched_at"?,"source"?,"url"?} lines on stdin`)
	plain := fs.Bool("plain", false, "the whole text is one article whose body is the text unchanged")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline extract [flags] FILE|-\n       dateline extract --jsonl [--plain] < docs.jsonl")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	if err := e.cfg.checkLimits(); err != nil {
		fmt.Fprintln(e.stderr, "dateline extract:", err)
		return 2
	}
	in.Plain = *plain
	if !e.useExtractor("extract") {
		return 1
	}
	if *jsonl {
		return extractJSONL(e, in)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	name := fs.Arg(0)
	data, mtime, err := readInput(e.ctx, e, name)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline extract:", err)
		return 1
	}
	in.Name, in.Data = name, data
	if formatOf(name) == extract.FormatHTML {
		in.Format = extract.FormatHTML
	}
	fromMtime := in.FetchedAt == nil && name != "-"
	if fromMtime {
		t := mtime.UTC()
		in.FetchedAt = &t
	}
	x, err := extractWithin(e.ctx, e.ex, in, e.cfg.ArticleTimeout)
	if err == nil && fromMtime && usesFetchedAt(x.Articles) {
		fmt.Fprintf(e.stderr, "dateline extract: note: %s\n", mtimeNote(name, *in.FetchedAt))
	}
	if err == nil && len(x.Articles) == 0 {
		// As ingest says of the same file; an empty answer would look
		// like success to a script.
		err = models.Errorf(models.EINVALID, "no article text found")
	}
	if err != nil {
		// The whole chain: the user runs this on their own file, and the
		// first message alone is often just the file's name.
		fmt.Fprintf(e.stderr, "dateline extract: %s: %s\n", name, failureReason(name, err))
		return 1
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		fmt.Fprintln(e.stderr, "dateline extract:", err)
		return 1
	}
	return 0
}

// jsonlDoc is one input line of extract --jsonl.
type jsonlDoc struct {
	ID          json.RawMessage `json:"id"`
	Text        string          `json:"text"`
	PublishedAt string          `json:"published_at"`
	FetchedAt   string          `json:"fetched_at"`
	Source      string          `json:"source"`
	URL         string          `json:"url"`
}

// jsonlOut is one output line of extract --jsonl.
type jsonlOut struct {
	ID       json.RawMessage           `json:"id"`
	Articles []models.ExtractedArticle `json:"articles"`
	Error    string                    `json:"error,omitempty"`
}

func extractJSONL(e *env, base extract.Input) int {
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 1<<20), int(e.cfg.MaxArticleBytes)*2+1<<20)
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed, line := 0, 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		out, err := extractLine(e, base, sc.Bytes(), line)
		if err != nil {
			failed++
			out.Error = models.ErrorMessage(err)
			fmt.Fprintf(e.stderr, "dateline extract: line %d: %s\n", line, out.Error)
		}
		if out.Articles == nil {
			out.Articles = []models.ExtractedArticle{}
		}
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(e.stderr, "dateline extract:", err)
			return 1
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(e.stderr, "dateline extract: reading stdin:", err)
		return 1
	}
	if failed > 0 {
		return 1
	}
	return 0
}

func extractLine(e *env, base extract.Input, raw []byte, line int) (jsonlOut, error) {
	var d jsonlDoc
	if err := json.Unmarshal(raw, &d); err != nil {
		return jsonlOut{ID: json.RawMessage("null")}, models.Errorf(models.EINVALID, "not a JSON object: %v", err)
	}
	out := jsonlOut{ID: d.ID}
	if len(out.ID) == 0 {
		out.ID = json.RawMessage(fmt.Sprint(line))
	}
	in := base
	in.Name, in.Data = fmt.Sprintf("line %d", line), []byte(d.Text)
	if d.Source != "" {
		in.Source = d.Source
	}
	if d.URL != "" {
		in.URL = d.URL
	}
	for _, p := range []struct {
		s   string
		dst **time.Time
	}{{d.PublishedAt, &in.PublishedAt}, {d.FetchedAt, &in.FetchedAt}} {
		if p.s == "" {
			continue
		}
		t, err := parseTime(p.s)
		if err != nil {
			return out, models.Errorf(models.EINVALID, "%v", err)
		}
		*p.dst = &t
	}
	if int64(len(in.Data)) > e.cfg.MaxArticleBytes {
		return out, models.Errorf(models.ETOOLARGE, "text larger than the %d-byte limit (--max-article-bytes)", e.cfg.MaxArticleBytes)
	}
	x, err := extractWithin(e.ctx, e.ex, in, e.cfg.ArticleTimeout)
	out.Articles = x.Articles
	return out, err
}

// extractWithin runs ex.ExtractContext on in, giving up after
// timeout (none when 0) or when ctx ends; the extractor stops itself at
// that point, so nothing runs on. A panic in extraction becomes this
// input's EINTERNAL error, not a crash.
func extractWithin(ctx context.Context, ex *extract.Extractor, in extract.Input, timeout time.Duration) (x models.Extraction, err error) {
	defer func() {
		if p := recover(); p != nil {
			x, err = models.Extraction{}, models.Errorf(models.EINTERNAL, "extraction crashed: %v", p)
		}
	}()
	parent := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	x, err = ex.ExtractContext(ctx, in)
	switch {
	case err == nil || models.ErrorCode(err) != models.ETIMEOUT:
		return x, err
	case parent.Err() != nil:
		return models.Extraction{}, models.Errorf(models.ETIMEOUT, "interrupted")
	}
	return models.Extraction{}, models.Errorf(models.ETIMEOUT, "extraction took longer than %s (--article-timeout, DATELINE_ARTICLE_TIMEOUT)", timeout)
}
