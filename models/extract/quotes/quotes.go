package quotes

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/extract/lexicon"
	"dateline/models/extract/people"
	"dateline/models/text"
)

// candidate is a quote found so far, before speakers are resolved.
type candidate struct {
	s, e  int // rune offsets of the quoted words
	kind  string
	attr  attribution
	mark  int  // index into the marked stretches, -1 for indirect speech
	weak  bool // a short quoted word with no cue: kept only inside reported speech
	local bool // the attribution stands right beside the marks
	// embedded is set for a quote inside a clause of the reporter's, its
	// attribution after it (`The failure was "heartbreaking," she said`):
	// a partial quote whose context is that clause
	embedded bool
	dropped  bool
	text     string // when set, the words (a quote broken by its attribution)
	// ctxS, ctxE and ctxText are the reported clause of a partial quote
	// (ctxE 0 for none: the quote is its own context)
	ctxS, ctxE int
	ctxText    string
}

// quoteFinder holds one article while its quotes are found.
type quoteFinder struct {
	attributor
	sents []text.Sentence
	marks []doc.Marked
	cands []candidate
	// nDirect counts the candidates from quotation marks, which come first
	nDirect int
	paras   []int              // rune offsets where paragraphs start
	known   []doc.ActorMention // the known actors the text names
	timexes []models.Timex     // the time expressions, for when words were said
	ref     time.Time          // the article's date, for who held an office then
	// headline is true while a sentence in title case is read ("Kremlin
	// Says Talks Were Useful"): its capitalised verbs may report speech
	headline bool
}

// findQuotes finds the quotes of body (direct, partial and indirect speech),
// who said them and the people they name, as the pipeline does. It
// never fails; text it cannot read gives fewer quotes, not an error.
func findQuotes(lg *doc.Language, body string) ([]models.ExtractedQuote, []models.ExtractedPerson) {
	d := doc.New(lg, body, time.Time{})
	Find(d)
	return d.Quotes, d.People
}

// Find is the quote stage: it adds to d the quotes of its body and the
// people they name, reading only what doc.New put there.
func Find(d *doc.Document) {
	d.Quotes, d.People = find(d)
}

func find(t *doc.Document) ([]models.ExtractedQuote, []models.ExtractedPerson) {
	f := &quoteFinder{attributor: attributor{lang: t.Lang, src: t.Src, r: t.Src.R, toks: t.Toks}, sents: t.Sents, known: t.Known, timexes: t.Timexes, ref: t.Ref}
	f.paras = t.Paras
	f.marks = doc.FindMarked(f.r)
	f.direct()
	f.nDirect = len(f.cands)
	f.mergeBroken()
	f.indirect()
	f.fromContext()
	return f.finish()
}

// para returns the index of the paragraph holding offset i.
func (f *quoteFinder) para(i int) int {
	return sort.SearchInts(f.paras, i+1) - 1
}

// paraEnd returns the offset where the paragraph holding i ends.
func (f *quoteFinder) paraEnd(i int) int {
	p := f.para(i)
	if p+1 < len(f.paras) {
		return f.paras[p+1] - 1
	}
	return len(f.r)
}

// tokAt returns the index of the first token starting at or after offset i.
func (f *quoteFinder) tokAt(i int) int {
	return sort.Search(len(f.toks), func(k int) bool { return f.toks[k].Start >= i })
}

// sentAt returns the index of the sentence holding offset i (or the next one).
func (f *quoteFinder) sentAt(i int) int {
	k := sort.Search(len(f.sents), func(k int) bool { return f.sents[k].End > i })
	return min(k, len(f.sents)-1)
}

// direct turns quoted stretches into candidates with the attribution found
// right before or after the marks.
func (f *quoteFinder) direct() {
	for mi := range f.marks {
		if c, ok := f.directQuote(mi); ok {
			f.cands = append(f.cands, c)
		}
	}
}

// directQuote makes the candidate quote of quotation mark pair mi, with
// the attribution before or after it; false for a so-called word or a
// title in quotation marks.
func (f *quoteFinder) directQuote(mi int) (candidate, bool) {
	m := f.marks[mi]
	c := candidate{s: m.S, e: m.E, mark: mi, kind: models.QuoteDirect, attr: noAttribution()}
	preA, preB := f.preRegion(mi)
	if preB > preA && f.lang.ScareCues[f.toks[preB-1].Key] && !f.describedAs(preA, preB-1) {
		return c, false // so-called "secondary tariffs", dubbed "the deal"
	}
	if lab := f.speakerLabel(m); lab.found() {
		c.s, c.attr, c.local = f.toks[lab.subjE].End, lab, true
		c.s, _ = trimMarks(f.r, c.s, c.e)
		return c, true
	}
	n := doc.WordsBetween(f.r, m.S, m.E)
	if n <= 6 && f.titleCase(m.S, m.E) {
		return c, false // a title or a nickname: "Fox News Sunday", "Lyin' Ted"
	}
	c.attr, c.local = f.markAttribution(mi, preA, preB, n)
	if !c.attr.found() {
		f.signed(&c, m)
	}
	opensClause := preB == preA || (preB > preA && (f.toks[preB-1].Key == ":" || f.toks[preB-1].Key == ","))
	c.embedded = c.local && !opensClause && c.attr.subjS >= 0 && f.toks[c.attr.subjS].Start >= m.Close &&
		f.reportersClause(preA, preB)
	switch {
	case c.embedded:
		c.kind = models.QuotePartial
	case c.local:
	case n >= 4 && opensClause:
	case n >= 4:
		c.kind = models.QuotePartial
	default:
		c.kind, c.weak = models.QuotePartial, true
	}
	return c, true
}

// signed gives candidate c of quote m, which has no attribution, the one
// of a signature: `"..."` then a line `- Bernie Sanders.`, or the quote's
// last line `Dean Baker, Center for ..."`.
func (f *quoteFinder) signed(c *candidate, m doc.Marked) {
	if at := f.signatureAfter(m); at.found() {
		c.attr, c.local = at, true
	} else if e, at := f.signatureInside(m); at.found() {
		c.e, c.attr, c.local = e, at, true
	}
}

