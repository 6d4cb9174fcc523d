package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"dateline/models"
)

// The exports stream: rows are read from the database a batch at a time and
// handed to fn, so an export of any size needs constant memory. fn's error
// stops the export and is returned. fn must not keep the row it is given:
// its memory is used again for a later row.
//
// Reading and writing run side by side: one goroutine steps the query and
// scans rows into batches of exportBatch while the caller's goroutine hands
// the previous batch to fn (formatting CSV or JSON and writing it), with at
// most exportQueue batches waiting. The driver's stepping took about three
// quarters of an export's time and formatting the rest; on two cores the
// two overlap.
//
// Their queries run under a context without ctx's cancellation: go-sqlite3
// steps every row of a cancellable query in a goroutine of its own so it can
// watch the context, which took a fifth of an export's time. eachRow checks
// ctx itself every few hundred rows instead, and a client that goes away
// also stops the export through fn's failing writes.

// EachEventRow calls fn for every (event, reporting article) pair passing
// f, ordered by event date, event, article.
func (s *Store) EachEventRow(ctx context.Context, f models.Filter, fn func(*models.EventRow) error) error {
	cs, err := eventFilterConds(f)
	if err != nil {
		return err
	}
	if f.Story != "" {
		st, err := s.StoryBySlug(ctx, f.Story)
		if err != nil {
			return err
		}
		sc, err := storyEventsCond(st)
		if err != nil {
			return err
		}
		cs = append(cs, sc)
	}
	q := s.rdb.WithContext(context.WithoutCancel(ctx)).Table("events AS e").
		Select(`e.id AS event_id, e.sort_at, es.article_id, a.published_at, e.version, ` + s.d.packedText("e.date", "e.granularity",
			"e.kind", "e.cameo", "e.summary", "e.actors", "e.deadline_set_by", "e.deadline_demand", "e.deadline_consequence",
			"a.title", "src.name", "a.url", "es.sentence", "es.expression")).
		Joins("JOIN event_sources es ON es.event_id = e.id").
		Joins("JOIN articles a ON a.id = es.article_id").
		Joins("LEFT JOIN sources src ON src.id = a.source_id").
		Order("e.sort_at, e.id, es.article_id")
	return eachRow(ctx, apply(q, cs), f.Limit, func(rows *sql.Rows, r *models.EventRow) error {
		var packed string
		if err := rows.Scan(&r.EventID, &r.SortAt, &r.ArticleID, &r.PublishedAt, &r.Corrections, &packed); err != nil {
			return err
		}
		return unpackText(packed, &r.Date, &r.Granularity, &r.Kind, &r.Cameo, &r.Summary, &r.Actors,
			&r.DeadlineSetBy, &r.DeadlineDemand, &r.DeadlineConsequence, &r.Title, &r.Source, &r.URL,
			&r.Sentence, &r.Expression)
	}, fn)
}

// EachQuoteRow calls fn for every (quote, article it appears in) pair
// passing f, ordered by the date said (unknown last), quote, article.
func (s *Store) EachQuoteRow(ctx context.Context, f models.Filter, fn func(*models.QuoteRow) error) error {
	cs, err := s.quoteConds(ctx, f)
	if err != nil {
		return err
	}
	q := s.rdb.WithContext(context.WithoutCancel(ctx)).Table("quotes AS q").
		Select(`q.id, q.said_at, qa.article_id, a.published_at, qa."start", qa."end", qa.context_start, qa.context_end,
			q.reported_at, q.version, ` + s.d.packedText("q.kind", "q.text", "coalesce(p.name, q.speaker_label)", "p.slug",
			"a.title", "src.name", "a.url", "qa.speaker_mention", "qa.cue", "qa.venue", "qa.sentence",
			"qa.context", "q.speaker_kind", "coalesce(nullif(qa.verb, ''), q.verb)", "q.said_value", "q.said_granularity",
			"qa.kind", "qa.conduit")).
		Joins("JOIN quote_appearances qa ON qa.quote_id = q.id").
		Joins("JOIN articles a ON a.id = qa.article_id").
		Joins("LEFT JOIN sources src ON src.id = a.source_id").
		Joins("LEFT JOIN people p ON p.id = q.speaker_id").
		Order("q.said_at IS NULL, q.said_at, q.id, qa.article_id")
	return eachRow(ctx, apply(q, cs), f.Limit, func(rows *sql.Rows, r *models.QuoteRow) error {
		var packed string
		if err := rows.Scan(&r.QuoteID, &r.PlacedAt, &r.ArticleID, &r.PublishedAt, &r.Start, &r.End,
			&r.ContextStart, &r.ContextEnd, &r.ReportedAt, &r.Corrections, &packed); err != nil {
			return err
		}
		return unpackText(packed, &r.Kind, &r.Text, &r.Speaker, &r.SpeakerSlug, &r.Title, &r.Source, &r.URL,
			&r.SpeakerMention, &r.Cue, &r.Venue, &r.Sentence, &r.Context, &r.SpeakerKind, &r.Verb,
			&r.SaidAt, &r.SaidGranularity, &r.AppearanceKind, &r.Conduit)
	}, fn)
}

