package store

import (
	"context"
	"strings"
	"unicode"

	"gorm.io/gorm"

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
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	if s.d.postgres() {
		return s.searchPostgres(ctx, q, limit)
	}
	match := ftsQuery(q)
	if match == "" {
		return res, nil
	}
	// The whole words first: a prefix query reads the postings of every
	// word the prefix starts, which for a common word in a million rows
	// took most of a search's time. Only when the whole words find fewer
	// than limit rows does the prefix (results while typing) come in.
	exact := strings.TrimSuffix(match, "*")
	var err error
	for _, m := range []string{exact, match} {
		if res.Quotes, err = s.searchQuotes(ctx, m, limit); err != nil || len(res.Quotes) == limit {
			break
		}
	}
	if err != nil {
		return res, dbError(err, "searching quotes")
	}
	for _, m := range []string{exact, match} {
		if res.Events, err = s.searchEvents(ctx, m, limit); err != nil || len(res.Events) == limit {
			break
		}
	}
	if err != nil {
		return res, dbError(err, "searching events")
	}
	return res, nil
}

// searchQuotes finds up to limit quotes matching the FTS5 query match.
func (s *Store) searchQuotes(ctx context.Context, match string, limit int) ([]models.Quote, error) {
	var out []models.Quote
	err := s.rdb.WithContext(ctx).Preload("Speaker").
		Joins(`JOIN (SELECT rowid AS id, bm25(quotes_fts) AS r FROM quotes_fts WHERE quotes_fts MATCH ?
			ORDER BY rowid DESC LIMIT ?) m ON m.id = quotes.id`, match, searchCandidates).
		Order("m.r, quotes.id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// searchEvents finds up to limit events matching the FTS5 query match. An
// event matches by its summary or by any sentence reporting it; it ranks by
// its best hit.
func (s *Store) searchEvents(ctx context.Context, match string, limit int) ([]models.Event, error) {
	var out []models.Event
	err := s.rdb.WithContext(ctx).Raw(`SELECT events.* FROM events JOIN (
			SELECT id, min(r) AS r FROM (
				SELECT * FROM (SELECT rowid AS id, bm25(events_fts) AS r FROM events_fts
					WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
				UNION ALL
				SELECT es.event_id AS id, x.r FROM (SELECT rowid AS sid, bm25(event_sources_fts) AS r FROM event_sources_fts
					WHERE event_sources_fts MATCH ? ORDER BY rowid DESC LIMIT ?) x JOIN event_sources es ON es.id = x.sid
			) GROUP BY id
		) m ON m.id = events.id ORDER BY m.r, events.sort_at LIMIT ?`,
		match, searchCandidates, match, searchCandidates, limit).Scan(&out).Error
	return out, err
}

// searchCandidates bounds the work of one search: of the rows matching
// every word, only the newest searchCandidates of each index (quotes, event
// summaries, reporting sentences) are ranked. A word found in more rows
// than that is common enough that recency is a fair tie-breaker, and the
// time of a search stops growing with the database (100k events: 220 ms
// before, 25 ms with a bound of 10,000; it would have grown tenfold at 1M).
// 5,000 took a search matching every row of 100k events from p50 / p99
// 31 / 44-57 ms to 20 / 28-37 ms, the page and its results otherwise alike.
var searchCandidates = 5000

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

// searchPostgres is Search on PostgreSQL: the generated tsvector columns
// (quotes.search, events.search, event_sources.search) against a query made
// of the whole words by websearch_to_tsquery and the last word as a prefix.
// Ranked by ts_rank, best first, among the newest searchCandidates
// matches of each.
func (s *Store) searchPostgres(ctx context.Context, q string, limit int) (SearchResults, error) {
	var res SearchResults
	words, last := searchWords(q)
	if last == "" {
		return res, nil
	}
	// The words are letters and digits only and each is double-quoted for
	// websearch_to_tsquery, so "or" is a word, not an operator;
	// websearch_to_tsquery('') is the empty query, which && leaves out.
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	args := map[string]any{"words": strings.Join(words, " "), "last": last, "limit": limit, "cand": searchCandidates}
	// Whole words first, then the last word as a prefix, as on SQLite.
	whole := `(websearch_to_tsquery('simple', @words) && to_tsquery('simple', @last))`
	prefix := `(websearch_to_tsquery('simple', @words) && to_tsquery('simple', @last || ':*'))`
	// The queries run in a read transaction planned afresh each time: a
	// prepared statement that has run five times gets a generic plan,
	// which for these took a search from 26 ms to 132 ms at 10k events
	// (every request after the fifth on a connection).
	err := s.rdb.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		if err := db.Exec("SET LOCAL plan_cache_mode = force_custom_plan").Error; err != nil {
			return err
		}
		var err error
		res, err = searchPostgresIn(db, whole, prefix, args, limit)
		return err
	})
	return res, err
}

// searchPostgresIn runs the searches of searchPostgres on db.
func searchPostgresIn(db *gorm.DB, whole, prefix string, args map[string]any, limit int) (SearchResults, error) {
	var res SearchResults
	var err error
	for _, query := range []string{whole, prefix} {
		res.Quotes = nil
		err = db.Preload("Speaker").
			Where("quotes.id IN (SELECT id FROM quotes WHERE search @@ "+query+" ORDER BY id DESC LIMIT @cand)", args).
			Order(gorm.Expr("ts_rank(quotes.search, "+query+") DESC, quotes.id DESC", args)).
			Limit(limit).Find(&res.Quotes).Error
		if err != nil || len(res.Quotes) == limit {
			break
		}
	}
	if err != nil {
		return res, dbError(err, "searching quotes")
	}
	for _, query := range []string{whole, prefix} {
		res.Events = nil
		err = db.Raw(`SELECT events.* FROM events JOIN (
			SELECT id, r FROM (SELECT id, ts_rank(search, `+query+`) AS r FROM events
				WHERE search @@ `+query+` ORDER BY id DESC LIMIT @cand) e
			UNION ALL
			SELECT event_id AS id, r FROM (SELECT event_id, ts_rank(search, `+query+`) AS r FROM event_sources
				WHERE search @@ `+query+` ORDER BY id DESC LIMIT @cand) s
		) m ON m.id = events.id GROUP BY events.id ORDER BY max(m.r) DESC, events.sort_at LIMIT @limit`,
			args).Scan(&res.Events).Error
		if err != nil || len(res.Events) == limit {
			break
		}
	}
	if err != nil {
		return res, dbError(err, "searching events")
	}
	return res, nil
}

// searchWords splits user text into lower-case runs of letters and digits
// (at most 16): all but the last, and the last.
func searchWords(q string) ([]string, string) {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 16 {
		words = words[:16]
	}
	if len(words) == 0 {
		return nil, ""
	}
	return words[:len(words)-1], words[len(words)-1]
}
