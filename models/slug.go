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
