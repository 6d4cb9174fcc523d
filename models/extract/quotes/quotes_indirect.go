package quotes

import (
	"sort"
	"strings"
	"unicode"

	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/extract/lexicon"
)

// span is a piece of reported speech in tokens, with its attribution.
type span struct {
	cs, ce int // content tokens
	attr   attribution
	// gs, ge are the tokens of an attribution standing inside the content,
	// left out of its words ("The plan, he said, would fail"); gs == ge
	// when there is none.
	gs, ge int
}

// indirect finds reported speech sentence by sentence: "X said (that) ...",
// "..., X said", "according to X, ..." and "..., according to X". A direct
// quote making up most of the content takes the attribution; smaller
// quoted words inside it make the speech a partial quote.
func (f *quoteFinder) indirect() {
	inQuote := f.quotedTokens()
	for _, c := range f.cands {
		if c.local && !c.embedded && c.attr.cueTok >= 0 && c.attr.found() {
			inQuote[c.attr.cueTok] = true // the cue of a direct quote reports nothing else
		}
	}
	for i := 0; i < len(f.sents); i++ {
		st := f.sents[i]
		// a sentence cut after an abbreviation ("The S.E.C. said") goes on
		for i+1 < len(f.sents) && f.endsWithAbbrev(st.End) && f.para(st.End) == f.para(f.sents[i+1].Start) {
			i++
			st.End = f.sents[i].End
		}
		a, b := f.tokAt(st.Start), f.tokAt(st.End)
		for b > a && f.toks[b-1].Punct {
			b--
		}
		a += datelineEnd(f.r, f.toks[a:b]) // "WASHINGTON, Aug 9 (Reuters) - ": not reported words
		if b-a < 4 {
			continue
		}
		for _, sp := range f.sentenceSpeech(a, b, inQuote) {
			f.cutTrailingVenue(&sp, inQuote)
			if wordsIn(f.toks[sp.cs:sp.ce]) >= 3 {
				f.addSpeech(sp)
			}
		}
	}
	f.embeddedSpeech()
}

// embeddedSpeech makes the reporter's clause holding an embedded quote,
// up to its closing mark, the reported speech of the quote's speaker
// (`The failure was "heartbreaking," she said`), the quote its fragment.
func (f *quoteFinder) embeddedSpeech() {
	for i := 0; i < f.nDirect; i++ {
		c := f.cands[i]
		if !c.embedded || c.dropped || c.kind != models.QuotePartial || c.ctxE > 0 {
			continue
		}
		m := f.marks[c.mark]
		a := f.tokAt(max(f.sents[f.sentAt(m.Open)].Start, f.paras[f.para(m.Open)]))
		a += datelineEnd(f.r, f.toks[a:min(f.tokAt(m.Open)+1, len(f.toks))])
		ce := f.tokAt(m.After)
		if ce-a >= 4 && f.toks[a].Start < m.Open {
			f.addSpeech(span{cs: a, ce: ce, attr: c.attr})
		}
	}
}

// cutTrailingVenue leaves out of the content of sp a venue closing it
// after its last comma ("the talks would go on, in a statement on
// Tuesday"; ", speaking at a news conference"): where and when the words
// were said, not what was said. The venue becomes the attribution's when
// it has none.
func (f *quoteFinder) cutTrailingVenue(sp *span, inQuote []bool) {
	for k := sp.ce - 2; k > sp.cs+2; k-- {
		if f.toks[k].Key != "," {
			continue
		}
		if inQuote[k] {
			return
		}
		j := k + 1
		if f.lang.Verbs.Has(f.lang.CueLemma(f.toks[j]), lexicon.Speech) && strings.HasSuffix(f.toks[j].Key, "ing") {
			j++ // ", speaking at a news conference"
		}
		if j >= sp.ce || !f.lang.Prepositions[f.toks[j].Key] || !f.venueNounIn(j+1, min(sp.ce, j+5)) {
			return
		}
		if sp.attr.venue == "" {
			sp.attr.venue = f.text(k+1, sp.ce)
		}
		sp.attr.trailS, sp.attr.trailE = f.toks[k+1].Start, f.toks[sp.ce-1].End
		sp.ce = k
		return
	}
}

// onlyVenue reports whether tokens [a, b) say only how, where or when
// words were said ("sarcastically on Twitter").
func (f *quoteFinder) onlyVenue(a, b int) bool {
	for k := a; k < b; k++ {
		t := f.toks[k]
		if !(f.lang.VenueWords[t.Key] || t.Upper || t.Punct || strings.HasSuffix(t.Key, "ly")) {
			return false
		}
	}
	return true
}

