// Package extract turns one input (a file, an HTML page, a pasted aggregator
// page) into articles with their dated events, attributed quotes and time
// expressions. Extract is a pure, deterministic function of its input: the
// reference times come in as arguments and nothing here reads a clock.
package extract

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"time"

	"dateline/data"
	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/extract/pages"
	"dateline/models/text"
)

// Formats of an input.
const (
	FormatAuto = ""
	FormatText = "text"
	FormatHTML = "html"
)

// Input is one thing to read.
type Input struct {
	Name        string // file name or URL, for messages
	Data        []byte
	Format      string // FormatText, FormatHTML, or FormatAuto to sniff
	URL         string
	Source      string     // outlet name given by the user; overrides detection
	PublishedAt *time.Time // given by the user; overrides detection
	FetchedAt   *time.Time // when the page was saved; relative ages resolve against it
	// Plain makes the whole text exactly one article whose body is the text
	// unchanged, so offsets index the given text.
	Plain bool
}

// Extractor reads inputs in one language. Make one with New at start and
// share it: it is read-only and safe for concurrent use.
type Extractor struct {
	lang *doc.Language
}

// New returns the extractor of the language lang, whose data is the folder
// data/lexicon/<lang> (English is "en", the only one today). The data is
// loaded and checked here: a missing, empty or malformed file is an error
// naming the file and line.
func New(lang string) (*Extractor, error) {
	return NewFrom(data.Lexicons(), lang)
}

// NewFrom is New with the language data read from fsys, laid out as
// data/lexicon (kinds.txt and a folder a language): a test's own lexicon,
// or one a newsroom edits without rebuilding.
func NewFrom(fsys fs.FS, lang string) (*Extractor, error) {
	lg, err := doc.Load(fsys, lang)
	if err != nil {
		return nil, models.Wrap(models.EINTERNAL, err, "language data")
	}
	return &Extractor{lang: lg}, nil
}

// Language returns the name of the extractor's language ("en").
func (x *Extractor) Language() string { return x.lang.Name }

// Extract reads in and returns its articles with their events, quotes and
// time expressions. It fails with EINVALID for input that is not text.
func (x *Extractor) Extract(in Input) (models.Extraction, error) {
	return x.ExtractContext(context.Background(), in)
}

// ExtractContext is Extract that gives up when ctx ends: it checks ctx
// between stages and between the windows of a long body, so it returns
// within a fraction of a second of the deadline with an ETIMEOUT error that
// wraps ctx.Err(), and leaves no work running behind it.
func (x *Extractor) ExtractContext(ctx context.Context, in Input) (models.Extraction, error) {
	if err := doc.Stopped(ctx); err != nil {
		return models.Extraction{}, err
	}
	arts, err := readArticles(ctx, in)
	if err != nil {
		return models.Extraction{}, err
	}
	for i := range arts {
		a := &arts[i]
		if in.Source != "" {
			a.Source = in.Source
		}
		if a.URL == "" {
			a.URL = in.URL
		}
		if in.PublishedAt != nil {
			t := in.PublishedAt.UTC()
			a.PublishedAt, a.PublishedPrecision, a.PublishedBy = &t, models.PrecHour, "flag"
		}
		if a.PublishedAt == nil {
			a.PublishedPrecision, a.PublishedBy = models.PrecUnknown, "none"
		}
		a.FetchedAt = in.FetchedAt
		if err := x.analyse(ctx, a); err != nil {
			return models.Extraction{}, err
		}
	}
	return models.Extraction{Articles: arts}, nil
}

// readArticles decodes in and cuts it into articles without their
// analysis: one for plain text and HTML, as many as the page holds else.
func readArticles(ctx context.Context, in Input) ([]models.ExtractedArticle, error) {
	src, err := text.Decode(in.Data)
	if err != nil {
		return nil, models.Wrap(models.EINVALID, err, "%s", in.Name)
	}
	switch {
	case in.Plain:
		return []models.ExtractedArticle{{Body: src, URL: in.URL, Source: in.Source}}, nil
	case in.Format == FormatHTML || (in.Format == FormatAuto && looksLikeHTML([]byte(src))):
		page, err := text.FromHTMLAt([]byte(src), in.URL, in.FetchedAt)
		if err != nil {
			return nil, models.Wrap(models.EINVALID, err, "%s: cannot read HTML", in.Name)
		}
		return []models.ExtractedArticle{{Title: page.Title, Body: page.Body, URL: in.URL,
			Source: page.SiteName, PublishedAt: page.PublishedAt, PublishedPrecision: page.PublishedPrecision,
			PublishedBy: page.PublishedBy}}, nil
	}
	return pages.SplitPageContext(ctx, src, in.FetchedAt)
}

func looksLikeHTML(b []byte) bool {
	head := strings.ToLower(string(bytes.TrimSpace(b[:min(len(b), 1024)])))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<body")
}