// signatureAfter reads a signature line right after quote m: a paragraph
// of its own that is a dash, a name and perhaps a description ("- Bernie
// Sanders.", "-Michelle Marks, Philadelphia.").
func (f *quoteFinder) signatureAfter(m doc.Marked) attribution {
	p := f.para(m.Close) + 1
	if m.Close >= len(f.r) || f.paraEnd(m.Close) > m.After+2 {
		return noAttribution() // words follow the quote in its paragraph
	}
	for p < len(f.paras) && f.paras[p] < len(f.r) && f.r[f.paras[p]] == '\n' {
		p++
	}
	if p >= len(f.paras) {
		return noAttribution()
	}
	a, b := f.tokAt(f.paras[p]), f.tokAt(f.paraEnd(f.paras[p]))
	if a >= len(f.toks) {
		return noAttribution()
	}
	if strings.ContainsAny(f.toks[a].Key, "-–—") {
		return f.signature(a+1, b)
	}
	// a quote left open at its line's end, signed on the next line inside
	// the marks: `"...` then `Mo Elleithee, director of ...."`
	if m.After == m.Close && b > a && strings.ContainsAny(f.toks[b-1].Key, "\"”") {
		return f.signature(a, b)
	}
	return noAttribution()
}

// signatureInside finds a quote's last line that signs it (`Dean Baker,
// Center for Economic and Policy Research."`): it returns where the quoted
// words end before it, and the attribution.
func (f *quoteFinder) signatureInside(m doc.Marked) (int, attribution) {
	p := f.para(m.E)
	if p <= f.para(m.S) {
		return 0, noAttribution()
	}
	at := f.signature(f.tokAt(f.paras[p]), f.tokAt(m.E))
	if !at.found() {
		return 0, noAttribution()
	}
	e := f.paras[p]
	for e > m.S && unicode.IsSpace(f.r[e-1]) {
		e--
	}
	return e, at
}

// signature reads a name and an optional description after a comma in
// tokens [a, b), and nothing else: at most sixteen words, no reporting verb.
func (f *quoteFinder) signature(a, b int) attribution {
	for b > a && f.toks[b-1].Punct {
		b--
	}
	if b-a < 1 || wordsIn(f.toks[a:b]) > 16 || !f.isName(a) {
		return noAttribution()
	}
	e := a
	for e < b && (f.isName(e) || f.lang.NameConnectors[f.toks[e].Key] || f.toks[e].Key == ".") {
		e++
	}
	if e < b && f.toks[e].Key != "," {
		return noAttribution()
	}
	for k := e; k < b; k++ {
		if f.lang.CueLemma(f.toks[k]) != "" && !f.toks[k].Upper && !strings.HasSuffix(f.toks[k].Key, "ing") {
			return noAttribution() // "- Sanders, tweeting after the debate." signs; "- Sanders said ..." does not
		}
	}
	return attribution{subjS: a, subjE: e, cue: "-", lemma: "say", cueTok: -1}
}

// reportersClause reports whether tokens [a, b) before a quote are words
// of the reporter's own clause that the quote goes on: two words at least,
// after any dateline, and no sentence ending among them.
func (f *quoteFinder) reportersClause(a, b int) bool {
	a += datelineEnd(f.r, f.toks[a:min(b+1, len(f.toks))]) // the quote's mark after the dash
	for k := a; k < b; k++ {
		if f.toks[k].Punct && strings.ContainsAny(f.toks[k].Key, ".!?;") {
			return false
		}
	}
	return wordsIn(f.toks[a:b]) >= 2
}

// describedAs reports whether the cue at token k opens reported words: a
// description cue ("as") after a reporting verb of the same clause, from
// token a on ("described the talks as").
func (f *quoteFinder) describedAs(a, k int) bool {
	if !f.lang.DescriptionCues[f.toks[k].Key] {
		return false
	}
	for j := k - 1; j >= a && j >= k-8; j-- {
		if f.toks[j].Punct {
			return false
		}
		if f.toks[j].Is(doc.ClsQuoteVerb) && f.verbAt(j, j-1) {
			return true
		}
	}
	return false
}

// markAttribution chooses the attribution of quotation mark pair mi of n
// words between the one before it (tokens [preA, preB)) and the one after;
// local is true when the attribution stands by the quote itself.
func (f *quoteFinder) markAttribution(mi, preA, preB, n int) (attribution, bool) {
	m := f.marks[mi]
	before, clean := f.parseBefore(preA, preB)
	postA, postB := f.postRegion(mi)
	ended := m.Close > 0 && strings.ContainsRune(".?!", f.r[m.Close-1])
	after := noAttribution()
	if !ended || !f.introducesNext(mi, postB) {
		after = f.parseAfter(postA, postB, ended, true)
	}
	endsClause := postA == postB || f.toks[postA].Punct || ended || m.Close > 0 && f.r[m.Close-1] == ',' // `"We will see," when asked`
	goesOn := !endsClause && !f.toks[postA].Upper && !after.found()                                      // `that "..." of his bid`
	switch {
	case before.found() && clean && (endsClause || n >= 4 && !goesOn) && !(before.cue == ":" && after.found()):
		return before, true
	case after.found():
		return after, true
	case before.found() && n >= 3:
		return before, false
	}
	return noAttribution(), false
}

// titleCase reports whether every word of r[s:e] but small connectors
// starts with a capital, as in the names of shows, books and nicknames.
func (f *quoteFinder) titleCase(s, e int) bool {
	words := 0
	for k := f.tokAt(s); k < len(f.toks) && f.toks[k].Start < e; k++ {
		t := f.toks[k]
		if t.Punct {
			if t.Key == "," || t.Key == "!" || t.Key == "?" || (t.Key == "." && t.End < e) {
				return false // a sentence: "The Donald. Big Daddy."
			}
			continue
		}
		if !t.Upper && !f.lang.SmallWords[t.Key] {
			return false
		}
		if f.lang.Pronouns[t.Key] && t.Key != "it" {
			return false // "We Need It" is a statement, "I" opens one
		}
		words++
	}
	return words > 1
}

