// Package text turns raw input (HTML pages, pasted text) into clean article
// text and splits it into paragraphs and sentences with rune offsets.
package text

import (
	"strings"
	"unicode"
)

// Sentence is one sentence (or paragraph) of a body. Start and End are rune
// offsets into the body, end exclusive; Text is the body between them.
type Sentence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// abbreviations end with a period without ending a sentence. Lower-cased,
// without the final period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "sgt": true, "sen": true, "rep": true, "gov": true,
	"pres": true, "st": true, "jr": true, "sr": true, "rev": true, "hon": true, "amb": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "no": true, "vs": true,
	"etc": true, "inc": true, "corp": true, "co": true, "ltd": true, "dept": true, "u.s": true,
	"u.k": true, "u.n": true, "e.u": true, "a.m": true, "p.m": true, "d.c": true, "i.e": true,
	"e.g": true, "ft": true, "mt": true, "adm": true, "cmdr": true, "gens": true, "reps": true,
	"sens": true, "messrs": true, "mich": true, "calif": true, "fla": true, "ariz": true,
	"wash": true, "mass": true, "conn": true, "penn": true, "ill": true, "tenn": true,
}

// Sentences splits body into sentences. A sentence ends at '.', '!' or '?'
// (with any closing quotes or brackets) followed by white space and a
// capital, digit or opening quote, unless the word before is a known
// abbreviation or a single initial; a line break always ends a sentence.
// Empty and white-space-only pieces are dropped. It never fails.
func Sentences(body string) []Sentence {
	runes := []rune(body)
	var out []Sentence
	start := 0
	emit := func(end int) {
		s, e := trimSpan(runes, start, end)
		if s < e {
			out = append(out, Sentence{Start: s, End: e, Text: string(runes[s:e])})
		}
		start = end
	}
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if r == '\n' {
			emit(i)
			continue
		}
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i + 1
		for j < len(runes) && isCloser(runes[j]) {
			j++
		}
		if j < len(runes) && !unicode.IsSpace(runes[j]) {
			continue
		}
		k := j
		for k < len(runes) && runes[k] != '\n' && unicode.IsSpace(runes[k]) {
			k++
		}
		if k < len(runes) && runes[k] != '\n' && !startsSentence(runes[k]) {
			continue
		}
		if r == '.' && isAbbreviation(runes, i) {
			continue
		}
		emit(j)
		i = j - 1
	}
	emit(len(runes))
	return out
}

// Paragraphs splits body at line breaks into non-empty paragraphs.
func Paragraphs(body string) []Sentence {
	runes := []rune(body)
	var out []Sentence
	start := 0
	for i := 0; i <= len(runes); i++ {
		if i == len(runes) || runes[i] == '\n' {
			s, e := trimSpan(runes, start, i)
			if s < e {
				out = append(out, Sentence{Start: s, End: e, Text: string(runes[s:e])})
			}
			start = i + 1
		}
	}
	return out
}

func trimSpan(runes []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(runes[s]) {
		s++
	}
	for e > s && unicode.IsSpace(runes[e-1]) {
		e--
	}
	return s, e
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', ')', ']', '»':
		return true
	}
	return false
}

func startsSentence(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘«([—-", r)
}

// isAbbreviation reports whether the period at runes[i] closes an
// abbreviation or an initial ("U.S.", "Mr.", "J.").
func isAbbreviation(runes []rune, i int) bool {
	j := i
	for j > 0 && (unicode.IsLetter(runes[j-1]) || runes[j-1] == '.') {
		j--
	}
	word := strings.ToLower(string(runes[j:i]))
	if word == "" {
		return false
	}
	if len([]rune(word)) == 1 && unicode.IsUpper(runes[j]) {
		return true // an initial: "George W. Bush"
	}
	return abbreviations[word]
}