// venueNounIn reports whether tokens [a, b) hold a noun naming where words
// are said ("statement", "interview", "news conference").
func (f *quoteFinder) venueNounIn(a, b int) bool {
	for k := a; k < b; k++ {
		if f.lang.VenueNouns[f.toks[k].Key] {
			return true
		}
	}
	return false
}

// datelineEnd returns the number of tokens of a wire dateline opening
// toks ("WASHINGTON, Aug 9 (Reuters) -", "KYIV —"), 0 when there is none:
// a word in capitals, then only capitalised words, numbers and marks up to
// a dash within the first 15 tokens.
func datelineEnd(r []rune, toks []doc.Token) int {
	if len(toks) < 3 || toks[0].Punct || toks[0].End-toks[0].Start < 2 || doc.HasLowerRunes(r[toks[0].Start:toks[0].End]) {
		return 0
	}
	for i := 1; i < len(toks)-1 && i < 15; i++ {
		t := toks[i]
		switch {
		case t.Punct && (t.Key == "-" || t.Key == "—" || t.Key == "–"):
			return i + 1
		case !t.Punct && !t.Upper && !unicode.IsDigit(r[t.Start]):
			return 0 // a lower-case word: running text, not a dateline
		}
	}
	return 0
}

// sentenceSpeech returns the reported speech of the sentence [a, b): one
// main attribution, a second verb sharing its speaker, and a participle.
func (f *quoteFinder) sentenceSpeech(a, b int, inQuote []bool) []span {
	var out []span
	f.headline = b-a <= 16 && f.titleCase(f.toks[a].Start, f.toks[b-1].End)
	sp, ok := f.accordingTo(a, b, inQuote)
	for _, find := range []func(a, b int, inQuote []bool) (span, bool){f.trailingCue, f.leadingCue, f.midCue, f.headlineSpeaker} {
		if ok {
			break
		}
		sp, ok = find(a, b, inQuote)
	}
	pp, pok := f.participleCue(a, b, inQuote)
	if pok && ok && sp.cs < pp.attr.cueTok && pp.attr.cueTok <= sp.ce {
		sp.ce = pp.attr.cueTok - 1 // "X said A, adding that B": A and B
		// "wrote sarcastically on Twitter, adding that B": only B was said
		ok = !f.onlyVenue(sp.cs, sp.ce)
	}
	if ok {
		if next, another := f.nextSpeaker(sp, inQuote); another {
			// "A said X, while B said Y": two speakers, two quotes
			sp.ce = next.attr.subjS - 1
			for sp.ce > sp.cs && (f.toks[sp.ce].Key == "," || f.lang.ClauseConjunctions[f.toks[sp.ce].Key]) {
				sp.ce--
			}
			sp.ce++
			return append(append(out, sp), f.sentenceSpeechFrom(next, inQuote)...)
		}
		if second, twice := f.coordinatedCue(sp, inQuote); twice {
			sp.ce = second.attr.cueTok - 1 // "X said A and warned B"
			for sp.ce > sp.cs && (f.toks[sp.ce-1].Key == "," || f.lang.Auxiliaries[f.toks[sp.ce-1].Key]) {
				sp.ce--
			}
			out = append(out, sp, second)
		} else {
			out = append(out, sp)
		}
	}
	if pok {
		out = append(out, pp)
	}
	return out
}

// nextSpeaker finds a second speaker inside the content of sp: after a
// comma or a clause conjunction (or both) a subject and its reporting verb
// open speech of their own ("A said X, while B said Y"; "..., and the two
// governments said ..."; "Trump said X and Trump says Y"). The span it
// returns is the second speech.
func (f *quoteFinder) nextSpeaker(sp span, inQuote []bool) (span, bool) {
	for k := sp.cs + 2; k < sp.ce-3; k++ {
		key := f.toks[k].Key
		if (key != "," && !f.lang.ClauseConjunctions[key]) || inQuote[k] {
			continue
		}
		j := k + 1
		if key == "," && f.lang.ClauseConjunctions[f.toks[j].Key] {
			j++
		}
		next, ok := f.leadingCue(j, sp.ce, inQuote)
		if ok && next.attr.subjS == j && !inQuote[next.attr.cueTok] {
			return next, true
		}
	}
	return span{}, false
}