// introducesNext reports whether the words after quote mi, ending at token
// b, end with a comma or colon right before the next quote: `"A." She
// adds, "B."` attributes B, not A.
func (f *quoteFinder) introducesNext(mi, b int) bool {
	if mi+1 >= len(f.marks) || b == 0 || b >= len(f.toks) {
		return false
	}
	k := f.tokAt(f.marks[mi+1].Open)
	return (k == b || k == b+1) && (f.toks[k-1].Key == "," || f.toks[k-1].Key == ":")
}

// speakerLabel reads a transcript's speaker label opening a quote
// ("WALLACE: Let's start ..."): one to three capitalised words, the last
// all in capitals, and a colon. The label token range ends at the colon.
func (f *quoteFinder) speakerLabel(m doc.Marked) attribution {
	a := f.tokAt(m.S)
	for k := a; k < len(f.toks) && k < a+4 && f.toks[k].Start < m.E; k++ {
		t := f.toks[k]
		if t.Key == ":" && k > a && !doc.HasLowerRunes(f.r[f.toks[k-1].Start:f.toks[k-1].End]) &&
			f.toks[k-1].End-f.toks[k-1].Start > 1 {
			return attribution{subjS: a, subjE: k, cue: ":", lemma: "say", cueTok: -1}
		}
		if t.Punct || !t.Upper {
			break
		}
	}
	return noAttribution()
}

// preRegion returns the tokens between the start of the sentence (or the
// end of the previous quote in it) and the opening mark of quote mi.
func (f *quoteFinder) preRegion(mi int) (int, int) {
	m := f.marks[mi]
	lo := 0
	if len(f.sents) > 0 {
		lo = f.sents[f.sentAt(m.Open)].Start
	}
	lo = max(lo, f.paras[f.para(m.Open)])
	if mi > 0 && f.marks[mi-1].Close >= lo {
		lo = f.marks[mi-1].After
	}
	return f.tokAt(lo), f.tokAt(m.Open)
}

// postRegion returns the tokens between the closing mark of quote mi and the
// end of the sentence after it (or the next quote, or the paragraph end),
// without the final punctuation.
func (f *quoteFinder) postRegion(mi int) (int, int) {
	m := f.marks[mi]
	hi := f.paraEnd(m.Close)
	if mi+1 < len(f.marks) && f.marks[mi+1].Open < hi {
		hi = f.marks[mi+1].Open
	}
	a := f.tokAt(m.After)
	if a < len(f.toks) && len(f.sents) > 0 {
		si := f.sentAt(f.toks[a].Start)
		// a sentence "ending" at an initial ("Rep. G.K.") goes on
		for si+1 < len(f.sents) && f.sents[si].End < hi && f.r[f.sents[si].End-1] == '.' && f.endsWithAbbrev(f.sents[si].End) {
			si++
		}
		hi = min(hi, f.sents[si].End)
	}
	b := f.tokAt(hi)
	for b > a && f.toks[b-1].Punct && strings.Contains(".!?;", f.toks[b-1].Key) {
		b--
	}
	return a, b
}

// endsWithAbbrev reports whether the word ending at offset e is an
// abbreviation or initial with its period ("G.K.", "Sen.").
func (f *quoteFinder) endsWithAbbrev(e int) bool {
	k := f.tokAt(e) - 1
	return k >= 0 && f.toks[k].End == e && !f.toks[k].Punct && f.r[e-1] == '.'
}

// invertedSubject returns the speaker after an inverted cue (`," said 9/11
// widow Terry Strada`): the words up to a comma or the end when they end
// in a capitalised word, else a plain mention.
func (f *quoteFinder) invertedSubject(k, b int) (int, int) {
	e := k
	for e < b && f.toks[e].Key != "," && e-k < 9 {
		e++
	}
	if k >= b || f.lang.WeekdayWords[f.toks[k].Key] || f.lang.MonthWords[f.toks[k].Key] {
		return -1, -1 // `, said Tuesday`
	}
	if e > k && (e == b || f.toks[e].Key == ",") && f.isName(e-1) {
		return k, e
	}
	if e > k && (e == b || f.toks[e].Key == ",") && f.toks[e-1].Key == ")" {
		if o := f.openBracket(k, e-1); o > k && f.isName(o-1) {
			return k, e // `," said former Rep. George Miller (D-Calif.)`
		}
	}
	return f.subjectAfter(k, b)
}

// openBracket returns the "(" matching the ")" at token c, not before
// token k, or -1.
func (f *quoteFinder) openBracket(k, c int) int {
	for o := c - 1; o >= k && o > c-8; o-- {
		if f.toks[o].Key == "(" {
			return o
		}
	}
	return -1
}

// parseAfter reads an attribution following a quote: `, he said`, `, said
// Trump`, `Trump wrote on his Truth Social platform`.
//
// strict asks that nothing but a venue follow the cue up to a comma or the
// end: reported speech after a comma, or a new sentence after a quote that
// ended with a full stop (`"..." Trump said he would ...` is not one).
// afterMark is true right after the closing mark of a quote.
func (f *quoteFinder) parseAfter(a, b int, strict, afterMark bool) attribution {
	i := a
	dash := false
	for i < b && f.toks[i].Punct && strings.ContainsAny(f.toks[i].Key, ",—–-―:") {
		dash = dash || strings.ContainsAny(f.toks[i].Key, "—–―")
		i++
	}
	if i >= b {
		return noAttribution()
	}
	if dash && b-i <= 6 && f.isName(i) {
		// a signature after a dash: "... better." ― Jane Doe
		e := i
		for e < b && (f.isName(e) || f.lang.NameConnectors[f.toks[e].Key]) {
			e++
		}
		if e == b {
			return attribution{subjS: i, subjE: e, cue: f.text(i-1, i), lemma: "say", cueTok: -1}
		}
	}
	if end, lemma := f.cueExtent(i, b); lemma != "" {
		return f.invertedAfter(i, end, b, lemma, strict, afterMark)
	}
	return f.speakerFirst(i, b, strict, afterMark)
}

