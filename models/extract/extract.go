// Package extract turns one input (a file, an HTML page, a pasted aggregator
// page) into articles with their dated events, attributed quotes and time
// expressions. Extract is a pure, deterministic function of its input: the
// reference times come in as arguments and nothing here reads a clock.
package extract

import (
	"bytes"
	"strings"
	"time"

	"dateline/models"
	"dateline/models/temporal"
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

// Extract reads in and returns its articles with their events, quotes and
// time expressions. It fails with EINVALID for input that is not text.
func Extract(in Input) (models.Extraction, error) {
	if err := LanguageError(); err != nil {
		return models.Extraction{}, err
	}
	src, err := text.Decode(in.Data)
	if err != nil {
		return models.Extraction{}, models.Wrap(models.EINVALID, err, "%s", in.Name)
	}
	var arts []models.ExtractedArticle
	switch {
	case in.Plain:
		arts = []models.ExtractedArticle{{Body: src, URL: in.URL, Source: in.Source}}
	case in.Format == FormatHTML || (in.Format == FormatAuto && looksLikeHTML([]byte(src))):
		page, err := text.FromHTMLAt([]byte(src), in.URL, in.FetchedAt)
		if err != nil {
			return models.Extraction{}, models.Wrap(models.EINVALID, err, "%s: cannot read HTML", in.Name)
		}
		arts = []models.ExtractedArticle{{Title: page.Title, Body: page.Body, URL: in.URL,
			Source: page.SiteName, PublishedAt: page.PublishedAt, PublishedPrecision: page.PublishedPrecision,
			PublishedBy: page.PublishedBy}}
	default:
		arts = splitPage(src, in.FetchedAt)
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
		analyse(a)
	}
	return models.Extraction{Articles: arts}, nil
}

// analyse fills in the time expressions, quotes and events of one article.
// Relative dates resolve against the publication time, or against the fetch
// time when the publication time is unknown (ResolvedAgainst says which).
func analyse(a *models.ExtractedArticle) {
	var ref time.Time
	switch {
	case a.PublishedAt != nil:
		ref, a.ResolvedAgainst = *a.PublishedAt, "published"
	case a.FetchedAt != nil:
		ref, a.ResolvedAgainst = *a.FetchedAt, "fetched"
	}
	// The finders and the sentence splitter read the body as runes, and
	// both finders its tokens and the known actors it names: make them once.
	t := readBody(a.Body)
	sents := text.SentencesOf(a.Body, t.src.r)
	if ref.IsZero() {
		a.Timexes = temporal.TagUnanchored(a.Body)
	} else {
		a.Timexes = temporal.Tag(a.Body, ref)
	}
	a.Quotes, a.People = findQuotesIn(t, sents)
	a.Events = findEventsIn(t, sents, a.Timexes, a.Quotes)
	if a.Timexes == nil {
		a.Timexes = []models.Timex{}
	}
	if a.Quotes == nil {
		a.Quotes = []models.ExtractedQuote{}
	}
	if a.Events == nil {
		a.Events = []models.ExtractedEvent{}
	}
}

func looksLikeHTML(b []byte) bool {
	head := strings.ToLower(string(bytes.TrimSpace(b[:min(len(b), 1024)])))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<body")
}
