package temporal

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord = iota
	kNum
	kPunct
)

// token is one word, digit run or punctuation mark of the text.
type token struct {
	kind   int
	raw    string // the text as written (a slice of the input, no copy)
	lw     *word  // lexicon entry of the lower-cased word, nil if unknown
	rs, re int    // rune offsets, end exclusive
	bs     int    // byte offset of the start
	num    int    // value of a digit run (saturating), -1 otherwise
	sp     bool   // white space before the token
	nl     bool   // a line break before the token
	cap    bool   // starts with an upper-case letter
	past   bool   // looks like a regular past tense
}

// w returns the canonical lower-case word of t, "" when the lexicon does not know it.
func (t *token) w() string {
	if t.lw == nil {
		return ""
	}
	return t.lw.w
}

// tokenize splits s into tokens with rune offsets. Words are runs of
// letters, numbers runs of ASCII digits; anything else that is not white
// space is a one-rune punctuation token. It never fails.
func tokenize(s string, buf []token) []token {
	toks := buf[:0]
	var low [24]byte
	rpos, sp, nl := 0, true, true
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			sp = true
			i++
			rpos++
			continue
		case c == '\n':
			sp, nl = true, true
			i++
			rpos++
			continue
		case c >= '0' && c <= '9':
			j, n := i, 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if n < 1e8 {
					n = n*10 + int(s[j]-'0')
				}
				j++
			}
			toks = append(toks, token{kind: kNum, raw: s[i:j], bs: i, rs: rpos, re: rpos + j - i, num: n, sp: sp, nl: nl})
			rpos += j - i
			i = j
		default:
			r, size := rune(c), 1
			if c >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			if r < utf8.RuneSelf && !isASCIILetter(byte(r)) || r >= utf8.RuneSelf && !unicode.IsLetter(r) {
				if r >= utf8.RuneSelf && unicode.IsSpace(r) {
					sp = true
				} else {
					toks = append(toks, token{kind: kPunct, raw: s[i : i+size], bs: i, rs: rpos, re: rpos + 1, num: -1, sp: sp, nl: nl})
					sp, nl = false, false
				}
				i += size
				rpos++
				continue
			}
			j, runes, ascii := i, 0, true
			for j < len(s) {
				if s[j] < utf8.RuneSelf {
					if !isASCIILetter(s[j]) {
						break
					}
					j++
				} else {
					r, size := utf8.DecodeRuneInString(s[j:])
					if !unicode.IsLetter(r) {
						break
					}
					ascii = false
					j += size
				}
				runes++
			}
			t := token{kind: kWord, raw: s[i:j], bs: i, rs: rpos, re: rpos + runes, num: -1, sp: sp, nl: nl}
			t.cap = c >= 'A' && c <= 'Z'
			if ascii && j-i <= len(low) {
				n := j - i
				for k := 0; k < n; k++ {
					b := s[i+k]
					if b >= 'A' && b <= 'Z' {
						b += 'a' - 'A'
					}
					low[k] = b
				}
				t.lw = lexicon[string(low[:n])]
				if t.lw == nil && n >= 4 && low[n-2] == 'e' && low[n-1] == 'd' {
					t.past = looksPast(string(low[:n]))
				}
			}
			toks = append(toks, t)
			rpos += runes
			i = j
		}
		sp, nl = false, false
	}
	return toks
}

func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