// invertedAfter reads `, said Trump` with the cue at token i (ending at
// end, lemma lemma) up to b. In running text (not right after a quote's
// mark) the words after the cue speak only when they end in a name or a
// speaker's noun and no verb follows them.
func (f *quoteFinder) invertedAfter(i, end, b int, lemma string, strict, afterMark bool) attribution {
	if lemma != "according to" {
		if f.lang.Verbs.Has(lemma, lexicon.NoInversion) || strings.HasSuffix(f.toks[i].Key, "ing") {
			return noAttribution()
		}
		end = i + 1
	}
	s, e := f.invertedSubject(end, b)
	if s < 0 || f.hasAuxiliary(s, e) || !afterMark && (!f.speakerHead(e-1) || f.hasAuxiliary(e, f.nextCommaOr(e, b))) {
		return noAttribution()
	}
	return f.closedAttrib(s, e, i, end, lemma, e, b, strict)
}

// speakerHead reports whether token k may end a speaker's mention after
// an inverted cue in running text (", said the Kremlin aide", ", said
// Peskov"): a name, or a noun heading a title, a source, a group or a body;
// ", said the new package went too far" names nobody.
func (f *quoteFinder) speakerHead(k int) bool {
	key := f.toks[k].Key
	return f.isName(k) || f.lang.Pronouns[key] || f.lang.Titles[key] || f.unnamedHead(key) || f.lang.OrgWords[key] || f.pluralSpeaker(key)
}

// nextCommaOr returns the first comma from token k on, or b.
func (f *quoteFinder) nextCommaOr(k, b int) int {
	for k < b && f.toks[k].Key != "," {
		k++
	}
	return k
}

// hasAuxiliary reports whether tokens [s, e) hold an auxiliary verb: "said
// the talks had stalled" reports a clause, it names no speaker after the
// verb.
func (f *quoteFinder) hasAuxiliary(s, e int) bool {
	for k := s; k < e; k++ {
		if f.lang.UnrealizedWords[f.toks[k].Key] || f.lang.HasVerbs[f.toks[k].Key] || f.lang.BeForms[f.toks[k].Key] {
			return true
		}
	}
	return false
}

// speakerFirst reads "Trump said in an interview", "Clinton campaign
// spokesman Brian Fallon said", "Scott Pruitt, a state attorney general,
// said" from token i: a speaker up to the first reporting verb. An
// apposition is left out of the mention.
func (f *quoteFinder) speakerFirst(i, b int, strict, afterMark bool) attribution {
	for k := i + 1; k < b && k < i+28; k++ {
		t := f.toks[k]
		if t.Punct && !strings.Contains(",()-'", t.Key) && !(t.Key == "." && k+1 < b && strings.Contains(",)", f.toks[k+1].Key)) {
			break
		}
		if _, l := f.cueExtent(k, b); l == "" || t.Upper || strings.HasSuffix(t.Key, "ing") {
			continue
		}
		e := k
		for e > i && f.lang.Auxiliaries[f.toks[e-1].Key] {
			e--
		}
		s, e2 := f.mentionIn(i, e)
		if s < 0 {
			return noAttribution()
		}
		end, lemma := f.cueExtent(k, b)
		closes := afterMark && (end >= b || f.toks[end].Punct) // `," Viguerie notes.`: a verb where it ends the clause
		if lemma == "according to" || !f.verbAt(k, s) && !closes {
			continue
		}
		return f.closedAttrib(s, e2, k, end, lemma, end, b, strict)
	}
	return noAttribution()
}

// mentionIn checks that tokens [i, e) name a speaker and returns the
// mention: a pronoun, or words opening with a capital, a determiner or a
// possessive, cut at an apposition's comma.
func (f *quoteFinder) mentionIn(i, e int) (int, int) {
	if e <= i {
		return -1, -1
	}
	t := f.toks[i]
	if f.lang.Pronouns[t.Key] {
		if e == i+1 && t.Key != "who" {
			return i, e
		}
		return -1, -1
	}
	if !t.Upper && !f.lang.Determiners[t.Key] && !(f.isName(e-1) && e-i <= 8) && !(f.lang.Titles[f.toks[e-1].Key] && e-i <= 4) {
		return -1, -1 // "former New York Mayor Michael Bloomberg" ends in a name, "top lawmakers" in a title
	}
	return f.mentionWords(i, e)
}

// mentionWords checks the words [i, e) of a mention: none that never
// stands in one (but "the gambling tycoon", "a retired general"), cut at
// an apposition's comma after a name, at most twelve words.
func (f *quoteFinder) mentionWords(i, e int) (int, int) {
	det := f.lang.Determiners[f.toks[i].Key]
	for k := i; k < e; k++ {
		t := f.toks[k]
		if notInMentionWord(f.lang, t) && !(det && k > i && k < e-1 && f.adjectival(t)) {
			return -1, -1
		}
		if t.Key == "," {
			if k == i || !f.toks[i].Upper {
				return -1, -1
			}
			return i, k
		}
	}
	if e-i > 12 {
		return -1, -1
	}
	return i, e
}

// adjectival reports whether t, a lower-case -ed or -ing word inside a
// described mention, may describe its head: not a reporting verb nor a
// word of notInMention.
func (f *quoteFinder) adjectival(t doc.Token) bool {
	return !t.Upper && f.lang.CueLemma(t) == "" && !f.lang.NotInMention[t.Key] && !f.lang.Pronouns[t.Key]
}

