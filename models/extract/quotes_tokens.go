package extract

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"dateline/models/extract/lexicon"
)

// token is a word or a punctuation mark of a text. Start and end are rune
// offsets; key is the word lower-cased with dots dropped and curly
// apostrophes made straight ("U.S." -> "us"), or the mark itself.
type token struct {
	start, end int
	key        string
	punct      bool
	upper      bool      // the word starts with a capital letter
	class      wordClass // the closed word lists key is on (see classOf)
}

// tokenize splits r[from:to] into words and punctuation marks. A possessive
// 's is a word of its own ("Putin's" -> "Putin", "'s"), so "Putin's aide"
// names both Putin and his aide. Each word carries its classes (classOf).
// It never fails and runs in linear time.
func tokenize(r []rune, from, to int) []token {
	toks := splitWords(r, from, to)
	for k := range toks {
		if !toks[k].punct {
			toks[k].class = classOf(toks[k].key)
		}
	}
	return toks
}

// splitWords is tokenize without the word classes: the lexicons, which
// classOf reads, split their names with it.
func splitWords(r []rune, from, to int) []token {
	// News text has a token every 5.5 runes on average, denser in places:
	// room for one every 4 saves growing the slice (tokenize's bytes
	// allocated on the bench corpus: 528 MB -> 312 MB).
	toks := make([]token, 0, (to-from)/4+8)
	// keys are written into one buffer and cut from one string at the end,
	// which saves an allocation per word; ends[k] is where key k ends
	keys := make([]byte, 0, to-from)
	ends := make([]int, 0, cap(toks))
	for i := from; i < to; {
		c := r[i]
		t := token{start: i, end: i + 1}
		switch {
		case c == ' ' || c == '\n' || (c > ' ' && c < 128 && !asciiWord[c]) && c != '\'':
			if c == ' ' || c == '\n' {
				i++
				continue
			}
			t.punct = true
		case isWordRune(c):
			t.end, t.upper = wordEnd(r, i, to), unicode.IsUpper(c)
		case unicode.IsSpace(c):
			i++
			continue
		case (c == '\'' || c == '’') && isPossessive(r, i, to):
			t.end = i + 2
		default:
			t.punct = true
		}
		keys = appendKey(keys, r[t.start:t.end])
		ends = append(ends, len(keys))
		toks = append(toks, t)
		i = t.end
	}
	all := string(keys)
	prev := 0
	for k := range toks {
		toks[k].key = all[prev:ends[k]]
		prev = ends[k]
	}
	return toks
}

// wordClass is a set of the closed word lists a word is on. The event and
// quote finders ask of every word of every clause whether it is on one of
// these lists, several times over; a token carries the answers, found with
// one look-up when the text is split, so most of those questions need no
// map look-up at all.
type wordClass uint16

const (
	clsClauseBreak    wordClass = 1 << iota // clauseBreaks
	clsSubjectPronoun                       // subjectPronouns
	clsSaidVerb                             // a finite form of a verb with lexicon.Clause
	clsReportingVerb                        // a finite form of a verb with lexicon.Reports
	clsMilitary                             // militaryNouns
	clsGroup                                // groupNouns
	clsEventCue                             // a key of eventCues or contextCues
	clsQuoteVerb                            // a form of a reporting verb (lang().Verbs)
	clsActorFirst                           // the first word of a name in the people lexicon
	clsCountryFirst                         // the first word of a name in the country lexicon
	clsDemand                               // demandWords
	clsParticiple                           // the -ing form of a verb with lexicon.Participle
	clsTitle                                // words().titles and titleAbbrevs (see isTitle)
)

var (
	classesOnce sync.Once
	classes     map[string]wordClass
)

// classOf returns the word lists key is on. The lists are gathered on first
// use, after package initialisation has filled the cue tables; the
// lexicons split their names with splitWords, which does not call classOf.
func classOf(key string) wordClass {
	classesOnce.Do(func() {
		classes = map[string]wordClass{}
		for _, l := range []struct {
			words map[string]bool
			c     wordClass
		}{{clauseBreaks, clsClauseBreak}, {subjectPronouns, clsSubjectPronoun},
			{militaryNouns, clsMilitary}, {groupNouns, clsGroup}, {demandWords, clsDemand}} {
			for w := range l.words {
				classes[w] |= l.c
			}
		}
		for _, w := range verbs().Spellings(0) {
			classes[w] |= clsQuoteVerb
		}
		for _, w := range verbs().Spellings(lexicon.Participle, lexicon.Ing) {
			classes[w] |= clsParticiple
		}
		for _, l := range []struct {
			f lexicon.Flag
			c wordClass
		}{{lexicon.Clause, clsSaidVerb}, {lexicon.Reports, clsReportingVerb}, {lexicon.Statement, clsEventCue}} {
			for _, w := range verbs().FiniteSpellings(l.f) {
				classes[w] |= l.c
			}
		}
		for w := range eventCues {
			classes[w] |= clsEventCue
		}
		for w := range contextCueWords {
			classes[w] |= clsEventCue
		}
		for _, l := range []map[string]bool{words().titles, titleAbbrevs} {
			for w := range l {
				classes[w] |= clsTitle
			}
		}
		for w := range people().byFirst {
			classes[w] |= clsActorFirst
		}
		for w := range countries().names {
			classes[w] |= clsCountryFirst
		}
	})
	return classes[key]
}

