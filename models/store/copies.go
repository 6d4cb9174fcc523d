package store

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strings"
)

// prefixWords is how many leading words make an article's prefix key. A
// teaser shorter than this is never matched to a full article: with fewer
// words two different articles could share their opening.
const prefixWords = 40

// copyWords returns the words of a body as compared for copies: lower case,
// a trailing "read more" or ellipsis dropped.
func copyWords(body string) []string { return trimCopyWords(strings.Fields(strings.ToLower(body))) }

// trimCopyWords is copyWords on a body's lower-cased words w.
func trimCopyWords(w []string) []string {
	for len(w) > 0 {
		last := w[len(w)-1]
		switch {
		case last == "more" && len(w) > 1 && strings.HasSuffix(w[len(w)-2], "read"):
			w = w[:len(w)-2]
		case strings.Trim(last, ".…") == "":
			w = w[:len(w)-1]
		default:
			return w
		}
	}
	return w
}

// prefixKey is the hex SHA-256 of the first prefixWords words, "" for a
// shorter body.
func prefixKey(words []string) string {
	if len(words) < prefixWords {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(words[:prefixWords], " ")))
	return hex.EncodeToString(sum[:16])
}

// isCut reports whether short is long cut off: every word of short but the
// last is the same word of long, and short's last word (perhaps cut
// mid-word, perhaps with an ellipsis glued on) starts the same word of long.
func isCut(short, long []string) bool {
	if len(short) > len(long) || len(short) == 0 {
		return false
	}
	n := len(short) - 1
	for i := 0; i < n; i++ {
		if short[i] != long[i] {
			return false
		}
	}
	last := strings.TrimRight(short[n], ".…")
	return strings.HasPrefix(long[n], last)
}

// copyOf looks for a stored article that body repeats or that repeats body.
// It returns the id of a stored longer article body is a cut copy of
// (longer), or the ids of stored teasers that are cut copies of body
// (shorter).
func (w *writer) copyOf(words []string, key string) (longer uint, shorter []uint, err error) {
	if key == "" {
		return 0, nil, nil
	}
	err = w.rows(`SELECT id, body FROM articles WHERE prefix_key = ? AND prefix_key <> '' AND duplicate_of_id IS NULL ORDER BY id`,
		[]any{key}, func(r *sql.Rows) error {
			var id uint
			var body string
			if err := r.Scan(&id, &body); err != nil {
				return err
			}
			other := copyWords(body)
			switch {
			case longer == 0 && len(other) >= len(words) && isCut(words, other):
				longer = id
			case len(other) < len(words) && isCut(other, words):
				shorter = append(shorter, id)
			}
			return nil
		})
	return longer, shorter, err
}
