package models

import (
	"strings"
	"unicode"
)

// Slug returns a key for matching names and story titles: lower case, ASCII
// letters and digits, words joined by single hyphens, common accents folded,
// dots and apostrophes dropped ("U.S. Envoy Steve Witkoff" ->
// "us-envoy-steve-witkoff", "Volodymyr Zelenskyy" -> "volodymyr-zelenskyy").
// Letters outside Latin are kept as they are, lower-cased, so a name in another
// script still gets a usable key. It returns "" for a name with no letters or
// digits.
func Slug(name string) string {
	if s, ok := asciiSlug(name); ok {
		return s
	}
	return unicodeSlug(name)
}

// unicodeSlug is Slug for any name.
func unicodeSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range name {
		c = foldAccent(unicode.ToLower(c))
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
		case c == '.' || c == '\'' || c == '’':
		default:
			dash = true
		}
	}
	return b.String()
}

// asciiSlug is Slug for a name written in ASCII alone, which most are: it
// works on bytes, sparing the Unicode tables (ingest asks for the slug of
// every actor of every event report). ok is false for any other name.
func asciiSlug(name string) (string, bool) { return asciiFold(name, '-', ".'") }

// asciiFold lower-cases an ASCII text to its letters and digits: the bytes
// of drop vanish, and any run of other bytes between two words becomes one
// sep. ok is false for a text with a byte outside ASCII. Slug and
// NormaliseQuote use it for the texts most of theirs are.
func asciiFold(s string, sep byte, drop string) (string, bool) {
	b := make([]byte, 0, len(s))
	gap := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			if gap && len(b) > 0 {
				b = append(b, sep)
			}
			gap = false
			b = append(b, c)
		case strings.IndexByte(drop, c) >= 0:
		default:
			gap = true
		}
	}
	return string(b), true
}

// accentFrom and accentTo pair accented Latin letters with their base letter.
var (
	accentFrom = []rune("àáâãäåāăąçćčďđèéêëēėęěğìíîïīıłñńňòóôõöøōőřśşšťùúûüūůűýÿźżž")
	accentTo   = []rune("aaaaaaaaacccddeeeeeeeegiiiiiilnnnoooooooorsssstuuuuuuuyyzzz")
)

// foldAccent maps a common accented Latin letter to its base letter.
func foldAccent(c rune) rune {
	if c < 128 {
		return c
	}
	for i, f := range accentFrom {
		if f == c {
			return accentTo[i]
		}
	}
	return c
}