// notInMentionWord reports whether t never stands inside a speaker's
// mention: a pronoun, a word of notInMention, or a lower-case verb form
// that is no title ("Patriot failed as predicted").
func notInMentionWord(lg *doc.Language, t doc.Token) bool {
	return lg.NotInMention[t.Key] || lg.Pronouns[t.Key] ||
		!t.Upper && !t.Punct && (strings.HasSuffix(t.Key, "ed") || strings.HasSuffix(t.Key, "ing")) && !lg.Titles[t.Key]
}

// closedAttrib is attrib for an attribution after a quote. When strict,
// it must end the clause: only a venue, then a comma or the end, may follow.
func (f *quoteFinder) closedAttrib(s, e, cs, ce int, lemma string, v, b int, strict bool) attribution {
	_, ve := f.venueAfter(v, b)
	if strict && ve < b && f.toks[ve].Key != "," {
		return noAttribution()
	}
	return f.attrib(s, e, cs, ce, lemma, v, b)
}

// attrib builds an attribution with the cue tokens [cs, ce) and the venue
// read from token v up to b.
func (f *quoteFinder) attrib(s, e, cs, ce int, lemma string, v, b int) attribution {
	vs, ve := f.venueAfter(v, b)
	return attribution{subjS: s, subjE: e, cue: f.text(cs, ce), venue: f.text(vs, ve), lemma: lemma, cueTok: cs}
}

// parseBefore reads an attribution before a quote: `Trump said: "`,
// `according to Reuters, "`, `Trump was blunt: "`. clean is false when
// words other than a venue stand between the cue and the quote (a partial
// quote inside reported speech).
func (f *quoteFinder) parseBefore(a, b int) (attribution, bool) {
	end := b
	colon := false
	if end > a {
		switch f.toks[end-1].Key {
		case ":":
			colon = true
			end--
		case ",", "that", "—", "–":
			end--
		}
	}
	if at, ok := f.asPutIt(a, end); ok {
		return at, true
	}
	if colon {
		if at, ok := f.dashLabel(a, end); ok {
			return at, true // "But polls did predict it - HuffPollster: ..."
		}
	}
	for k := end - 1; k >= a && k >= end-14; k-- {
		t := f.toks[k]
		if t.Key == "\"" || t.Key == "“" || t.Key == "”" {
			break
		}
		if at, clean, ok := f.cueBefore(k, a, end); ok {
			return at, clean
		}
	}
	if at, ok := f.messageSpeaker(a, end); ok {
		return at, true // "Trump issued a statement, ...", "delivered a blunt message to Trump: ..."
	}
	if colon {
		return f.colonSpeaker(a, end), true
	}
	return noAttribution(), false
}

// messageSpeaker reads a quote introduced by the message its speaker put
// out, before the comma or colon at token end: "Trump issued a statement,
// ...", "McConnell, R-Ky., delivered a blunt message to Trump: ...". The
// speaker is the clause's subject.
func (f *quoteFinder) messageSpeaker(a, end int) (attribution, bool) {
	for k := end - 1; k > a && k >= end-6; k-- {
		t := f.toks[k]
		if t.Punct {
			return noAttribution(), false
		}
		if !f.lang.MessageNouns[t.Key] {
			continue
		}
		if k+1 < end && (f.toks[k+1].Key != "to" || end-k > 5) {
			return noAttribution(), false // "her statement was ...", "a message that ...": not what the speaker put out
		}
		if s, e := f.clauseSubject(a, k); s >= 0 && !f.lang.Pronouns[f.toks[s].Key] || s >= 0 && e == s+1 {
			return attribution{subjS: s, subjE: e, cue: f.text(k, k+1), lemma: "say", cueTok: -1}, true
		}
		return noAttribution(), false
	}
	return noAttribution(), false
}

// dashLabel reads a source's name set off by a dash before a colon at
// token end: "... - HuffPollster:", "— Pew Research:".
func (f *quoteFinder) dashLabel(a, end int) (attribution, bool) {
	for k := end - 1; k > a && k >= end-6; k-- {
		if key := f.toks[k].Key; key == "-" || key == "—" || key == "–" {
			if k+1 < end && f.isName(end-1) {
				if s, e := f.mentionIn(k+1, end); s == k+1 && e == end {
					return attribution{subjS: s, subjE: e, cue: ":", lemma: "say", cueTok: -1}, true
				}
			}
			return noAttribution(), false
		}
		if f.toks[k].Punct {
			return noAttribution(), false
		}
	}
	return noAttribution(), false
}

// asPutIt reads "as Cornyn put it" ending at token end: the speaker
// between "as" and the verb of put-it-verbs.
func (f *quoteFinder) asPutIt(a, end int) (attribution, bool) {
	v := end - 2
	if v <= a || f.toks[end-1].Key != "it" || !f.lang.PutItVerbs[f.toks[v].Key] {
		return noAttribution(), false
	}
	for k := v - 2; k >= a && k >= v-20; k-- {
		if f.toks[k].Key != "as" {
			continue
		}
		if s, e := f.subjectBefore(v, k+1); s > k {
			return attribution{subjS: s, subjE: e, cue: f.text(v, end), lemma: "say", cueTok: v}, true
		}
		break
	}
	return noAttribution(), false
}

// clauseSubject returns the subject opening the clause [a, k), after an
// opening phrase set off by a comma ("During a speech, Trump ...").
func (f *quoteFinder) clauseSubject(a, k int) (int, int) {
	start := f.clauseStart(a, k)
	if start >= k || (!f.lang.Pronouns[f.toks[start].Key] && !f.isName(start) && !f.lang.Determiners[f.toks[start].Key]) {
		return -1, -1
	}
	s, e := f.subjectAfter(start, k)
	if s < 0 {
		return -1, -1
	}
	for j := s + 1; j < e; j++ {
		if notInMentionWord(f.lang, f.toks[j]) {
			e = j // "the ministry released a statement": the ministry
			break
		}
	}
	return s, f.possessorsRole(e, k)
}