// sentenceSpeechFrom is the speech next begins, with a further speaker
// after it cut off in turn.
func (f *quoteFinder) sentenceSpeechFrom(next span, inQuote []bool) []span {
	if after, again := f.nextSpeaker(next, inQuote); again {
		first := next
		first.ce = after.attr.subjS - 1
		for first.ce > first.cs && (f.toks[first.ce].Key == "," || f.lang.ClauseConjunctions[f.toks[first.ce].Key]) {
			first.ce--
		}
		first.ce++
		return append([]span{first}, f.sentenceSpeechFrom(after, inQuote)...)
	}
	return []span{next}
}

// coordinatedCue finds a second reporting verb sharing the speaker of sp
// ("X is telling a group that A and says B"): after "and" or "but", it
// reports B. The span it returns holds B.
func (f *quoteFinder) coordinatedCue(sp span, inQuote []bool) (span, bool) {
	for k := sp.cs + 2; k < sp.ce-2; k++ {
		if t := f.toks[k].Key; (t != "and" && t != "but") || inQuote[k] {
			continue
		}
		j := k + 1
		for j < sp.ce && f.lang.Auxiliaries[f.toks[j].Key] {
			j++
		}
		if j >= sp.ce {
			continue
		}
		lemma := f.lang.CueLemma(f.toks[j])
		if lemma == "" || !f.lang.Verbs.Has(lemma, lexicon.Speech) || inQuote[j] || strings.HasSuffix(f.toks[j].Key, "ing") || !f.verbAt(j, sp.attr.subjS) {
			continue
		}
		ce, _ := f.cueExtent(j, sp.ce)
		cs := f.contentStart(ce, sp.ce)
		if cs < 0 || f.notContentAt(cs, lemma) {
			continue
		}
		at := sp.attr
		at.cue, at.lemma, at.venue, at.cueTok = f.text(j, ce), lemma, "", j
		return span{cs: cs, ce: sp.ce, attr: at}, true
	}
	return span{}, false
}

// participleCue reads "..., adding (that) content" whose speaker is the
// subject of the sentence ("Trump wrote ..., adding that he had briefed
// allies").
func (f *quoteFinder) participleCue(a, b int, inQuote []bool) (span, bool) {
	for k := a + 2; k < b-2; k++ {
		if !f.toks[k].Is(doc.ClsParticiple) || f.toks[k-1].Key != "," || inQuote[k] {
			continue
		}
		cs := f.contentStart(k+1, b)
		if f.toks[k].Key == "telling" {
			// "..., telling both sides that the world was watching": the
			// words come after whom they were told to, and "that"
			cs = -1
			if e := f.audience(k+1, b); e > k+1 && e < b && f.toks[e].Key == "that" {
				cs = e + 1
			}
		}
		start := a
		for j := k - 1; j >= a; j-- {
			if inQuote[j] && f.toks[j].Punct {
				start = j + 1 // `"...," Trump wrote, adding ...`: after the quote
				break
			}
		}
		for start < k && f.toks[start].Punct {
			start++
		}
		s, e := f.clauseSubject(start, k)
		if cs < 0 || s < 0 || f.toks[cs].Punct {
			return span{}, false
		}
		at := attribution{subjS: s, subjE: e, cue: f.text(k, k+1), lemma: f.lang.CueLemma(f.toks[k]), cueTok: k}
		return span{cs: cs, ce: b, attr: at}, true
	}
	return span{}, false
}

// quotedTokens marks the tokens lying inside quotation marks.
func (f *quoteFinder) quotedTokens() []bool {
	in := make([]bool, len(f.toks))
	k := 0
	for _, m := range f.marks {
		for k < len(f.toks) && f.toks[k].Start < m.Open {
			k++
		}
		for j := k; j < len(f.toks) && f.toks[j].Start < max(m.After, m.Close+1); j++ {
			in[j] = true
		}
	}
	return in
}

func wordsIn(ts []doc.Token) int {
	n := 0
	for _, t := range ts {
		if !t.Punct {
			n++
		}
	}
	return n
}

