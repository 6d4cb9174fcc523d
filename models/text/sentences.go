// Package text turns raw input (HTML pages, pasted text) into clean article
// text and splits it into paragraphs and sentences with rune offsets.
//
// Every article body in dateline follows one convention: one paragraph per
// line, paragraphs separated by a blank line ("\n\n"), white space inside a
// paragraph collapsed to single spaces. Headings and list items are
// paragraphs of their own, so a line break always ends a sentence.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence (or paragraph) of a body. Start and End are rune
// offsets into the body, end exclusive; Text is the body between them.
type Sentence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// MaxSentenceRunes is the longest sentence Sentences returns, give or take
// a word; real news sentences are a tenth of it.
const MaxSentenceRunes = 2000

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
// abbreviation or a single initial ("U.S. envoy", "Gen. Smith"); a line break
// always ends a sentence. An abbreviation that can end a sentence ("U.S.")
// does end one when a clause opener follows ("in the U.S. The envoy ...").
// A quotation closing with '!' or '?' and followed by its attribution
// ("Great progress was made!" Trump wrote) stays one sentence. Empty and
// white-space-only pieces are dropped. It never fails.
//
// A run of more than MaxSentenceRunes without a sentence end is cut at the
// next space (or at twice the limit with none): text without full stops
// would otherwise make one sentence that every event and quote in it
// carries, so output and work would grow with the square of the input.
func Sentences(body string) []Sentence {
	return SentencesOf(body, []rune(body))
}

// SentencesOf is Sentences for a caller that has body's runes already
// ([]rune(body)); it does not keep or change them.
func SentencesOf(body string, runes []rune) []Sentence {
	var out []Sentence
	start := 0
	// Sentences come in text order, so their byte offsets are found by
	// walking the body once; on valid UTF-8 (all decoded text) each text is
	// then a slice of the body instead of a copy.
	valid := utf8.ValidString(body)
	ri, bi := 0, 0 // rune ri starts at byte bi
	byteAt := func(r int) int {
		for ; ri < r; ri++ {
			if body[bi] < utf8.RuneSelf {
				bi++
				continue
			}
			_, size := utf8.DecodeRuneInString(body[bi:])
			bi += size
		}
		return bi
	}
	emit := func(end int) {
		s, e := trimSpan(runes, start, end)
		if s < e {
			text := ""
			if valid {
				bs := byteAt(s)
				text = body[bs:byteAt(e)]
			} else {
				text = string(runes[s:e])
			}
			out = append(out, Sentence{Start: s, End: e, Text: text})
		}
		start = end
	}
	for i := 0; i < len(runes); i++ {
		// Most runes end nothing: step over them while the sentence is
		// short of MaxSentenceRunes.
		for lim := min(len(runes), start+MaxSentenceRunes); i < lim; i++ {
			if r := runes[i]; r == '\n' || r == '.' || r == '!' || r == '?' {
				break
			}
		}
		if i == len(runes) {
			break
		}
		r := runes[i]
		if r == '\n' || i-start >= MaxSentenceRunes && unicode.IsSpace(r) || i-start >= 2*MaxSentenceRunes {
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
		if r == '.' && isAbbreviation(runes, i) && !(endsSentenceAbbrev(runes, i) && startsClause(runes, k)) {
			continue
		}
		if (r == '!' || r == '?') && j > i+1 && k < len(runes) && attributionFollows(runes, k) {
			continue // "Great progress was made!" Trump wrote: one sentence
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

// sentenceEndAbbrevs are abbreviations that often close a sentence.
var sentenceEndAbbrevs = map[string]bool{"u.s": true, "u.k": true, "u.n": true, "e.u": true,
	"d.c": true, "a.m": true, "p.m": true, "etc": true, "inc": true, "corp": true, "co": true, "ltd": true, "jr": true, "sr": true}

// clauseOpeners are words that begin a new sentence far more often than
// they follow an abbreviation inside one.
var clauseOpeners = map[string]bool{"The": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "But": true, "And": true, "In": true, "A": true, "An": true, "This": true,
	"That": true, "There": true, "His": true, "Her": true, "Their": true, "On": true, "At": true,
	"After": true, "As": true, "Its": true, "Both": true, "Officials": true, "Meanwhile": true, "However": true}

func endsSentenceAbbrev(runes []rune, i int) bool {
	j := i
	for j > 0 && (unicode.IsLetter(runes[j-1]) || runes[j-1] == '.') {
		j--
	}
	return sentenceEndAbbrevs[strings.ToLower(string(runes[j:i]))]
}

// wordAt returns the word of letters starting at runes[k].
func wordAt(runes []rune, k int) string {
	e := k
	for e < len(runes) && unicode.IsLetter(runes[e]) && e-k < 20 {
		e++
	}
	return string(runes[k:e])
}

func startsClause(runes []rune, k int) bool {
	return k < len(runes) && clauseOpeners[wordAt(runes, k)]
}

// attributionVerbs are the reporting verbs of an attribution that follows
// a quotation.
var attributionVerbs = map[string]bool{"said": true, "says": true, "wrote": true, "writes": true,
	"told": true, "asked": true, "added": true, "posted": true, "tweeted": true, "declared": true,
	"insisted": true, "warned": true, "replied": true, "remarked": true, "exclaimed": true, "shouted": true}

// attributionFollows reports whether one of the next four words, before any
// sentence end, is a reporting verb.
func attributionFollows(runes []rune, k int) bool {
	for n := 0; n < 4 && k < len(runes); n++ {
		w := wordAt(runes, k)
		if w == "" {
			return false
		}
		if attributionVerbs[strings.ToLower(w)] {
			return true
		}
		k += len([]rune(w))
		if k >= len(runes) || runes[k] != ' ' {
			return false
		}
		k++
	}
	return false
}
