package extract

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/extract/events"
	"dateline/models/extract/quotes"
	"dateline/models/temporal"
)

// windowBytes is the most body text analysed at once. The finders hold
// about a hundred bytes of tokens, runes and sentences per byte of text, so
// a 10 MB body read whole needed over a gigabyte; read in windows its cost
// is bounded by the window plus what was found. News articles are far
// shorter, so for them the window is the whole body and nothing changes.
const windowBytes = 256 << 10

// analyse fills in the time expressions, quotes and events of one article.
// Relative dates resolve against the publication time, or against the fetch
// time when the publication time is unknown (ResolvedAgainst says which).
// A body longer than windowBytes is read window by window, cut at paragraph
// breaks; a quote or a short name whose full form is in an earlier window
// can be missed at a window's edge. It fails with ETIMEOUT when ctx ends.
func (x *Extractor) analyse(ctx context.Context, a *models.ExtractedArticle) error {
	var ref time.Time
	switch {
	case a.PublishedAt != nil:
		ref, a.ResolvedAgainst = *a.PublishedAt, "published"
	case a.FetchedAt != nil:
		ref, a.ResolvedAgainst = *a.FetchedAt, "fetched"
	}
	var found findings
	windows := 0
	for off, runes := 0, 0; windows == 0 || off < len(a.Body); windows++ {
		end := windowEnd(a.Body, off, windowBytes)
		w, err := x.analyseWindow(ctx, a.Body[off:end], ref)
		if err != nil {
			return err
		}
		found.add(w, runes)
		runes += utf8.RuneCountInString(a.Body[off:end])
		off = end
	}
	if windows > 1 {
		// The same happening told in two windows is one event, as it is
		// when told twice in one.
		found.events = events.MergeEvents(found.events)
	}
	a.Timexes, a.Quotes, a.Events, a.People = found.timexes, found.quotes, found.events, found.people
	for i := range a.Quotes {
		a.Quotes[i].ReportedAt = a.PublishedAt
	}
	if a.Timexes == nil {
		a.Timexes = []models.Timex{}
	}
	if a.Quotes == nil {
		a.Quotes = []models.ExtractedQuote{}
	}
	if a.Events == nil {
		a.Events = []models.ExtractedEvent{}
	}
	return nil
}

// findings is what the finders found in one window, or in the windows of
// one body so far.
type findings struct {
	timexes []models.Timex
	quotes  []models.ExtractedQuote
	events  []models.ExtractedEvent
	people  []models.ExtractedPerson
}

// stages are the finders in the order they run over one document: each
// reads what doc.New and the stages before it put there, and adds its own.
var stages = []func(*doc.Document){
	tagTimes,    // time expressions
	quotes.Find, // quotes, their speakers and the people named
	events.Find, // dated events, which take statements' words from the quotes
}

// tagTimes is the time stage: the time expressions of the body, resolved
// against the document's reference time when it has one.
func tagTimes(d *doc.Document) {
	if d.Ref.IsZero() {
		d.Timexes = temporal.TagUnanchored(d.Src.String())
	} else {
		d.Timexes = temporal.Tag(d.Src.String(), d.Ref)
	}
}

// analyseWindow runs the stages on body, one window, checking ctx
// between them; offsets are rune offsets into body.
func (x *Extractor) analyseWindow(ctx context.Context, body string, ref time.Time) (findings, error) {
	if err := doc.Stopped(ctx); err != nil {
		return findings{}, err
	}
	d := doc.New(x.lang, body, ref)
	for _, st := range stages {
		st(d)
		if err := doc.Stopped(ctx); err != nil {
			return findings{}, err
		}
	}
	return findings{timexes: d.Timexes, quotes: d.Quotes, events: d.Events, people: d.People}, nil
}

// add appends the findings w of a window that starts base runes into the
// body, moving their offsets to the body's. A person found again keeps one
// entry, with the aliases of both.
func (f *findings) add(w findings, base int) {
	if base == 0 && f.timexes == nil && f.quotes == nil && f.events == nil && f.people == nil {
		*f = w
		return
	}
	for _, x := range w.timexes {
		x.Start, x.End = x.Start+base, x.End+base
		f.timexes = append(f.timexes, x)
	}
	for _, q := range w.quotes {
		q.Start, q.End = q.Start+base, q.End+base
		if q.SpeakerMention != nil {
			m := *q.SpeakerMention
			m.Start, m.End = m.Start+base, m.End+base
			q.SpeakerMention = &m
		}
		f.quotes = append(f.quotes, q)
	}
	for _, e := range w.events {
		e.Start, e.End = e.Start+base, e.End+base
		f.events = append(f.events, e)
	}
	f.addPeople(w.people)
}

// addPeople merges people into f.people by name.
func (f *findings) addPeople(people []models.ExtractedPerson) {
	for _, p := range people {
		i := 0
		for i < len(f.people) && f.people[i].Name != p.Name {
			i++
		}
		if i == len(f.people) {
			f.people = append(f.people, p)
			continue
		}
		for _, al := range p.Aliases {
			if !slices.Contains(f.people[i].Aliases, al) {
				f.people[i].Aliases = append(f.people[i].Aliases, al)
			}
		}
	}
}

// windowEnd returns where the window of at most max bytes that starts at
// off ends: the end of the body, or else the last paragraph break, line
// break, sentence end or space in the window's second half, or else the
// last rune boundary.
func windowEnd(body string, off, max int) int {
	if len(body)-off <= max {
		return len(body)
	}
	w := body[off : off+max]
	for _, sep := range []string{"\n\n", "\n", ". ", " "} {
		if i := strings.LastIndex(w, sep); i >= max/2 {
			return off + i + len(sep)
		}
	}
	end := off + max
	for end > off+1 && !utf8.RuneStart(body[end]) {
		end--
	}
	return end
}