// clauseStart returns where the subject of the clause [a, k) may start:
// after a wire dateline, an opening phrase set off by a comma and
// openers.
func (f *quoteFinder) clauseStart(a, k int) int {
	a += datelineEnd(f.r, f.toks[a:k]) // "WASHINGTON — Clinton's aide rallied supporters, saying"
	start := a
	opening := f.toks[a].Upper && (strings.HasSuffix(f.toks[a].Key, "ing") || f.adverb(f.toks[a].Key)) // "Appearing at party headquarters, ...", "Immediately after the attacks, ..."
	if f.lang.Openers[f.toks[a].Key] || f.lang.Prepositions[f.toks[a].Key] || f.timeOpener(a, k) || opening {
		start = f.afterComma(a, k)
		for n := 0; n < 3 && start < k && f.lang.Subordinators[f.toks[start].Key]; n++ {
			start = f.afterComma(start, k) // "Once in my 20s, when my mother asked, I said"
		}
	}
	for start+1 < k && f.lang.Openers[f.toks[start].Key] {
		start++ // "But Teneo ...": not a name
	}
	return start
}

// possessorsRole extends a name ending at token e, before k, over a
// possessive to the role it names ("Ukraine's foreign minister"), up to
// the last title word.
func (f *quoteFinder) possessorsRole(e, k int) int {
	if e+1 >= k || f.toks[e].Key != "'s" {
		return e
	}
	end := e
	for j := e + 1; j < k && j <= e+4 && !f.toks[j].Punct && !f.toks[j].Upper; j++ {
		if f.lang.Titles[f.toks[j].Key] {
			end = j + 1
		}
	}
	return end
}

// timeOpener reports whether the clause [a, k) opens with a time phrase
// set off by a comma ("Minutes later,", "Two days earlier,"): up to four
// words, the last a time word.
func (f *quoteFinder) timeOpener(a, k int) bool {
	for c := a + 1; c < k && c <= a+4; c++ {
		if f.toks[c].Key == "," {
			return f.lang.WeekdayWords[f.toks[c-1].Key]
		}
	}
	return false
}

// cueSubject returns the speaker of the cue at token k, in a clause
// starting at token a: the subject before the verb, or the clause's own
// subject for a participle after a comma or a message.
func (f *quoteFinder) cueSubject(k, a int) (int, int) {
	if k-2 > a && f.lang.DescriptionCues[f.toks[k-1].Key] && f.lang.ConduitParticiples[f.toks[k-2].Key] {
		k -= 2 // "the envoy is quoted as saying"
	}
	if k-1 > a && (f.toks[k-1].Key == "by" || f.lang.Subordinators[f.toks[k-1].Key]) && strings.HasSuffix(f.toks[k].Key, "ing") {
		return f.clauseSubject(a, k-1) // "She followed that by saying, ...", "Trump said before adding: ..."
	}
	s, e := f.subjectBefore(k, a)
	switch ing := strings.HasSuffix(f.toks[k].Key, "ing"); {
	case k > a+1 && f.lang.ClauseConjunctions[f.toks[k-1].Key] && f.toks[k-1].Key != "while":
		return f.clauseSubject(a, k-1) // "Trump returned to the stage and declared, ..."
	case ing && k > a && f.toks[k-1].Key == ",":
		return f.clauseSubject(a, k) // "Trump attacked Clinton, saying, ..."
	case ing && s > a && f.lang.Prepositions[f.toks[s-1].Key]:
		return f.clauseSubject(a, s-1) // "Clinton answered the question on Facebook writing, ..."
	case ing && s > a && f.lang.MessageNouns[f.toks[e-1].Key]:
		return f.clauseSubject(a, s) // "she released a statement saying": she, not the statement
	}
	return s, e
}

// cueBefore reads an attribution whose cue is token k, between the clause
// start a and the quote at end. ok is false when k is no cue there.
func (f *quoteFinder) cueBefore(k, a, end int) (at attribution, clean, ok bool) {
	t := f.toks[k]
	if t.Upper && t.Key != "according" {
		return at, false, false // "Asked what ...", a name
	}
	ce, lemma := f.cueExtent(k, end)
	if lemma == "" || f.lang.Verbs.Has(lemma, lexicon.Label) || (k > a && f.toks[k-1].Key == "to" && lemma != "according to") {
		return at, false, false // "wants to say"
	}
	if f.passive(k, a) {
		return noAttribution(), false, true // "Blumenthal was asked, ...": the words were put to him
	}
	if f.adjectivalParticiple(k, a) {
		return at, false, false // "in a written statement": an adjective, no cue
	}
	if lemma == "according to" {
		s, e := f.subjectAfter(ce, end)
		if s < 0 {
			return noAttribution(), false, true
		}
		return f.attrib(s, e, k, ce, lemma, e, end), e == end, true
	}
	s, e := f.cueSubject(k, a)
	if !f.verbAt(k, s) {
		return at, false, false
	}
	if f.lang.Verbs.Has(lemma, lexicon.AnswersTo) && ce+3 < end && f.toks[ce].Key == "to" {
		return at, false, false // "would respond to the latest proposal": what is answered, not said
	}
	v := ce
	if s < 0 {
		if s, e = f.subjectAfter(ce, end); s < 0 {
			return noAttribution(), false, true
		}
		if _, ve := f.venueAfter(e, end); ve != end {
			return noAttribution(), false, true // "said North Korea's latest ...": no speaker
		}
		v = e
	}
	_, ve := f.venueAfter(v, end)
	return f.attrib(s, e, k, ce, lemma, v, end), ve == end, true
}

// afterComma returns the token after the first comma in [a, k), or a
// when there is none.
func (f *quoteFinder) afterComma(a, k int) int {
	for c := a; c < k; c++ {
		if f.toks[c].Key == "," {
			return c + 1
		}
	}
	return a
}

// adjectivalParticiple reports whether the participle at token k follows a
// determiner after the clause start a: "a written statement".
func (f *quoteFinder) adjectivalParticiple(k, a int) bool {
	form, _ := f.lang.Verbs.FormOf(f.toks[k].Key)
	return form == lexicon.PastPart && k > a && f.lang.Determiners[f.toks[k-1].Key]
}

