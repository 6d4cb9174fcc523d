package doc

import (
	"unicode"
	"unicode/utf8"

	"dateline/models/extract/lexicon"
)

// Token is a word or a punctuation mark of a text. Start and end are rune
// offsets; key is the word lower-cased with dots dropped and curly
// apostrophes made straight ("U.S." -> "us"), or the mark itself.
type Token struct {
	Start, End int
	Key        string
	Punct      bool
	Upper      bool      // the word starts with a capital letter
	Class      WordClass // the closed word lists key is on (see classOf)
}

// Tokenize splits r[from:to] into words and punctuation marks. A possessive
// 's is a word of its own ("Putin's" -> "Putin", "'s"), so "Putin's aide"
// names both Putin and his aide. Each word carries its classes (classOf).
// It never fails and runs in linear time.
func (lg *Language) Tokenize(r []rune, from, to int) []Token {
	toks := lg.SplitWords(r, from, to)
	for k := range toks {
		if !toks[k].Punct {
			toks[k].Class = lg.classes[toks[k].Key]
		}
	}
	return toks
}

// SplitWords is Tokenize without the word classes: the lexicons, from
// which the classes are made, split their names with it.
func (lg *Language) SplitWords(r []rune, from, to int) []Token {
	// News text has a token every 5.5 runes on average, denser in places:
	// room for one every 4 saves growing the slice (tokenize's bytes
	// allocated on the bench corpus: 528 MB -> 312 MB).
	toks := make([]Token, 0, (to-from)/4+8)
	// keys are written into one buffer and cut from one string at the end,
	// which saves an allocation per word; ends[k] is where key k ends
	keys := make([]byte, 0, to-from)
	ends := make([]int, 0, cap(toks))
	for i := from; i < to; {
		c := r[i]
		t := Token{Start: i, End: i + 1}
		switch {
		case c == ' ' || c == '\n' || (c > ' ' && c < 128 && !asciiWord[c]) && c != '\'':
			if c == ' ' || c == '\n' {
				i++
				continue
			}
			t.Punct = true
		case isWordRune(c):
			t.End, t.Upper = wordEnd(r, i, to, lg.TitleAbbrevs), unicode.IsUpper(c)
		case unicode.IsSpace(c):
			i++
			continue
		case (c == '\'' || c == '’') && isPossessive(r, i, to):
			t.End = i + 2
		default:
			t.Punct = true
		}
		keys = appendKey(keys, r[t.Start:t.End])
		ends = append(ends, len(keys))
		toks = append(toks, t)
		i = t.End
	}
	all := string(keys)
	prev := 0
	for k := range toks {
		toks[k].Key = all[prev:ends[k]]
		prev = ends[k]
	}
	return toks
}

// WordClass is a set of the closed word lists a word is on. The event and
// quote finders ask of every word of every clause whether it is on one of
// these lists, several times over; a token carries the answers, found with
// one look-up when the text is split, so most of those questions need no
// map look-up at all.
type WordClass uint16

const (
	ClsClauseBreak    WordClass = 1 << iota // clauseBreaks
	ClsSubjectPronoun                       // subjectPronouns
	ClsSaidVerb                             // a finite form of a verb with lexicon.Clause
	ClsReportingVerb                        // a finite form of a verb with lexicon.Reports
	ClsMilitary                             // militaryNouns
	ClsGroup                                // groupNouns
	ClsEventCue                             // a key of eventCues or contextCues
	ClsQuoteVerb                            // a form of a reporting verb (lang().Verbs)
	clsActorFirst                           // the first word of a name in the people lexicon
	ClsCountryFirst                         // the first word of a name in the country lexicon
	ClsDemand                               // demandWords
	ClsParticiple                           // the -ing form of a verb with lexicon.Participle
	ClsTitle                                // words().titles and titleAbbrevs (see isTitle)
)

// ClassOf returns the word lists key is on.
func (lg *Language) ClassOf(key string) WordClass { return lg.classes[key] }