// is reports whether the token is on one of the word lists c.
func (t token) is(c wordClass) bool { return t.class&c != 0 }

// wordEnd returns where the word starting at r[i] ends: letters and digits
// with inner dots, hyphens and apostrophes, a possessive 's left out, and
// the period of an abbreviation kept ("Mr.", "U.S.").
func wordEnd(r []rune, i, to int) int {
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
	return j
}

// titleAbbrevs are abbreviations written with a period before a name.
var titleAbbrevs map[string]bool // words.txt: title-abbrevs

// isAbbrev reports whether the word w, followed by a period, is an
// abbreviation or an initial rather than the end of a sentence.
func isAbbrev(w []rune) bool {
	if len(w) == 1 {
		return unicode.IsUpper(w[0])
	}
	if dottedInitials(w) {
		return true // "G.K.", "U.S.", "S.E.C."
	}
	if len(w) > 4 {
		return false
	}
	return titleAbbrevs[wordKey(w)]
}

// dottedInitials reports whether w is capitals joined by dots ("S.E.C").
func dottedInitials(w []rune) bool {
	if len(w) < 3 || len(w)%2 == 0 {
		return false
	}
	for i, c := range w {
		if (i%2 == 0) != unicode.IsUpper(c) || (i%2 == 1) != (c == '.') {
			return false
		}
	}
	return true
}

// isPossessive reports whether r[i] is the apostrophe of a possessive 's.
func isPossessive(r []rune, i, to int) bool {
	return i+1 < to && (r[i+1] == 's' || r[i+1] == 'S') && (i+2 >= to || !isWordRune(r[i+2])) &&
		i > 0 && isWordRune(r[i-1])
}

// asciiWord tells which ASCII characters are letters or digits.
var asciiWord = func() (t [128]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordRune(c rune) bool {
	if c < 128 {
		return asciiWord[c] // inlined where it is called: most runes are ASCII
	}
	return isWordRuneWide(c)
}

// isWordRuneWide is isWordRune beyond ASCII.
func isWordRuneWide(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

// wordKey folds a word for lookups.
func wordKey(w []rune) string { return string(appendKey(nil, w)) }

// appendKey appends the folded form of w to b: lower case, dots dropped,
// curly apostrophes made straight. Punctuation is kept as it is.
func appendKey(b []byte, w []rune) []byte {
	if len(w) == 1 && !isWordRune(w[0]) {
		return utf8.AppendRune(b, w[0])
	}
	for _, c := range w {
		switch {
		case c == '.':
		case c == '’':
			b = append(b, '\'')
		case c < 128:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, byte(c))
		default:
			b = utf8.AppendRune(b, unicode.ToLower(c))
		}
	}
	return b
}

// readText is an article body read once for all the finders: its runes,
// its tokens and the known actors it names, in order.
type readText struct {
	src   *source
	toks  []token
	known []actorMention
}

// readBody reads body for the finders (see readText).
func readBody(body string) *readText {
	src := newSource(body)
	toks := tokenize(src.r, 0, len(src.r))
	return &readText{src: src, toks: toks, known: people().findActors(src.r, toks)}
}

// source is a text as runes with the byte offset of every rune, so pieces
// cut by rune offsets come out of the original string without copying.
type source struct {
	body string
	r    []rune
	off  []int32 // off[i] is the byte offset of rune i; off[len(r)] = len(body)
}

func newSource(body string) *source {
	n := utf8.RuneCountInString(body) // a bad byte is one rune, as in range
	src := &source{body: body, r: make([]rune, n), off: make([]int32, n+1)}
	k := 0
	for i, c := range body {
		src.r[k], src.off[k] = c, int32(i)
		k++
	}
	src.off[n] = int32(len(body))
	return src
}

// slice returns the text between rune offsets s and e.
func (src *source) slice(s, e int) string { return src.body[src.off[s]:src.off[e]] }

// hasLowerRunes reports whether w holds a lower-case letter.
func hasLowerRunes(w []rune) bool {
	for _, c := range w {
		if unicode.IsLower(c) {
			return true
		}
	}
	return false
}