// EachArticleRow calls fn for every article passing f (source, from/to on
// the publication date, story, speaker quoted in it, kind of event it
// reports), ordered by publication date (unknown last).
func (s *Store) EachArticleRow(ctx context.Context, f models.Filter, fn func(*models.ArticleRow) error) error {
	cs, err := s.articleConds(ctx, f)
	if err != nil {
		return err
	}
	q := s.rdb.WithContext(context.WithoutCancel(ctx)).Table("articles AS a").
		Select(`a.id, a.title, coalesce(src.name, ''), a.url, a.published_at, a.published_precision, a.fetched_at,
			a.duplicate_of_id, (SELECT count(*) FROM event_sources WHERE article_id = a.id),
			(SELECT count(*) FROM quote_appearances WHERE article_id = a.id)`).
		Joins("LEFT JOIN sources src ON src.id = a.source_id").
		Order("a.published_at IS NULL, a.published_at, a.id")
	return eachRow(ctx, apply(q, cs), f.Limit, func(rows *sql.Rows, r *models.ArticleRow) error {
		var dup sql.NullInt64
		if err := rows.Scan(&r.ArticleID, &r.Title, &r.Source, &r.URL, &r.PublishedAt, &r.PublishedPrecision,
			&r.FetchedAt, &dup, &r.Events, &r.Quotes); err != nil {
			return err
		}
		if dup.Valid {
			id := uint(dup.Int64)
			r.DuplicateOfID = &id
		}
		return nil
	}, fn)
}

// articleConds turns a filter into conditions on articles a.
func (s *Store) articleConds(ctx context.Context, f models.Filter) ([]cond, error) {
	var cs []cond
	if f.Source != "" {
		cs = append(cs, cond{"src.name = ?", []any{f.Source}})
	}
	from, to, err := dayRange(f.From, f.To)
	if err != nil {
		return nil, err
	}
	cs = append(cs, timeConds("a.published_at", from, to)...)
	if sp := firstNonEmpty(f.Speaker, f.Person); sp != "" {
		c := speakerCond(sp)
		cs = append(cs, cond{"a.id IN (SELECT qa.article_id FROM quote_appearances qa JOIN quotes q ON q.id = qa.quote_id WHERE " +
			c.sql + ")", c.args})
	}
	if f.Kind != "" {
		cs = append(cs, cond{`a.id IN (SELECT kes.article_id FROM event_sources kes JOIN events ke ON ke.id = kes.event_id
			WHERE ke.kind = ?)`, []any{f.Kind}})
	}
	if f.Story != "" {
		st, err := s.StoryBySlug(ctx, f.Story)
		if err != nil {
			return nil, err
		}
		ac, err := storyArticlesCond(st, "a.id")
		if err != nil {
			return nil, err
		}
		cs = append(cs, ac)
	}
	return cs, nil
}

// The text columns of the events and quotes exports come packed into one
// value (see dialect.packedText): with go-sqlite3 every column of every row
// costs a few calls from Go into C, and the fourteen text columns of an
// events row took most of an export's time (reading the 100k-row events
// export alone: 212k rows/s column by column, 290-300k packed).

// unpackText cuts a value made by packedText into dst, in order.
func unpackText(packed string, dst ...*string) error {
	s := packed
	for _, d := range dst {
		colon := strings.IndexByte(s, ':')
		n, err := strconv.Atoi(s[:max(colon, 0)])
		if colon < 0 || err != nil || n < 0 || n > len(s)-colon-1 {
			return models.Errorf(models.EINTERNAL, "a packed export row is malformed at %q", s[:min(len(s), 20)])
		}
		*d, s = s[colon+1:colon+1+n], s[colon+1+n:]
	}
	if s != "" {
		return models.Errorf(models.EINTERNAL, "a packed export row has %d bytes too many", len(s))
	}
	return nil
}

const (
	exportBatch = 256 // rows handed over at a time
	exportQueue = 2   // batches read ahead of the writer
)

// eachRow runs q and calls fn for each row, scanned into a T by scan, up
// to limit rows (0: all), stopping with ctx's error once ctx is done. The
// rows are read on a goroutine of their own (see above); fn runs on the
// caller's.
func eachRow[T any](ctx context.Context, q *gorm.DB, limit int, scan func(*sql.Rows, *T) error, fn func(*T) error) error {
	if limit > 0 {
		q = q.Limit(limit)
	}
	rows, err := q.Rows()
	if err != nil {
		return dbError(err, "reading the export")
	}
	full := make(chan []T, exportQueue)
	free := make(chan []T, exportQueue+2)
	stop := make(chan struct{})
	var readErr error // set before full is closed
	go func() {
		defer close(full)
		defer rows.Close()
		readErr = readBatches(ctx, rows, scan, full, free, stop)
	}()
	var writeErr error
	for batch := range full {
		for i := 0; i < len(batch) && writeErr == nil; i++ {
			if writeErr = fn(&batch[i]); writeErr != nil {
				close(stop) // the reader stops at its next hand-over
			}
		}
		select {
		case free <- batch:
		default:
		}
	}
	if writeErr != nil {
		return writeErr
	}
	return dbError(readErr, "reading the export")
}

// readBatches scans rows into batches and sends them on full, reusing the
// batches that come back on free, until the rows end, ctx is done (checked
// every exportBatch rows) or stop is closed.
func readBatches[T any](ctx context.Context, rows *sql.Rows, scan func(*sql.Rows, *T) error, full chan<- []T, free <-chan []T, stop <-chan struct{}) error {
	batch := make([]T, 0, exportBatch)
	send := func() bool {
		select {
		case full <- batch:
		case <-stop:
			return false
		}
		select {
		case batch = <-free:
			batch = batch[:0]
		default:
			batch = make([]T, 0, exportBatch)
		}
		return true
	}
	var zero T
	for rows.Next() {
		batch = append(batch, zero)
		if err := scan(rows, &batch[len(batch)-1]); err != nil {
			return err
		}
		if len(batch) == exportBatch {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if !send() {
				return nil
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		send()
	}
	return nil
}