// accordingTo reads "According to X, content" and "content, according to X".
func (f *quoteFinder) accordingTo(a, b int, inQuote []bool) (span, bool) {
	for k := a; k+1 < b; k++ {
		if f.toks[k].Key != "according" || f.toks[k+1].Key != "to" || inQuote[k] {
			continue
		}
		s, e, ok := f.accordingSource(k, a, b)
		if !ok {
			return span{}, false
		}
		at := attribution{subjS: s, subjE: e, cue: f.text(k, k+2), lemma: "according to", cueTok: k}
		if f.clauseOpens(a, k) && e < b && f.toks[e].Key == "," {
			return span{cs: e + 1, ce: b, attr: at}, true
		}
		if k > a && f.toks[k-1].Key == "," {
			if k-2 >= a && f.lang.ClauseGoesOn[f.toks[k-2].Key] && e+1 < b && f.toks[e].Key == "," {
				// "a call that, according to a source in Kyiv, included ...":
				// the source stands inside the content, which goes on after it
				return span{cs: a, ce: b, attr: at, gs: k - 1, ge: e + 1}, true
			}
			if b-s <= 10 && f.nextComma(s, b) == b {
				at.subjE = b // the source runs to the end: "according to two people familiar with it"
			}
			return span{cs: a, ce: k - 1, attr: at}, true
		}
		return span{}, false
	}
	return span{}, false
}

// accordingSource returns the source after "according to" at token k:
// a speaker, or the words up to the next comma ("according to officials
// cited by TASS,"), with "of ..." after it.
func (f *quoteFinder) accordingSource(k, a, b int) (int, int, bool) {
	s, e := f.subjectAfter(k+2, b)
	if s < 0 {
		s, e = k+2, f.nextComma(k+2, b)
		// a source opening the sentence may be long: "According to early
		// results of exit polls conducted for the AP by Edison Research, ..."
		reach := 10
		if k == a && e < b {
			reach = 24
		}
		if e-s > reach || e == s || (e == b && (k == a || f.toks[k-1].Key != ",")) {
			return 0, 0, false
		}
	}
	return s, f.extendOf(e, b), true
}

// clauseOpens reports whether only openers and commas ("However,") stand
// between the sentence start a and token k.
func (f *quoteFinder) clauseOpens(a, k int) bool {
	for j := a; j < k; j++ {
		if t := f.toks[j]; t.Key != "," && !(f.lang.Openers[t.Key] && k-a <= 3) {
			return false
		}
	}
	return true
}

// extendOf extends a source over "cited by Reuters" and "familiar with the
// plan" up to the next comma, so the content starts after it.
func (f *quoteFinder) extendOf(e, b int) int {
	k := e
	for k < b && k-e < 8 && f.toks[k].Key != "," {
		k++
	}
	if k < b && f.toks[k].Key == "," {
		return k
	}
	return e
}

// trailingCue reads "content, X said [venue]" and "content, said X".
func (f *quoteFinder) trailingCue(a, b int, inQuote []bool) (span, bool) {
	for k := b - 1; k > a+2 && k >= b-16; k-- {
		if f.toks[k].Key != "," || inQuote[k-1] {
			continue
		}
		if q := f.toks[k-1].Key; q == "\"" || q == "”" || q == "'" || q == "’" {
			return span{}, false
		}
		at := f.parseAfter(k, b, true, false)
		if !at.found() || !f.lang.Verbs.Has(at.lemma, lexicon.Speech) || (at.cueTok >= 0 && inQuote[at.cueTok]) {
			continue
		}
		// the cue must come within a few words of the comma
		if f.toks[at.subjS].Start > f.toks[min(k+8, b-1)].Start {
			continue
		}
		if f.clauseAfter(at, b) {
			return span{}, false // ", he said, officials should ...": midCue's
		}
		return span{cs: a, ce: k, attr: at}, true
	}
	return span{}, false
}

// clauseAfter reports whether a clause of its own follows the attribution
// at, after a comma, up to token b.
func (f *quoteFinder) clauseAfter(at attribution, b int) bool {
	k := max(at.subjE, at.cueTok+1)
	for k < b && f.toks[k].Key != "," {
		k++
	}
	return k+1 < b && wordsIn(f.toks[k+1:b]) > 3 && !f.lang.TailWords[f.toks[k+1].Key]
}

// midCue reads "But to prevent problems, he said, officials should be
// vigilant": a speaker and cue set off by commas inside the sentence. The
// content is the whole sentence.
func (f *quoteFinder) midCue(a, b int, inQuote []bool) (span, bool) {
	for k := a + 1; k < b-3; k++ {
		if f.toks[k].Key != "," || inQuote[k] {
			continue
		}
		e := k + 1
		for e < b && e < k+7 && f.toks[e].Key != "," {
			e++
		}
		if e >= b || e == k+1 {
			continue
		}
		at := f.parseAfter(k, e, true, false)
		if at.found() && f.lang.Verbs.Has(at.lemma, lexicon.Speech) && !(at.cueTok >= 0 && inQuote[at.cueTok]) {
			return span{cs: a, ce: b, attr: at, gs: k, ge: e + 1}, true
		}
	}
	return span{}, false
}

