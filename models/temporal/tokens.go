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

// tokenize splits s into tokens with rune offsets. Words are runs of
// letters, numbers runs of ASCII digits; anything else that is not white
// space is a one-rune punctuation token. It never fails.
func tokenize(s string, buf []token) []token {
	toks := buf[:0]
	rpos, sp, nl := 0, true, true
	for i := 0; i < len(s); {
		c := s[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var t token
		switch {
		case c == '\n':
			sp, nl = true, true
			i, rpos = i+1, rpos+1
			continue
		case c == ' ' || c == '\t' || c == '\r' || r >= utf8.RuneSelf && unicode.IsSpace(r):
			sp = true
			i, rpos = i+size, rpos+1
			continue
		case c >= '0' && c <= '9':
			t = numberToken(s, i)
		case r < utf8.RuneSelf && isASCIILetter(c) || r >= utf8.RuneSelf && unicode.IsLetter(r):
			t = wordToken(s, i)
		default:
			t = token{kind: kPunct, raw: s[i : i+size], re: 1, num: -1}
		}
		t.bs, t.rs, t.re, t.sp, t.nl = i, rpos, rpos+t.re, sp, nl
		toks = append(toks, t)
		i, rpos = i+len(t.raw), t.re
		sp, nl = false, false
	}
	return toks
}

// numberToken reads the digit run at s[i:]; its re holds the rune count.
func numberToken(s string, i int) token {
	j, n := i, 0
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		if n < 1e8 {
			n = n*10 + int(s[j]-'0')
		}
		j++
	}
	return token{kind: kNum, raw: s[i:j], re: j - i, num: n}
}

// wordToken reads the letter run at s[i:] and looks its lower-cased form
// up in the lexicon without allocating; its re holds the rune count.
func wordToken(s string, i int) token {
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
	t := token{kind: kWord, raw: s[i:j], re: runes, num: -1, cap: s[i] >= 'A' && s[i] <= 'Z'}
	var low [24]byte
	if n := j - i; ascii && n <= len(low) {
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
	return t
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
