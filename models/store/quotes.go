package store

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dateline/models"
)

// A quote is its words and its speaker: the same normalised words
// (models.QuoteKey) from the same speaker in another article are one Quote
// with one more QuoteAppearance, and the same words from two different
// named speakers are two quotes. A copy whose speaker is unknown joins the
// one quote of those words when there is exactly one, and a named copy
// adopts a stored quote of its words whose speaker was unknown; fragments
// under shortWords words merge only with the same speaker, since "a
// terrible deal" from two people is two quotes. The placement time keeps
// the earliest of the copies, when said if a report says so, else when
// first reported.
const shortWords = 4

// quoteCopy is one article's copy of a quote, as the writer stores it.
type quoteCopy struct {
	textKey, text, kind string
	speaker             *uint
	short               bool
	verb, speakerKind   string
	label               string // an unnamed source's description
	saidValue, saidGran string
	placed, reported    *time.Time
}

// quoteKey is the stored key of words textKey from speaker (nil: unknown).
func quoteKey(textKey string, speaker *uint) string {
	if speaker == nil {
		return textKey + ":"
	}
	return textKey + ":p" + strconv.FormatUint(uint64(*speaker), 10)
}

// quotes stores the article's quotes (see quoteCopy and shortWords).
func (w *writer) quotes(a *models.ExtractedArticle, articleID uint, reg map[string]personRef, r *SaveResult) error {
	reported := utc(a.PublishedAt)
	for i := range a.Quotes {
		q := &a.Quotes[i]
		norm := models.NormaliseQuote(q.Text)
		if norm == "" {
			continue
		}
		c := quoteCopy{textKey: models.NormalisedQuoteKey(norm), text: q.Text, kind: q.Kind,
			short: strings.Count(norm, " ")+1 < shortWords, verb: q.Verb, speakerKind: q.SpeakerKind,
			placed: reported, reported: reported}
		if c.kind == "" {
			c.kind = models.QuoteDirect
		}
		if q.Speaker != nil {
			if ref, ok := reg[*q.Speaker]; ok {
				c.speaker = &ref.ID
			} else {
				c.label = *q.Speaker // an unnamed source, a body only its article names
			}
		}
		if q.SaidAt != nil {
			if t, ok := saidTime(*q.SaidAt, q.SaidGranularity); ok {
				c.saidValue, c.saidGran, c.placed = *q.SaidAt, q.SaidGranularity, &t
			}
		}
		id, isNew, err := w.quote(c)
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

// saidTime is the start of the period a said_at value names: the day, the
// Saturday of a weekend, the Monday of a week, the first of a month.
func saidTime(v, gran string) (time.Time, bool) {
	switch gran {
	case "day":
		t, err := time.Parse("2006-01-02", v)
		return t, err == nil
	case "month":
		t, err := time.Parse("2006-01", v)
		return t, err == nil
	case "week", "weekend":
		var y, wk int
		if n, err := fmtSscanWeek(v, &y, &wk); err != nil || n != 2 {
			return time.Time{}, false
		}
		// the Monday of ISO week wk: 4 January is always in week 1
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(wk-1))
		if gran == "weekend" {
			return monday.AddDate(0, 0, 5), true
		}
		return monday, true
	}
	return time.Time{}, false
}

// appearance records one article's copy of a quote with its attribution there.
func (w *writer) appearance(q *models.ExtractedQuote, quoteID, articleID uint) error {
	mention := ""
	if q.SpeakerMention != nil {
		mention = q.SpeakerMention.Text
	}
	ctx := models.Mention{}
	if q.Context != nil {
		ctx = *q.Context
	}
	said := ""
	if q.SaidAt != nil {
		said = *q.SaidAt
	}
	return w.exec(`INSERT INTO quote_appearances (quote_id, article_id, "start", "end", speaker_mention, cue, venue, sentence,
		kind, verb, context, context_start, context_end, said_value, conduit)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		quoteID, articleID, q.Start, q.End, mention, q.Cue, q.Venue, q.Sentence,
		q.Kind, q.Verb, ctx.Text, ctx.Start, ctx.End, said, q.Conduit)
}

// storedQuote is what the writer knows of a quote row it met in this
// transaction: enough to tell whether another copy changes it.
type storedQuote struct {
	id  uint
	key string
	// placedBy is a time the stored placement is known to be at or before
	// (nil: nothing known); a copy placed later changes nothing.
	placedBy *time.Time
	said     bool // the stored quote knows when it was said
}

// quote finds the stored quote copy c belongs to, merging it in, or
// inserts it. The same quote often appears in many articles; the writer
// remembers the rows it met in this transaction by key, so a repeat that
// changes nothing costs at most one look-up.
func (w *writer) quote(c quoteCopy) (id uint, isNew bool, err error) {
	key := quoteKey(c.textKey, c.speaker)
	st, known := w.knownQuotes[key]
	if !known {
		if st, known, err = w.storedQuote(`key = ?`, key); err != nil {
			return 0, false, err
		}
	}
	if !known && !c.short {
		if st, known, err = w.partner(c, key); err != nil {
			return 0, false, err
		}
	}
	if known {
		if (c.placed == nil || (st.placedBy != nil && !c.placed.Before(*st.placedBy))) && (c.saidValue == "" || st.said) {
			w.rememberQuote(st.key, st)
			return st.id, false, nil
		}
		return w.updateQuote(st, c)
	}
	ids, err := w.ids(`INSERT INTO quotes (key, text_key, text, kind, speaker_id, speaker_kind, speaker_label, verb,
		said_at, said_value, said_granularity, reported_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT (key) DO NOTHING RETURNING id`,
		key, c.textKey, c.text, c.kind, c.speaker, c.speakerKind, c.label, c.verb,
		c.placed, c.saidValue, c.saidGran, c.reported)
	if err != nil {
		return 0, false, err
	}
	if len(ids) == 0 {
		// Another writer stored it since the look-up (PostgreSQL).
		st, _, err := w.storedQuote(`key = ?`, key)
		if err != nil {
			return 0, false, err
		}
		return w.updateQuote(st, c)
	}
	w.rememberQuote(key, storedQuote{id: ids[0], key: key, placedBy: c.placed, said: c.saidValue != ""})
	return ids[0], true, nil
}

// partner finds the quote of c's words on the other side of the speaker
// rule: for a named copy, the stored one whose speaker is unknown (which it
// adopts: the row moves to c's key); for a copy with no speaker, the one
// quote of those words, when there is exactly one.
func (w *writer) partner(c quoteCopy, key string) (storedQuote, bool, error) {
	if c.speaker != nil {
		// A quote an editor corrected (version > 0) keeps its speaker.
		st, found, err := w.storedQuote(`key = ? AND version = 0`, quoteKey(c.textKey, nil))
		if err != nil || !found {
			return st, false, err
		}
		delete(w.knownQuotes, st.key)
		st.key = key
		err = w.exec(`UPDATE quotes SET key = ?, speaker_id = ?, speaker_kind = CASE WHEN speaker_kind IN ('', 'anonymous') THEN ? ELSE speaker_kind END
			WHERE id = ?`, key, c.speaker, c.speakerKind, st.id)
		return st, err == nil, err
	}
	var found []storedQuote
	err := w.rows(`SELECT id, key, said_at, said_value <> '' FROM quotes WHERE text_key = ? LIMIT 2`, []any{c.textKey},
		func(r *sql.Rows) error {
			var st storedQuote
			err := r.Scan(&st.id, &st.key, &st.placedBy, &st.said)
			found = append(found, st)
			return err
		})
	if err != nil || len(found) != 1 {
		return storedQuote{}, false, err
	}
	return found[0], true, nil
}

// storedQuote reads the stored quote the condition on quotes selects.
func (w *writer) storedQuote(cond string, arg any) (st storedQuote, found bool, err error) {
	err = w.rows(`SELECT id, key, said_at, said_value <> '' FROM quotes WHERE `+cond, []any{arg},
		func(r *sql.Rows) error {
			found = true
			return r.Scan(&st.id, &st.key, &st.placedBy, &st.said)
		})
	return st, found, err
}

// updateQuote merges copy c into the stored quote st: the placement and
// the first report keep the earliest time, a first said_at fills in, and
// the speaker fills in where unknown.
func (w *writer) updateQuote(st storedQuote, c quoteCopy) (uint, bool, error) {
	// A NULL time compares to nothing, so it never replaces a date.
	err := w.rows(`UPDATE quotes SET speaker_id = CASE WHEN version > 0 THEN speaker_id ELSE coalesce(speaker_id, ?) END,
		said_at = CASE WHEN said_at IS NULL OR ? < said_at THEN coalesce(?, said_at) ELSE said_at END,
		reported_at = CASE WHEN reported_at IS NULL OR ? < reported_at THEN coalesce(?, reported_at) ELSE reported_at END,
		said_value = CASE WHEN said_value = '' THEN ? ELSE said_value END,
		said_granularity = CASE WHEN said_value = '' THEN ? ELSE said_granularity END
		WHERE id = ? RETURNING said_at, said_value <> ''`,
		[]any{c.speaker, c.placed, c.placed, c.reported, c.reported, c.saidValue, c.saidGran, st.id},
		func(r *sql.Rows) error { return r.Scan(&st.placedBy, &st.said) })
	if err != nil {
		return 0, false, err
	}
	// Only a row's own key is remembered: a copy with no speaker that
	// joined the one quote of its words must ask again next time, when a
	// second speaker may have made it ambiguous.
	w.rememberQuote(st.key, st)
	return st.id, false, nil
}

// rememberQuote notes what the writer knows of the quote row with key.
func (w *writer) rememberQuote(key string, st storedQuote) {
	if w.knownQuotes == nil {
		w.knownQuotes = map[string]storedQuote{}
	}
	w.knownQuotes[key] = st
}

// fmtSscanWeek reads "YYYY-Www" (and "YYYY-Www-WE") into y and wk.
func fmtSscanWeek(v string, y, wk *int) (int, error) {
	v = strings.TrimSuffix(v, "-WE")
	return fmt.Sscanf(v, "%d-W%d", y, wk)
}