// colonSpeaker reads "Trump was blunt:" or "Ushakov:" before a quote: the
// subject of the clause before the colon.
func (f *quoteFinder) colonSpeaker(a, end int) attribution {
	start := a
	for k := end - 1; k >= a; k-- {
		if key := f.toks[k].Key; key == "," || key == "—" || key == "–" {
			start = k + 1 // "... tempting that can be! — Cruz called them on it:"
			break
		}
	}
	for start < end && f.lang.Openers[f.toks[start].Key] && !f.isName(start) {
		start++
	}
	if end > start && f.isName(end-1) {
		// a label: "Republican pollster Daron Shaw: ..."
		if s, e := f.mentionIn(start, end); s >= 0 && e == end && e-s <= 8 {
			return attribution{subjS: s, subjE: e, cue: ":", lemma: "say", cueTok: -1}
		}
		// the name the colon follows: "The surge doesn't surprise pollster Daron Shaw: ..."
		if s := f.nameRunBack(end-1, start); s > start && !f.lang.Prepositions[f.toks[s-1].Key] {
			return attribution{subjS: s, subjE: end, cue: ":", lemma: "say", cueTok: -1}
		}
	}
	s, e := f.subjectAfter(start, end)
	if s < 0 || e-start > 8 {
		return noAttribution()
	}
	return attribution{subjS: s, subjE: e, cue: ":", lemma: "say", cueTok: -1}
}

// mergeBroken joins a quote broken by its attribution (`"A," he said, "B."`)
// into one quote spanning both parts; Text then holds both parts.
func (f *quoteFinder) mergeBroken() {
	for i := 0; i+1 < len(f.cands); i++ {
		c, d := &f.cands[i], &f.cands[i+1]
		if c.dropped || c.weak || d.weak || !c.attr.found() || d.attr.found() && d.attr.subjS != c.attr.subjS {
			continue
		}
		if !f.brokenBy(c, d) {
			continue
		}
		sep := " "
		if c.e < len(f.r) && f.r[c.e] == ',' && d.s < len(f.r) && unicode.IsLower(f.r[d.s]) {
			sep = ", " // `"It is not closed," he said, "but ..."` keeps its comma
		}
		c.text = f.src.Slice(c.s, c.e) + sep + f.src.Slice(d.s, d.e)
		c.e, c.kind = d.e, models.QuoteDirect
		d.dropped = true
		i++
	}
}

// brokenBy reports whether direct quotes c and d are one quotation broken
// by c's attribution: in one paragraph, the speaker between the two parts,
// nothing but a short attribution ending in a comma or colon between them,
// and no speaker of d's own.
func (f *quoteFinder) brokenBy(c, d *candidate) bool {
	mc, md := f.marks[c.mark], f.marks[d.mark]
	if f.para(mc.Close) != f.para(md.Open) || f.toks[c.attr.subjS].Start < mc.Close ||
		f.toks[c.attr.subjS].Start > md.Open {
		return false
	}
	a, b := f.tokAt(mc.After), f.tokAt(md.Open)
	if b-a > 40 || (d.local && d.attr.subjS != c.attr.subjS) {
		return false
	}
	sep := f.toks[b-1].Key
	return wordsIn(f.toks[a:b]) <= 12 && (sep == "," || sep == ":") && !f.secondStatement(a, b)
}

// secondStatement reports whether tokens [a, b) between two quotes hold a
// participle opening a statement of its own (`," she said, adding, "`):
// the second quote is said next, not the first one going on.
func (f *quoteFinder) secondStatement(a, b int) bool {
	for k := a + 1; k < b; k++ {
		t := f.toks[k]
		if f.toks[k-1].Key == "," && strings.HasSuffix(t.Key, "ing") && f.lang.Verbs.Has(f.lang.CueLemma(t), lexicon.Participle) {
			return true
		}
	}
	return false
}

// finish resolves speakers and returns the quotes in text order and the
// people named.
func (f *quoteFinder) finish() ([]models.ExtractedQuote, []models.ExtractedPerson) {
	reg := people.NewRegistry(f.lang, f.src, f.toks, f.known, f.quoted, f.ref)
	speech := f.cands[f.nDirect:]
	slices.SortStableFunc(speech, func(a, b candidate) int { return a.s - b.s })
	f.cands = mergeByStart(f.cands[:f.nDirect], speech)
	var out []models.ExtractedQuote
	for _, c := range f.cands {
		if c.dropped || c.weak || c.s >= c.e {
			continue
		}
		if c.mark >= 0 && c.kind == models.QuotePartial && !c.attr.found() {
			continue // quoted words inside a sentence that reports nobody
		}
		q := f.quoteOf(c)
		if c.attr.found() {
			f.attribute(&q, c, reg)
		}
		q.Sentence = f.sentenceText(c.s, c.e)
		out = append(out, q)
	}
	return out, reg.People()
}

// quoteOf makes candidate c a quote: its verbatim words, their context
// clause, and what its attribution says of the verb and the time.
func (f *quoteFinder) quoteOf(c candidate) models.ExtractedQuote {
	q := models.ExtractedQuote{Kind: c.kind, Start: c.s, End: c.e, Cue: c.attr.cue, Venue: c.attr.venue, Text: c.text}
	if q.Text == "" {
		q.Text = f.src.Slice(c.s, c.e)
		if c.mark >= 0 && f.marks[c.mark].Multi {
			q.Text = dropReopeningMarks(q.Text)
		}
	}
	if c.kind == models.QuotePartial && c.mark >= 0 {
		q.Text, q.End = trimFragmentEnd(q.Text, q.End)
	}
	ctx := models.Mention{Text: q.Text, Start: c.s, End: q.End}
	if c.ctxE > c.ctxS {
		ctx = f.contextOf(c)
	}
	q.Context = &ctx
	if c.attr.found() {
		q.Verb = c.attr.lemma
		if v, g, ok := f.saidAt(c, ctx.Start, ctx.End); ok {
			q.SaidAt, q.SaidGranularity = &v, g
		}
	}
	return q
}