// notContentAt reports whether the words from token cs cannot be what the
// verb lemma reports.
func (f *quoteFinder) notContentAt(cs int, lemma string) bool {
	k := f.toks[cs].Key
	if !f.lang.NotContent[k] || f.toks[cs-1].Key == "that" {
		return false
	}
	return !(k == "to" && f.lang.Verbs.Has(lemma, lexicon.Infinitive))
}

// headlineSpeaker reads "Pat Caddell: Voters Are Worried": a name of one to
// four capitalised words, a colon, then what the person said.
func (f *quoteFinder) headlineSpeaker(a, b int, inQuote []bool) (span, bool) {
	k := a
	for k < b && k < a+4 && f.isName(k) {
		k++
	}
	if k == a || k >= b || f.toks[k].Key != ":" || f.lang.NotSpeakers[f.toks[a].Key] || inQuote[k] {
		return span{}, false
	}
	for j := a; j < k; j++ {
		if t := f.toks[j].Key; f.lang.SmallWords[t] || f.lang.Prepositions[t] || f.lang.Openers[t] || f.lang.NotSpeakers[t] {
			return span{}, false // "Stealth Over Health:", "The Latest:"
		}
	}
	at := attribution{subjS: a, subjE: k, cue: ":", lemma: "say", cueTok: k}
	return span{cs: k + 1, ce: b, attr: at}, true
}

// leadingCue reads "X said (that) content" with the first reporting verb
// that has a speaker before it.
func (f *quoteFinder) leadingCue(a, b int, inQuote []bool) (span, bool) {
	for k := a; k < b-2; k++ {
		if f.leadingVerb(k, a, inQuote) != "" {
			if sp, ok := f.leadingSpan(k, a, b, inQuote); ok {
				return sp, true
			}
		}
	}
	return span{}, false
}

// leadingVerb returns the lemma of the reporting verb at token k that may
// open reported speech in clause [a, ...), or "": not inside a quotation,
// not a capitalised word after the start, not "saying" but after an
// auxiliary or a comma, not after "to" or "be".
func (f *quoteFinder) leadingVerb(k, a int, inQuote []bool) string {
	t := f.toks[k]
	_, lemma := f.cueExtent(k, min(k+2, len(f.toks)))
	if lemma == "" || inQuote[k] {
		return ""
	}
	if t.Upper && k > a && (!f.headline || !f.lang.Verbs.Has(lemma, lexicon.Clause) || f.lang.Verbs.Has(lemma, lexicon.Tell)) {
		return "" // a headline's "Says": a verb taking a clause, no audience
	}
	if strings.HasSuffix(t.Key, "ing") && (k == a || !f.lang.Auxiliaries[f.toks[k-1].Key] && f.toks[k-1].Key != ",") {
		return ""
	}
	if k > a && (f.toks[k-1].Key == "to" || f.toks[k-1].Key == "be") || f.passive(k, a) {
		return ""
	}
	return lemma
}

// passive reports whether the verb at token k is a participle after a form
// of "be", adverbs between ("people were mistakenly charged fees"): the
// subject was told, charged or asked; it reports nothing.
func (f *quoteFinder) passive(k, a int) bool {
	if form, _ := f.lang.Verbs.FormOf(f.toks[k].Key); form != lexicon.Past && form != lexicon.PastPart {
		return false
	}
	j := k - 1
	for j > a && f.adverb(f.toks[j].Key) && !f.lang.BeForms[f.toks[j].Key] {
		j--
	}
	return j >= a && f.lang.BeForms[f.toks[j].Key]
}

