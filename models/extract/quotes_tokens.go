package extract

import (
	"strings"
	"unicode"
)

// token is a word or a punctuation mark of a text. Start and end are rune
// offsets; key is the word lower-cased with dots dropped and curly
// apostrophes made straight ("U.S." -> "us"), or the mark itself.
type token struct {
	start, end int
	key        string
	punct      bool
	upper      bool // the word starts with a capital letter
}

// tokenize splits r[from:to] into words and punctuation marks. A possessive
// 's is a word of its own ("Putin's" -> "Putin", "'s"), so "Putin's aide"
// names both Putin and his aide. It never fails and runs in linear time.
func tokenize(r []rune, from, to int) []token {
	toks := make([]token, 0, (to-from)/5+1)
	for i := from; i < to; {
		c := r[i]
		switch {
		case unicode.IsSpace(c):
			i++
		case isWordRune(c):
			j := i + 1
			for j < to {
				d := r[j]
				if isWordRune(d) {
					j++
					continue
				}
				if (d == '.' || d == '-' || d == '\'' || d == '’' || d == '&') && j+1 < to && isWordRune(r[j+1]) {
					if (d == '\'' || d == '’') && isPossessive(r, j, to) {
						break
					}
					j += 2
					continue
				}
				break
			}
			if j < to && r[j] == '.' && isAbbrev(r[i:j]) {
				j++ // "Mr.", "Sen.", the initial of "Mary J. Blige"
			}
			toks = append(toks, token{start: i, end: j, key: wordKey(r[i:j]), upper: unicode.IsUpper(c)})
			i = j
		case (c == '\'' || c == '’') && isPossessive(r, i, to):
			toks = append(toks, token{start: i, end: i + 2, key: "'s"})
			i += 2
		default:
			toks = append(toks, token{start: i, end: i + 1, key: string(c), punct: true})
			i++
		}
	}
	return toks
}

// titleAbbrevs are abbreviations written with a period before a name.
var titleAbbrevs = set("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st",
	"jr", "sr", "prof", "rev", "sgt", "capt", "maj", "adm", "cmdr", "amb", "hon", "pres", "sens", "reps")

// isAbbrev reports whether the word w, followed by a period, is an
// abbreviation or an initial rather than the end of a sentence.
func isAbbrev(w []rune) bool {
	if len(w) == 1 {
		return unicode.IsUpper(w[0])
	}
	if len(w) == 3 && w[1] == '.' && unicode.IsUpper(w[0]) && unicode.IsUpper(w[2]) {
		return true // "G.K.", "U.S."
	}
	if len(w) > 4 {
		return false
	}
	return titleAbbrevs[wordKey(w)]
}

// isPossessive reports whether r[i] is the apostrophe of a possessive 's.
func isPossessive(r []rune, i, to int) bool {
	return i+1 < to && (r[i+1] == 's' || r[i+1] == 'S') && (i+2 >= to || !isWordRune(r[i+2])) &&
		i > 0 && isWordRune(r[i-1])
}

func isWordRune(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

// wordKey folds a word for lookups.
func wordKey(w []rune) string {
	var b strings.Builder
	b.Grow(len(w))
	for _, c := range w {
		switch {
		case c == '.':
		case c == '’':
			b.WriteByte('\'')
		case c < 128:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(byte(c))
		default:
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}
