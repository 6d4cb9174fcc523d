package store

import (
	"context"
	"strings"
	"unicode"

	"dateline/models"
)

// SearchResults are the quotes and events matching a search, best first.
type SearchResults struct {
	Quotes []models.Quote // with Speaker filled in when known
	Events []models.Event
}

// Search finds up to limit quotes (by their text) and up to limit events (by
// summary and the sentences reporting them) containing every word of q; the
// last word also matches as a prefix, so results appear while typing. Any
// user text is safe: q is reduced to words and each is quoted, so FTS5 query
// syntax (quotes, AND, NEAR, *, :, parentheses) is never interpreted.
func (s *Store) Search(ctx context.Context, q string, limit int) (SearchResults, error) {
	var res SearchResults
	match := ftsQuery(q)
	if match == "" {
		return res, nil
	}
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	db := s.rdb.WithContext(ctx)
	err := db.Preload("Speaker").
		Joins("JOIN quotes_fts ON quotes_fts.rowid = quotes.id").
		Where("quotes_fts MATCH ?", match).
		Order("bm25(quotes_fts)").Limit(limit).Find(&res.Quotes).Error
	if err != nil {
		return res, dbError(err, "searching quotes")
	}
	// An event matches by its summary or by any sentence reporting it; it
	// ranks by its best hit.
	err = db.Raw(`SELECT events.* FROM events JOIN (
			SELECT rowid AS id, bm25(events_fts) AS r FROM events_fts WHERE events_fts MATCH ?
			UNION ALL
			SELECT es.event_id AS id, bm25(event_sources_fts) AS r FROM event_sources_fts
			JOIN event_sources es ON es.id = event_sources_fts.rowid WHERE event_sources_fts MATCH ?
		) m ON m.id = events.id GROUP BY events.id ORDER BY min(m.r), events.sort_at LIMIT ?`,
		match, match, limit).Scan(&res.Events).Error
	if err != nil {
		return res, dbError(err, "searching events")
	}
	return res, nil
}

// ftsQuery turns user text into an FTS5 query: each run of letters and
// digits becomes a double-quoted string (so nothing is an operator), joined
// by spaces (AND); the last gets * for prefix matching. It returns "" when q
// has no words. At most 16 words are used.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 16 {
		words = words[:16]
	}
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	if len(words) == 0 {
		return ""
	}
	return strings.Join(words, " ") + "*"
}