// leadingSpan reads the reported speech after the verb at token k: its
// speaker before the verb, the cue and the content up to b.
func (f *quoteFinder) leadingSpan(k, a, b int, inQuote []bool) (span, bool) {
	s, e := f.leadingSubject(k, a)
	if s < 0 || !f.verbAt(k, s) || f.afterQuote(s, a, inQuote) {
		return span{}, false
	}
	ce, lemma := f.cueExtent(k, b) // with a phrasal verb's lemma: "call for"
	if !f.lang.Verbs.Has(lemma, lexicon.Speech) && !f.lang.Verbs.Has(lemma, lexicon.Label) {
		return span{}, false // "went to Ohio": only "went on" reports
	}
	if ce < b && (f.toks[ce].Key == "by" || f.toks[ce].Key == "," || f.toks[ce].Key == ":") {
		return span{}, false // passive "described by", or a direct quote follows
	}
	cs := f.contentStart(ce, b)
	if cs < 0 || f.notContentAt(cs, lemma) || strings.Contains(lemma, " ") && f.lang.Prepositions[f.toks[cs].Key] {
		return span{}, false // "charged with", "wrote in 2014", "said Friday as he entered", "called for under the law"
	}
	at := f.attrib(s, e, k, ce, lemma, ce, cs)
	if f.lang.Verbs.Has(lemma, lexicon.Label) && !f.hasQuote(cs, b, inQuote) {
		return span{}, false
	}
	end := b
	if f.toks[s].Key == "who" {
		end = f.nextComma(cs, b)
	}
	return span{cs: cs, ce: f.beforeRelative(cs, end, inQuote), attr: at}, true
}

// beforeRelative ends reported content [cs, end) before a relative clause
// set off by a comma that closes it (", who worked on the 2008 campaign"):
// the reporter's description of someone the words name, not the words.
func (f *quoteFinder) beforeRelative(cs, end int, inQuote []bool) int {
	for k := cs + 3; k+1 < end; k++ {
		if f.toks[k].Key == "," && !inQuote[k] && f.lang.RelativePronouns[f.toks[k+1].Key] {
			return k
		}
	}
	return end
}

// leadingSubject returns the speaker of the reporting verb at token k in
// clause [a, ...): the words before it, or after a conjunction the
// clause's subject ("X outlined a plan and vowed ...", "X backed it but has
// since said ...").
func (f *quoteFinder) leadingSubject(k, a int) (int, int) {
	if j := f.skipAuxiliariesBack(k-1, a); j > a && j < k && f.lang.ClauseConjunctions[f.toks[j].Key] && f.toks[j].Key != "while" {
		return f.clauseSubject(a, j+1)
	}
	return f.subjectBefore(k, a)
}

// contentStart returns the first token of reported content after a cue
// ending at token ce: after "that" when only a venue stands before it, else
// after time words; -1 when nothing follows.
func (f *quoteFinder) contentStart(ce, b int) int {
	// after a preposition the venue may be any phrase: "wrote in a Baltimore
	// Sun op-ed that", "said in one of a series of messages that"
	phrase := ce < b && (f.lang.PlacePrepositions[f.toks[ce].Key] || f.lang.VenueWords[f.toks[ce].Key] && f.lang.Prepositions[f.toks[ce].Key])
	for ce < b-1 && f.adverb(f.toks[ce].Key) && !f.lang.Auxiliaries[f.toks[ce].Key] {
		ce++ // "complained bitterly that"
	}
	if k := f.thatAfterVenue(ce, b, phrase); k >= 0 {
		return k
	}
	k := ce
	for k < b && f.lang.WeekdayWords[f.toks[k].Key] {
		k++
	}
	if k >= b || (f.toks[k].Punct && !doc.IsOpenMark([]rune(f.toks[k].Key)[0], doc.FamDouble) && !doc.IsOpenMark([]rune(f.toks[k].Key)[0], doc.FamSingle)) {
		return -1
	}
	return k
}

// thatAfterVenue returns the token after a "that" which only a venue
// separates from the cue ending at token ce, or -1; with phrase set (the
// venue opens with a preposition) any words but a cue may stand between.
func (f *quoteFinder) thatAfterVenue(ce, b int, phrase bool) int {
	for k := ce; k < b && k < ce+16; k++ {
		t := f.toks[k]
		if t.Key == "that" {
			return k + 1
		}
		if !(f.lang.VenueWords[t.Key] || t.Upper || t.Key == "," || t.Key == "'s" || isNumber(t.Key) ||
			phrase && !t.Punct && f.lang.CueLemma(t) == "") {
			break
		}
	}
	return -1
}

// afterQuote reports whether the speaker at token s directly follows a
// closing quotation mark (`," Trump said`): the direct quote owns that cue.
func (f *quoteFinder) afterQuote(s, a int, inQuote []bool) bool {
	k := s - 1
	for k >= 0 && f.toks[k].Punct && !inQuote[k] {
		if key := f.toks[k].Key; key == "." || key == "!" || key == "?" {
			return false // `"...," he said. He said ...`: a sentence of its own
		}
		k--
	}
	if k < 1 || !inQuote[k] || f.para(f.toks[k].Start) != f.para(f.toks[s].Start) {
		return false
	}
	end := f.toks[k-1].Key // `..."progress." Trump said he ...`: the quote ended its sentence
	return end != "." && end != "!" && end != "?"
}