// attribute gives q the speaker of c's attribution (see speakerOf), the
// author when the subject only read their words out, and notes a body or
// group that names itself among the article's people.
func (f *quoteFinder) attribute(q *models.ExtractedQuote, c candidate, reg *people.Registry) {
	ms, me := f.toks[c.attr.subjS].Start, f.toks[c.attr.subjE-1].End
	q.SpeakerMention = &models.Mention{Text: f.src.Slice(ms, me), Start: ms, End: me}
	sentStart, prevStart := f.sentenceStarts(ms)
	sp := f.speakerOf(reg, c.attr.subjS, c.attr.subjE, c.attr.cueTok, sentStart, prevStart)
	if as, ae, ok := f.deliveredFrom(c.attr.cueTok, c.s); ok {
		if author := f.speakerOf(reg, as, ae, -1, sentStart, prevStart); author.name != "" {
			// the subject read out someone else's words: theirs, by way of the subject
			as, ae := f.toks[as].Start, f.toks[ae-1].End
			q.SpeakerMention = &models.Mention{Text: f.src.Slice(as, ae), Start: as, End: ae}
			author.conduit = cmp.Or(sp.name, f.src.Slice(ms, me))
			sp = author
		}
	}
	if sp.name == "" {
		return
	}
	q.Speaker, q.SpeakerKind, q.Conduit = &sp.name, sp.kind, sp.conduit
	switch {
	case !sp.named:
	case sp.kind == models.SpeakerOrganisation:
		reg.Note(sp.name, models.PersonKindOrganisation, "", "")
	case sp.kind == models.SpeakerGroup:
		reg.Note(sp.name, models.PersonKindGroup, "", "")
	}
}

// sentenceStarts returns where the sentence holding rune offset at starts
// and where the one before it starts (-1 for none).
func (f *quoteFinder) sentenceStarts(at int) (int, int) {
	si := f.sentAt(at)
	sentStart, prevStart := -1, -1
	if si >= 0 && si < len(f.sents) {
		sentStart = f.sents[si].Start
		if si > 0 {
			prevStart = f.sents[si-1].Start
		}
	}
	return sentStart, prevStart
}

// contextOf returns the clause of partial quote c, taken on to the
// closing mark of a fragment that ends it ("half of his supporters
// "deplorables."" keeps its mark), so the context reads as written.
func (f *quoteFinder) contextOf(c candidate) models.Mention {
	ctx := models.Mention{Text: c.ctxText, Start: c.ctxS, End: c.ctxE}
	if c.mark < 0 || ctx.Text != f.src.Slice(c.ctxS, c.ctxE) {
		return ctx // the attribution was cut out of the clause's words
	}
	if m := f.marks[c.mark]; m.After > ctx.End && m.After <= len(f.r) && m.Open < ctx.End {
		ctx.End = m.After
		ctx.Text = f.src.Slice(ctx.Start, ctx.End)
	}
	if m := f.marks[c.mark]; ctx.End == m.After && m.Close > ctx.Start && m.Close < len(f.r) && f.r[m.Close-1] == ',' {
		// `was "heartbreaking," she said`: the comma led to the attribution
		ctx.Text = f.src.Slice(ctx.Start, m.Close-1) + f.src.Slice(m.Close, ctx.End)
	}
	return ctx
}

// trimFragmentEnd drops the comma or full stop that the quoted fragment of
// a clause takes inside its marks by typographic habit ("called it
// 'deplorable.'"): the speaker's words end before it. An abbreviation's
// period stays ("the U.S.").
func trimFragmentEnd(text string, end int) (string, int) {
	r := []rune(text)
	n := len(r)
	if n < 3 || (r[n-1] != '.' && r[n-1] != ',') {
		return text, end
	}
	if r[n-1] == '.' && (!unicode.IsLower(r[n-2]) || strings.ContainsRune(lastWord(r[:n-1]), '.')) {
		return text, end
	}
	return string(r[:n-1]), end - 1
}

// lastWord returns the last space-separated word of r.
func lastWord(r []rune) string {
	i := len(r)
	for i > 0 && r[i-1] != ' ' {
		i--
	}
	return string(r[i:])
}

// quoted reports whether offset at lies between quotation marks.
func (f *quoteFinder) quoted(at int) bool {
	i := sort.Search(len(f.marks), func(i int) bool { return f.marks[i].Close >= at })
	return i < len(f.marks) && f.marks[i].Open < at
}

// mergeByStart merges two lists of candidates, each in text order.
func mergeByStart(a, b []candidate) []candidate {
	out := make([]candidate, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].s < a[0].s {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// dropReopeningMarks removes the marks that reopen a quote at the start of
// each of its later paragraphs.
func dropReopeningMarks(s string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		l := strings.TrimLeft(lines[i], " \t")
		if l != "" && strings.ContainsRune("\"“«„'‘", []rune(l)[0]) {
			_, size := utf8.DecodeRuneInString(l)
			lines[i] = l[size:]
		}
	}
	return strings.Join(lines, "\n")
}

// sentenceText returns the sentences holding [s, e).
func (f *quoteFinder) sentenceText(s, e int) string {
	if len(f.sents) == 0 {
		return ""
	}
	a, b := f.sentAt(s), f.sentAt(max(s, e-1))
	return f.src.Slice(f.sents[a].Start, f.sents[b].End)
}

// QuoteKey returns a key under which the same quote matches across
// articles: letters and digits only, lower-cased, accents folded, single
// spaces, so quote-mark style, punctuation, ellipses and spacing do not
// matter ("Great progress was made!" and "great progress was made..." give
// "great progress was made").
func QuoteKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, c := range s {
		c = doc.FoldAccent(unicode.ToLower(c))
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(c)
			continue
		}
		if c != '\'' && c != '’' {
			space = true
		}
	}
	return b.String()
}