// wordClasses gathers the classes of every word on a list, once the lists
// and lexicons are loaded.
func (lg *Language) wordClasses() map[string]WordClass {
	classes := map[string]WordClass{}
	for _, l := range []struct {
		words map[string]bool
		c     WordClass
	}{{lg.ClauseBreaks, ClsClauseBreak}, {lg.SubjectPronouns, ClsSubjectPronoun},
		{lg.MilitaryNouns, ClsMilitary}, {lg.GroupNouns, ClsGroup}, {lg.DemandWords, ClsDemand}} {
		for w := range l.words {
			classes[w] |= l.c
		}
	}
	for _, w := range lg.Verbs.Spellings(0) {
		classes[w] |= ClsQuoteVerb
	}
	for _, w := range lg.Verbs.Spellings(lexicon.Participle, lexicon.Ing) {
		classes[w] |= ClsParticiple
	}
	for _, l := range []struct {
		f lexicon.Flag
		c WordClass
	}{{lexicon.Clause, ClsSaidVerb}, {lexicon.Reports, ClsReportingVerb}, {lexicon.Statement, ClsEventCue}} {
		for _, w := range lg.Verbs.FiniteSpellings(l.f) {
			classes[w] |= l.c
		}
	}
	for w := range lg.EventCues {
		classes[w] |= ClsEventCue
	}
	for w := range lg.ContextCueWords {
		classes[w] |= ClsEventCue
	}
	for _, l := range []map[string]bool{lg.Titles, lg.TitleAbbrevs} {
		for w := range l {
			classes[w] |= ClsTitle
		}
	}
	for w := range lg.people.byFirst {
		classes[w] |= clsActorFirst
	}
	for w := range lg.countries.Names {
		classes[w] |= ClsCountryFirst
	}
	return classes
}

// is reports whether the token is on one of the word lists c.
func (t Token) Is(c WordClass) bool { return t.Class&c != 0 }

// wordEnd returns where the word starting at r[i] ends: letters and digits
// with inner dots, hyphens and apostrophes, a possessive 's left out, and
// the period of an abbreviation kept ("Mr.", "U.S.").
func wordEnd(r []rune, i, to int, abbrevs map[string]bool) int {
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
	if j < to && r[j] == '.' && isAbbrev(r[i:j], abbrevs) {
		j++ // "Mr.", "Sen.", the initial of "Mary J. Blige"
	}
	return j
}

// isAbbrev reports whether the word w, followed by a period, is an
// abbreviation or an initial rather than the end of a sentence.
func isAbbrev(w []rune, abbrevs map[string]bool) bool {
	if len(w) == 1 {
		return unicode.IsUpper(w[0])
	}
	if dottedInitials(w) {
		return true // "G.K.", "U.S.", "S.E.C."
	}
	if len(w) > 4 {
		return false
	}
	return abbrevs[wordKey(w)]
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

// Source is a text as runes with the byte offset of every rune, so pieces
// cut by rune offsets come out of the original string without copying.
type Source struct {
	body string
	R    []rune
	off  []int32 // off[i] is the byte offset of rune i; off[len(r)] = len(body)
}

func NewSource(body string) *Source {
	n := utf8.RuneCountInString(body) // a bad byte is one rune, as in range
	src := &Source{body: body, R: make([]rune, n), off: make([]int32, n+1)}
	k := 0
	for i, c := range body {
		src.R[k], src.off[k] = c, int32(i)
		k++
	}
	src.off[n] = int32(len(body))
	return src
}

// slice returns the text between rune offsets s and e.
func (src *Source) Slice(s, e int) string { return src.body[src.off[s]:src.off[e]] }

// String returns the whole text.
func (src *Source) String() string { return src.body }

// HasLowerRunes reports whether w holds a lower-case letter.
func HasLowerRunes(w []rune) bool {
	for _, c := range w {
		if unicode.IsLower(c) {
			return true
		}
	}
	return false
}