// nextComma returns the first comma token in [a, b), or b.
func (f *quoteFinder) nextComma(a, b int) int {
	for k := a; k < b; k++ {
		if f.toks[k].Key == "," {
			return k
		}
	}
	return b
}

func isNumber(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// hasQuote reports whether tokens [a, b) hold quoted words.
func (f *quoteFinder) hasQuote(a, b int, inQuote []bool) bool {
	for k := a; k < b; k++ {
		if inQuote[k] {
			return true
		}
	}
	return false
}

// addSpeech adds reported speech, or hands its attribution to the direct
// quote that makes up most of it.
func (f *quoteFinder) addSpeech(sp span) {
	s, e := f.toks[sp.cs].Start, f.toks[sp.ce-1].End
	s, e = trimMarks(f.r, s, e)
	if s >= e {
		return
	}
	if e < len(f.r) && strings.ContainsRune("\"”»", f.r[e]) && opensInside(f.r[s:e], f.r[e]) {
		e++ // the mark closing quoted words at the end: would be "severe".
	}
	words := f.contentAround(sp, s, e)
	inside, ok := f.directsInside(sp, s, e)
	if !ok {
		return
	}
	if words == "" {
		words = f.src.Slice(s, e)
	}
	if len(inside) == 0 {
		f.cands = append(f.cands, candidate{s: s, e: e, kind: models.QuoteIndirect, attr: sp.attr, mark: -1, text: words})
		return
	}
	// quoted words inside reported speech: each fragment is a partial
	// quote of the speaker's, the clause its context
	for _, i := range inside {
		c := &f.cands[i]
		c.kind, c.attr, c.weak, c.local = models.QuotePartial, sp.attr, false, false
		c.ctxS, c.ctxE, c.ctxText = s, e, words
	}
}

// contentAround returns the words of reported speech [s, e) without the
// attribution inside it (tokens [sp.gs, sp.ge)), or "" when none stands
// inside.
func (f *quoteFinder) contentAround(sp span, s, e int) string {
	if !(sp.cs < sp.gs && sp.gs < sp.ge && sp.ge < sp.ce) {
		return ""
	}
	ls, le := trimMarks(f.r, s, f.toks[sp.gs-1].End)
	rs, re := trimMarks(f.r, f.toks[sp.ge].Start, e)
	if ls >= le || rs >= re {
		return ""
	}
	sep := " "
	if f.lang.Subordinators[f.toks[sp.cs].Key] {
		sep = ", " // "If the deadline passes, officials said, others could ..."
	}
	return f.src.Slice(ls, le) + sep + f.src.Slice(rs, re)
}

// directsInside returns the direct quote candidates that reported speech
// [s, e) holds, to become its fragments; ok is false when a direct quote
// covers most of it instead (it takes the speech's attribution if it has
// none), or the sentence is built around an attributed direct quote.
func (f *quoteFinder) directsInside(sp span, s, e int) (inside []int, ok bool) {
	// direct candidates come first, in text order and without overlaps
	hi := sort.Search(f.nDirect, func(i int) bool { return f.cands[i].s >= e })
	for i := hi - 1; i >= 0 && f.cands[i].e > s; i-- {
		c := &f.cands[i]
		if c.dropped || c.mark < 0 || c.e <= s || c.s >= e {
			continue
		}
		ov := min(c.e, e) - max(c.s, s)
		if c.local && !c.embedded && ov*10 < (e-s)*6 {
			return nil, false // a sentence built around an attributed direct quote
		}
		if ov*10 >= (e-s)*6 && (c.local && !c.embedded || f.wordsOutside(s, e, c) <= 1) {
			if !c.attr.found() {
				c.attr = sp.attr
			}
			c.weak = false
			return nil, false
		}
		inside = append(inside, i)
	}
	return inside, true
}

// wordsOutside counts the words of reported speech [s, e) outside quote c.
func (f *quoteFinder) wordsOutside(s, e int, c *candidate) int {
	return doc.WordsBetween(f.r, s, max(s, c.s)) + doc.WordsBetween(f.r, min(e, c.e), e)
}

// trimMarks trims white space, quotation marks and final punctuation.
func trimMarks(r []rune, s, e int) (int, int) {
	for s < e && (unicode.IsSpace(r[s]) || strings.ContainsRune("\"“”'‘’«»,:", r[s])) {
		if closesBefore(r[s+1:e], r[s]) {
			break // keep the mark opening words quoted inside: "sanctions" were expected
		}
		s++
	}
	for e > s && (unicode.IsSpace(r[e-1]) || strings.ContainsRune("\"“”'‘’«».,;:!?", r[e-1])) {
		if strings.ContainsRune("\"”’»", r[e-1]) && opensInside(r[s:e-1], r[e-1]) {
			break // keep the mark closing words quoted inside: called it "serious"
		}
		e--
	}
	return s, e
}

// closesBefore reports whether the opening double mark c is closed in w
// before its last word, so that trimming c would leave its closing mark
// unmatched. Single marks are left alone: they are apostrophes too.
func closesBefore(w []rune, c rune) bool {
	var closing rune
	switch c {
	case '"':
		closing = '"'
	case '“':
		closing = '”'
	case '«':
		closing = '»'
	default:
		return false
	}
	for i, x := range w {
		if x == closing {
			for _, y := range w[i+1:] {
				if unicode.IsLetter(y) || unicode.IsDigit(y) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// opensInside reports whether w holds an unclosed opening mark matching the
// closing mark c.
func opensInside(w []rune, c rune) bool {
	open := map[rune]rune{'"': '"', '”': '“', '’': '‘', '»': '«'}[c]
	n := 0
	for _, x := range w {
		switch {
		case x == open && (c != '"' || n == 0):
			n++
		case x == c && n > 0:
			n--
		}
	}
	return n > 0
}

// fromContext gives direct quotes without a speaker in their sentence the
// speaker of the sentence before when it ends with a colon ("Trump said:"),
// else the speaker of the previous quote in the same or previous paragraph.
func (f *quoteFinder) fromContext() {
	order := make([]int, len(f.cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return f.cands[order[x]].s < f.cands[order[y]].s })
	last := -1
	for _, i := range order {
		c := &f.cands[i]
		if c.dropped || c.weak {
			continue
		}
		if c.mark < 0 {
			if c.attr.found() {
				last = i // reported speech: a quote of a paragraph of its own after it may go on from it
			}
			continue
		}
		if !c.attr.found() {
			c.attr = f.colonBefore(c.s)
		}
		if !c.attr.found() && last >= 0 && f.continues(f.cands[last], *c) {
			c.attr = f.cands[last].attr
		}
		if c.attr.found() {
			last = i
		}
	}
}

// continues reports whether quote c, with no speaker of its own, goes on
// from quote last: in its paragraph or the next line, or, for a whole
// quoted paragraph, in the next paragraph after a blank line.
func (f *quoteFinder) continues(last, c candidate) bool {
	if last.mark < 0 {
		// after reported speech only a whole quoted paragraph right after it
		return f.parasApart(last.e, c.s) <= 1 && f.wholeParagraph(c)
	}
	if f.para(c.s)-f.para(last.e) <= 1 {
		return true
	}
	return c.kind == models.QuoteDirect && f.parasApart(last.e, c.s) <= 1 && f.wholeParagraph(c)
}

// wholeParagraph reports whether quote c is all its paragraph holds but
// for its quotation marks and spaces.
func (f *quoteFinder) wholeParagraph(c candidate) bool {
	p := f.para(c.s)
	end := len(f.r)
	if p+1 < len(f.paras) {
		end = f.paras[p+1]
	}
	for i := f.paras[p]; i < end; i++ {
		if (i < c.s || i >= c.e) && (unicode.IsLetter(f.r[i]) || unicode.IsDigit(f.r[i])) {
			return false
		}
	}
	return true
}

// parasApart counts the paragraphs that start after offset a up to b,
// blank lines not counted: 1 for the next paragraph, whether or not a
// blank line separates them.
func (f *quoteFinder) parasApart(a, b int) int {
	n := 0
	for p := f.para(a) + 1; p < len(f.paras) && f.paras[p] <= b; p++ {
		if f.paras[p] < len(f.r) && f.r[f.paras[p]] != '\n' {
			n++
		}
	}
	return n
}

// colonBefore returns the attribution of the sentence before offset s when
// it ends with a colon.
func (f *quoteFinder) colonBefore(s int) attribution {
	si := f.sentAt(s)
	if si == 0 || len(f.sents) == 0 {
		return noAttribution()
	}
	p := f.sents[si-1]
	a, b := f.tokAt(p.Start), f.tokAt(p.End)
	if b <= a || f.toks[b-1].Key != ":" {
		return noAttribution()
	}
	at, _ := f.parseBefore(a, b)
	return at
}
