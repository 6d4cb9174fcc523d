package views

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"time"

	"dateline/models"
	"dateline/models/threads"
)

// Columns of the CSV exports. They are a contract with researchers'
// scripts: add columns at the end, never rename or reorder. Dates are
// ISO 8601 (RFC 3339 in UTC for times); "date" is the normalised event date
// at its precision ("granularity": time, day, week, month, quarter, year).
var (
	EventColumns = []string{"event_id", "date", "granularity", "sort_at", "kind", "cameo",
		"summary", "actors", "deadline_set_by", "deadline_demand", "deadline_consequence",
		"article_id", "title", "source", "url", "published_at", "sentence", "expression", "corrections"}
	QuoteColumns = []string{"quote_id", "kind", "text", "speaker", "speaker_slug", "placed_at",
		"article_id", "title", "source", "url", "published_at", "speaker_mention", "cue",
		"venue", "sentence", "start", "end", "context", "context_start", "context_end",
		"speaker_kind", "verb", "said_at", "said_granularity", "reported_at", "appearance_kind", "conduit", "corrections"}
	ArticleColumns = []string{"article_id", "title", "source", "url", "published_at",
		"published_precision", "fetched_at", "duplicate_of_id", "events", "quotes"}
)

// SafeCell neutralises a cell a spreadsheet would run as a formula (one
// starting with = + - @, a tab or a carriage return) by prefixing a single
// quote, as OWASP advises. Everything else is returned unchanged.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// RowWriter writes export rows one at a time, as CSV or as a JSON array,
// so an export of any size is streamed rather than built in memory.
type RowWriter struct {
	csv   *csv.Writer
	w     io.Writer
	json  *json.Encoder
	count int
}

// NewCSVWriter returns a RowWriter writing CSV with the given header.
func NewCSVWriter(w io.Writer, header []string) (*RowWriter, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	return &RowWriter{csv: cw, w: w}, nil
}

// NewJSONWriter returns a RowWriter writing one JSON array, an object per row.
func NewJSONWriter(w io.Writer) *RowWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &RowWriter{w: w, json: enc}
}

func (r *RowWriter) write(row any, cells func() []string) error {
	if r.csv != nil {
		cs := cells()
		for i := range cs {
			cs[i] = SafeCell(cs[i])
		}
		return r.csv.Write(cs)
	}
	sep := ","
	if r.count == 0 {
		sep = "["
	}
	r.count++
	if _, err := io.WriteString(r.w, sep); err != nil {
		return err
	}
	return r.json.Encode(row)
}

// Close finishes the output: flushes CSV, closes the JSON array.
func (r *RowWriter) Close() error {
	if r.csv != nil {
		r.csv.Flush()
		return r.csv.Error()
	}
	end := "]\n"
	if r.count == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(r.w, end)
	return err
}

// Flush pushes buffered CSV rows to the underlying writer.
func (r *RowWriter) Flush() {
	if r.csv != nil {
		r.csv.Flush()
	}
}

// Event writes one events row.
func (r *RowWriter) Event(e *models.EventRow) error {
	return r.write(e, func() []string {
		return []string{id(e.EventID), e.Date, e.Granularity, e.SortAt.UTC().Format(time.RFC3339),
			e.Kind, e.Cameo, e.Summary, e.Actors, e.DeadlineSetBy, e.DeadlineDemand,
			e.DeadlineConsequence, id(e.ArticleID), e.Title, e.Source, e.URL,
			ISODate(e.PublishedAt), e.Sentence, e.Expression, strconv.Itoa(e.Corrections)}
	})
}

// Quote writes one quotes row.
func (r *RowWriter) Quote(q *models.QuoteRow) error {
	return r.write(q, func() []string {
		return []string{id(q.QuoteID), q.Kind, q.Text, q.Speaker, q.SpeakerSlug, ISODate(q.PlacedAt),
			id(q.ArticleID), q.Title, q.Source, q.URL, ISODate(q.PublishedAt), q.SpeakerMention,
			q.Cue, q.Venue, q.Sentence, strconv.Itoa(q.Start), strconv.Itoa(q.End), q.Context,
			strconv.Itoa(q.ContextStart), strconv.Itoa(q.ContextEnd), q.SpeakerKind, q.Verb, q.SaidAt,
			q.SaidGranularity, ISODate(q.ReportedAt), q.AppearanceKind, q.Conduit, strconv.Itoa(q.Corrections)}
	})
}

// DeadlineColumns are the columns of /export/deadlines.csv: one row per
// change of a deadline thread.
var DeadlineColumns = []string{"story", "thread_id", "kind", "set_by", "target", "demand", "consequence",
	"subject", "status", "change", "on", "due", "due_end", "article_id", "source", "sentence", "reports"}

// DeadlineChange writes one change of thread t of story slug.
func (r *RowWriter) DeadlineChange(slug string, t *threads.Thread, status string, ch *threads.Change) error {
	row := map[string]any{"story": slug, "thread_id": t.ID, "kind": t.Kind, "set_by": t.SetBy, "target": t.Target,
		"demand": t.Demand, "consequence": t.Consequence, "subject": t.Subject, "status": status, "change": ch.Change,
		"on": ch.On, "due": ch.Due, "due_end": ch.DueEnd, "article_id": ch.ArticleID, "source": ch.Source,
		"sentence": ch.Sentence, "reports": ch.Reports}
	return r.write(row, func() []string {
		return []string{slug, t.ID, t.Kind, t.SetBy, t.Target, t.Demand, t.Consequence, t.Subject, status,
			ch.Change, ch.On, ch.Due, ch.DueEnd, id(ch.ArticleID), ch.Source, ch.Sentence, strconv.Itoa(ch.Reports)}
	})
}

// Article writes one articles row.
func (r *RowWriter) Article(a *models.ArticleRow) error {
	return r.write(a, func() []string {
		dup := ""
		if a.DuplicateOfID != nil {
			dup = id(*a.DuplicateOfID)
		}
		return []string{id(a.ArticleID), a.Title, a.Source, a.URL, ISODate(a.PublishedAt),
			a.PublishedPrecision, ISODate(a.FetchedAt), dup, strconv.Itoa(a.Events), strconv.Itoa(a.Quotes)}
	})
}

func id(n uint) string { return strconv.FormatUint(uint64(n), 10) }
