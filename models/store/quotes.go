package store

import (
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
		key := models.QuoteKey(q.Text)
		ids, err := w.ids(`INSERT INTO quotes (key, text, kind, speaker_id, said_at, created_at)
			VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT (key) DO NOTHING RETURNING id`,
			key, q.Text, kind, speaker, saidAt)
		if err != nil {
			return err
		}
		if len(ids) == 1 {
			r.NewQuotes++
		} else {
			r.MergedQuotes++
			// A NULL saidAt compares to nothing, so it never replaces a date.
			ids, err = w.ids(`UPDATE quotes SET speaker_id = coalesce(speaker_id, ?),
				said_at = CASE WHEN said_at IS NULL OR ? < said_at THEN coalesce(?, said_at) ELSE said_at END
				WHERE key = ? RETURNING id`, speaker, saidAt, saidAt, key)
			if err != nil {
				return err
			}
		}
		if len(ids) != 1 {
			return models.Errorf(models.EINTERNAL, "quote %q vanished while saving", q.Text)
		}
		if err := w.appearance(q, ids[0], articleID); err != nil {
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
