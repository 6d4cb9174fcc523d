package store

import (
	"database/sql"
	"time"

	"dateline/models"
)

// quotes stores the article's quotes. The same words (models.QuoteKey) in
// another article are one Quote with one more QuoteAppearance; a stored quote
// without a speaker takes this article's, and SaidAt keeps the earliest
// publication time among the articles carrying it.
func (w *writer) quotes(a *models.ExtractedArticle, articleID uint, reg map[string]personRef, r *SaveResult) error {
	saidAt := utc(a.PublishedAt)
	for i := range a.Quotes {
		q := &a.Quotes[i]
		norm := models.NormaliseQuote(q.Text)
		if norm == "" {
			continue
		}
		var speaker *uint
		if q.Speaker != nil {
			if ref, ok := reg[*q.Speaker]; ok {
				speaker = &ref.ID
			}
		}
		kind := q.Kind
		if kind == "" {
			kind = models.QuoteDirect
		}
		key := models.NormalisedQuoteKey(norm)
		id, isNew, err := w.quote(key, q.Text, kind, speaker, saidAt)
		if err != nil {
			return err
		}
		if isNew {
			r.NewQuotes++
		} else {
			r.MergedQuotes++
		}
		if id == 0 {
			return models.Errorf(models.EINTERNAL, "quote %q vanished while saving", q.Text)
		}
		if err := w.appearance(q, id, articleID); err != nil {
			return err
		}
	}
	return nil
}

// appearance records one article's copy of a quote with its attribution there.
func (w *writer) appearance(q *models.ExtractedQuote, quoteID, articleID uint) error {
	mention := ""
	if q.SpeakerMention != nil {
		mention = q.SpeakerMention.Text
	}
	return w.exec(`INSERT INTO quote_appearances (quote_id, article_id, "start", "end", speaker_mention, cue, venue, sentence)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		quoteID, articleID, q.Start, q.End, mention, q.Cue, q.Venue, q.Sentence)
}

// storedQuote is what the writer knows of a quote row it met in this
// transaction: enough to tell whether another copy changes it.
type storedQuote struct {
	id         uint
	hasSpeaker bool
	// saidBy is a time the stored said_at is known to be at or before
	// (nil: nothing known); a copy published later changes nothing.
	saidBy *time.Time
}

// quote inserts the quote with key, or merges this copy into the stored
// one: a stored quote without a speaker takes this one, and said_at keeps
// the earliest time. The same quote often appears in many articles; the
// writer remembers the rows it met in this transaction and reads a row
// stored before it by key, so a copy that changes nothing costs at most one
// look-up. (Trying the insert first cost a failed insert and an update of
// an unchanged row for every repeat: 41 us, the look-up 5 us.)
func (w *writer) quote(key, text, kind string, speaker *uint, saidAt *time.Time) (id uint, isNew bool, err error) {
	st, known := w.knownQuotes[key]
	if !known {
		if st, known, err = w.storedQuote(key); err != nil {
			return 0, false, err
		}
	}
	if known {
		later := saidAt == nil || (st.saidBy != nil && !saidAt.Before(*st.saidBy))
		if (speaker == nil || st.hasSpeaker) && later {
			w.rememberQuote(key, st)
			return st.id, false, nil
		}
		return w.updateQuote(key, st, known, speaker, saidAt)
	}
	ids, err := w.ids(`INSERT INTO quotes (key, text, kind, speaker_id, said_at, created_at)
		VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT (key) DO NOTHING RETURNING id`,
		key, text, kind, speaker, saidAt)
	if err != nil {
		return 0, false, err
	}
	if len(ids) == 0 {
		// Another writer stored it since the look-up (PostgreSQL).
		return w.updateQuote(key, storedQuote{}, false, speaker, saidAt)
	}
	w.rememberQuote(key, storedQuote{id: ids[0], hasSpeaker: speaker != nil, saidBy: saidAt})
	return ids[0], true, nil
}

// storedQuote reads the stored quote with key, if there is one.
func (w *writer) storedQuote(key string) (st storedQuote, found bool, err error) {
	err = w.rows(`SELECT id, speaker_id IS NOT NULL, said_at FROM quotes WHERE key = ?`, []any{key},
		func(r *sql.Rows) error {
			found = true
			return r.Scan(&st.id, &st.hasSpeaker, &st.saidBy)
		})
	return st, found, err
}

// updateQuote merges this copy into the stored quote with key (see quote);
// old is what the writer knew of it, when known.
func (w *writer) updateQuote(key string, old storedQuote, known bool, speaker *uint, saidAt *time.Time) (uint, bool, error) {
	st := storedQuote{hasSpeaker: speaker != nil, saidBy: saidAt}
	// A NULL saidAt compares to nothing, so it never replaces a date.
	err := w.rows(`UPDATE quotes SET speaker_id = coalesce(speaker_id, ?),
		said_at = CASE WHEN said_at IS NULL OR ? < said_at THEN coalesce(?, said_at) ELSE said_at END
		WHERE key = ? RETURNING id, speaker_id IS NOT NULL`, []any{speaker, saidAt, saidAt, key},
		func(r *sql.Rows) error { return r.Scan(&st.id, &st.hasSpeaker) })
	if err != nil {
		return 0, false, err
	}
	if known && saidAt == nil {
		st.saidBy = old.saidBy
	}
	w.rememberQuote(key, st)
	return st.id, false, nil
}

// rememberQuote notes what the writer knows of the quote row with key.
func (w *writer) rememberQuote(key string, st storedQuote) {
	if w.knownQuotes == nil {
		w.knownQuotes = map[string]storedQuote{}
	}
	w.knownQuotes[key] = st
}
