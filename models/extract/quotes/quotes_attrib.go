package quotes

import (
	"strings"

	"dateline/models/extract/doc"
	"dateline/models/extract/lexicon"
	"dateline/models/extract/people"
)

// attribution is who said a quote and how: token ranges into the article's
// tokens ([subjS, subjE) is the speaker mention, subjS < 0 when none) and
// the cue and venue text.
type attribution struct {
	subjS, subjE int
	cue, venue   string
	lemma        string
	cueTok       int // token of the cue, -1 when there is none (a colon, a label)
	// trailS, trailE are the rune offsets of a venue closing the reported
	// words after a comma (", in a statement on Tuesday"), 0 for none
	trailS, trailE int
}

func noAttribution() attribution { return attribution{subjS: -1, subjE: -1, cueTok: -1} }

func (a attribution) found() bool { return a.subjS >= 0 }

// attributor parses speakers, cues and venues around quotes.
type attributor struct {
	lang *doc.Language
	src  *doc.Source
	r    []rune
	toks []doc.Token
}

func (p *attributor) text(s, e int) string {
	if s >= e {
		return ""
	}
	return p.src.Slice(p.toks[s].Start, p.toks[e-1].End)
}

// isName reports whether token i is a capitalised word.
func (p *attributor) isName(i int) bool {
	t := p.toks[i]
	return !t.Punct && t.Upper
}

// subjectBefore returns the speaker mention ending just before the verb at
// token k (skipping auxiliaries and adverbs), not reaching before token lo.
func (p *attributor) subjectBefore(k, lo int) (int, int) {
	j := p.skipAuxiliariesBack(k-1, lo)
	for n := 0; j > lo && n < 3 && p.lang.WeekdayWords[p.toks[j].Key] && !p.toks[j-1].Punct; n++ {
		j = p.skipAuxiliariesBack(j-1, lo) // "The G7 on Monday called for", "Lavrov last week said"
	}
	if j < lo {
		return -1, -1
	}
	switch key := p.toks[j].Key; {
	case key == ",":
		return p.beforeParenthetical(j, lo)
	case key == ")" && j > lo:
		return p.beforeBrackets(j, lo)
	case key == "that" || key == "which":
		return -1, -1 // "a letter ... that says": the letter is far back
	case p.toks[j].Punct:
		return -1, -1
	case p.lang.Pronouns[key]:
		if os, oe := p.outerSpeaker(j, lo); os >= 0 {
			return os, oe // "Benjamin said he believes ...": Benjamin's words
		}
		return j, j + 1
	case p.toks[j].Upper:
		return p.nameSubjectBefore(j, lo)
	}
	if s, e := p.describedBack(j, lo); s >= 0 {
		return s, e
	}
	return p.relativeSubject(j, lo)
}

// relativeSubject finds the subject that a relative clause ending at token
// j describes: "progressive organizations that have endorsed him say",
// "officials who met him said". The clause holds no punctuation.
func (p *attributor) relativeSubject(j, lo int) (int, int) {
	for r := j - 1; r > lo && r >= j-8; r-- {
		t := p.toks[r]
		if t.Punct || p.lang.CueLemma(t) != "" && r < j-1 {
			return -1, -1
		}
		if t.Key != "that" && !p.lang.RelativePronouns[t.Key] || p.toks[r-1].Punct {
			continue
		}
		if p.toks[r-1].Upper {
			return p.nameSubjectBefore(r-1, lo)
		}
		return p.describedBack(r-1, lo)
	}
	return -1, -1
}

// outerSpeaker returns the named speaker of a reporting verb right before
// the pronoun at token j ("Benjamin said he believes", "X said that they
// think"), whose words the pronoun's own cue reports, or -1.
func (p *attributor) outerSpeaker(j, lo int) (int, int) {
	k := j - 1
	if k > lo && p.toks[k].Key == "that" {
		k--
	}
	if k <= lo || p.toks[k].Upper || strings.HasSuffix(p.toks[k].Key, "ing") {
		return -1, -1
	}
	lemma := p.lang.CueLemma(p.toks[k])
	if lemma == "" || !p.lang.Verbs.Has(lemma, lexicon.Speech) || p.lang.Verbs.Has(lemma, lexicon.Tell) {
		return -1, -1
	}
	s, e := p.subjectBefore(k, lo)
	if s < 0 || p.lang.Pronouns[p.toks[s].Key] {
		return -1, -1
	}
	return s, e
}

// nameSubjectBefore returns the speaker whose mention ends in the
// capitalised word at token j: the name, or the description it is part of
// ("Officials in Geneva", "officials cited by Reuters", "another source
// speaking to Fox News").
func (p *attributor) nameSubjectBefore(j, lo int) (int, int) {
	key := p.toks[j].Key
	s := p.nameRunBack(j, lo)
	if s == j && (p.lang.Openers[key] || p.lang.WeekdayWords[key]) {
		return -1, -1 // "Now tell us ..."
	}
	if ds, ok := p.placedDescription(s, lo); ok {
		return ds, j + 1 // "Officials in Geneva said": officials, not Geneva
	}
	if ds, ok := p.conveyedBy(s, lo); ok {
		return ds, j + 1 // "Russian officials cited by Reuters said"
	}
	if s-3 >= lo && p.lang.Prepositions[p.toks[s-1].Key] && strings.HasSuffix(p.toks[s-2].Key, "ing") && !p.toks[s-2].Upper {
		if ds, de := p.describedBack(s-3, lo); ds >= 0 {
			return ds, de // "another source speaking to Fox News said": the source
		}
	}
	return s, j + 1
}

// placedDescription finds the described speakers a place name starting
// at token s belongs to: "officials in Geneva", "a diplomat from Doha". It
// returns where the description starts.
func (p *attributor) placedDescription(s, lo int) (int, bool) {
	if s-2 < lo || !p.lang.PlacePrepositions[p.toks[s-1].Key] || p.toks[s-1].Upper {
		return 0, false
	}
	h := p.toks[s-2]
	if h.Upper && !people.IsTitle(p.lang, h.Key) || h.Punct {
		return 0, false // "Putin in Moscow said" is Putin speaking
	}
	ds, _ := p.describedBack(s-2, lo)
	return ds, ds >= 0
}

// conveyedBy finds the source whose words the outlet starting at token s
// passed on: "officials cited by Reuters", "a diplomat quoted by AFP". It
// returns where the source's mention starts.
func (p *attributor) conveyedBy(s, lo int) (int, bool) {
	if s-3 < lo || p.toks[s-1].Key != "by" || !p.lang.ConduitParticiples[p.toks[s-2].Key] {
		return 0, false
	}
	h := s - 3
	if p.toks[h].Upper && !p.lang.SourceNouns[p.toks[h].Key] {
		return p.nameRunBack(h, lo), true
	}
	ds, _ := p.describedBack(h, lo)
	return ds, ds >= 0
}

// skipAuxiliariesBack returns the first token at or before j, not before
// lo, that is no auxiliary or adverb between a speaker and the verb ("Trump
// also said"), counting a capitalised one at a sentence start ("Also said").
func (p *attributor) skipAuxiliariesBack(j, lo int) int {
	for j >= lo && p.adverb(p.toks[j].Key) && !p.toks[j].Upper {
		j--
	}
	for j >= lo && p.adverb(p.toks[j].Key) && j > lo && !p.isName(j-1) {
		j--
	}
	return j
}

// adverb reports whether key may stand between a speaker and the verb: an
// auxiliary or an adverb in -ly.
func (p *attributor) adverb(key string) bool {
	return p.lang.Auxiliaries[key] || len(key) > 4 && strings.HasSuffix(key, "ly") && !p.lang.LyNouns[key]
}

// beforeBrackets finds "Sen. David Perdue (R-Ga.) said": the name before
// the brackets that close at token j.
func (p *attributor) beforeBrackets(j, lo int) (int, int) {
	o := j - 1
	for o > lo && o > j-8 && p.toks[o].Key != "(" {
		o--
	}
	if p.toks[o].Key == "(" && o > lo && p.isName(o-1) {
		return p.nameRunBack(o-1, lo), j + 1
	}
	return -1, -1
}

// beforeParenthetical finds the speaker of "Hillary Clinton, at a later
// press gaggle, said" and "Douglas Brinkley, a historian who attended,
// recalled": a name opening the clause, then a comma-enclosed aside ending
// at the comma at token j. The mention is the name before the aside.
func (p *attributor) beforeParenthetical(j, lo int) (int, int) {
	first := true
	for c := j - 1; c > lo && c >= j-24; c-- {
		t := p.toks[c]
		if t.Key != "," {
			if t.Punct && asideEnds(t.Key) {
				return -1, -1
			}
			continue
		}
		if s, e, ok := p.beforeAsideComma(c, j, lo, first); ok {
			return s, e
		}
		first = false
	}
	return -1, -1
}

// beforeAsideComma reads the speaker before the comma at token c that may
// open an aside ending at token j: a name with its party bracket, a
// described subject ("Several candidates, including Trump, said"), the
// name inside the aside ("The campaign manager, Kellyanne Conway, said"),
// or a name opening the clause. first is set for the aside's last comma.
func (p *attributor) beforeAsideComma(c, j, lo int, first bool) (int, int, bool) {
	prev := p.toks[c-1]
	if prev.Key == ")" && c-1 > lo {
		if s, e := p.beforeBrackets(c-1, lo); s >= 0 && s-lo <= 2 {
			return s, e, true // "Sen. Richard J. Durbin (D-Ill.), noting ..., said"
		}
	}
	if first {
		if ds, de, ok := p.describedBeforeAside(c, lo); ok {
			return ds, de, true
		}
	}
	if !p.isName(c-1) && !p.lang.Pronouns[prev.Key] {
		if first && p.isName(j-1) && p.isName(c+1) {
			if s := p.nameRunBack(j-1, c+1); s == c+1 {
				return s, j, true
			}
		}
		return 0, 0, false
	}
	s := c - 1
	if p.isName(s) {
		s = p.nameRunBack(s, lo)
	}
	if (s-lo <= 2 || p.afterOpening(s, lo)) && p.plausibleName(s, c) {
		return s, c, true // the name opens the clause: "Ayrault, the minister of France, a member of ..., said"
	}
	return 0, 0, false
}

// describedBeforeAside finds a described subject opening its clause
// before the comma at token c: "Several candidates, including Trump, said".
func (p *attributor) describedBeforeAside(c, lo int) (int, int, bool) {
	prev := p.toks[c-1]
	if prev.Punct || prev.Upper || p.lang.Pronouns[prev.Key] {
		return 0, 0, false
	}
	ds, de := p.describedBack(c-1, lo)
	return ds, de, ds >= 0 && p.opensClause(ds, lo)
}

// afterOpening reports whether token s follows an opening phrase set off
// by a comma ("In a statement, Brian Fallon, ..., said"), which starts at
// lo with a preposition or an opener.
func (p *attributor) afterOpening(s, lo int) bool {
	if s-1 <= lo || p.toks[s-1].Key != "," || s-lo > 12 {
		return false
	}
	k := p.toks[lo].Key
	if !(p.lang.Prepositions[k] || p.lang.Openers[k] || p.lang.AdverbialOpeners[k]) {
		return false
	}
	for c := lo; c < s-1; c++ {
		if p.toks[c].Punct {
			return false
		}
	}
	return true
}

// asideEnds reports whether punctuation key cannot stand inside a
// comma-enclosed aside: a clause break or a quotation mark ("$30 billion",
// "R-Texas" and "(D-Calif.)" can).
func asideEnds(key string) bool {
	return strings.ContainsAny(key, ";:!?\"“”‘’«»")
}

// plausibleName reports whether tokens [s, e) may name somebody: not a
// sentence adverb ("Still,"), a day or a month, nor a place after a
// preposition ("in Chelsea,").
func (p *attributor) plausibleName(s, e int) bool {
	if s > 0 && p.lang.Prepositions[p.toks[s-1].Key] {
		return false
	}
	if last := p.toks[e-1].Key; p.lang.WeekdayWords[last] || p.lang.MonthWords[last] {
		return false // "in Hudson, New Hampshire Monday, the supporter retorted"
	}
	if e-s == 1 {
		k := p.toks[s].Key
		if p.lang.Openers[k] || p.lang.WeekdayWords[k] || p.lang.MonthWords[k] || strings.HasSuffix(k, "ly") {
			return false
		}
	}
	return true
}

// nameRunBack extends a capitalised name ending at token j backwards over
// names, connectors, possessives and titles ("Putin's aide Yuri Ushakov",
// "White House spokesman Josh Earnest") and trims discourse openers.
func (p *attributor) nameRunBack(j, lo int) int {
	s := j
	for s-1 >= lo && j-s < 10 {
		t := p.toks[s-1]
		if t.Punct && t.Key != "-" && t.Key != "&" {
			break
		}
		if !(t.Upper || p.lang.NameConnectors[t.Key] || p.lang.Titles[t.Key] || (p.lang.Determiners[t.Key] && t.Key == "the")) {
			break
		}
		s--
		if t.Key == "the" {
			break
		}
	}
	for s < j && (p.lang.NameConnectors[p.toks[s].Key] || p.lang.Openers[p.toks[s].Key] || (!p.toks[s].Upper && p.toks[s].Key != "the")) {
		s++
	}
	return s
}

// describedBack returns a described speaker ending in the lower-case word
// at token j ("the Kremlin aide", "a senior US official", "campaign
// officials"), or the name before an apposition ("Smith, a former aide").
func (p *attributor) describedBack(j, lo int) (int, int) {
	head := p.toks[j].Key
	if q, ok := p.sourceWithPhrase(j, lo); ok {
		return q, j + 1 // "people with direct knowledge of the talks said", "a source familiar with his thinking"
	}
	if !p.describableHead(head) {
		return -1, -1 // "repeatedly said", "this week said"
	}
	if ps, ok := p.pollShare(j, lo); ok {
		return ps, j + 1 // "21 percent said", "a majority of Americans say"
	}
	s, ok := p.descriptionStart(j, lo)
	for s < j && p.lang.Openers[p.toks[s].Key] {
		s++ // "But progressive organizations say"
	}
	if q, ok := p.qualifiedSource(s, lo); ok {
		return q, j + 1 // "people familiar with the plan said"
	}
	if !ok && !p.lang.Titles[head] && !(p.opensClause(s, lo) && (p.unnamedHead(head) || p.pluralSpeaker(head))) {
		return -1, -1 // "European leaders said" opens its clause: a speaker
	}
	d := p.toks[s].Key
	if (d == "a" || d == "an" || d == "the") && s-2 >= lo && p.toks[s-1].Key == "," && p.isName(s-2) {
		if n := p.nameRunBack(s-2, lo); p.plausibleName(n, s-1) {
			return n, s - 1 // apposition: the name before it
		}
	}
	return s, j + 1
}

// describableHead reports whether the lower-case word head may end a
// speaker's description: no adverb, participle or time word.
func (p *attributor) describableHead(head string) bool {
	if strings.HasSuffix(head, "ly") || strings.HasSuffix(head, "ing") || (strings.HasSuffix(head, "ed") && !p.lang.Titles[head]) {
		return false
	}
	return !p.lang.WeekdayWords[head] // "this week" says nothing
}

// pollShare finds a share of people polled ending at token j: "21
// percent", "a majority of Americans", "Seventy-four percent of Democratic
// registered voters" (poll-shares). It returns where the share starts.
func (p *attributor) pollShare(j, lo int) (int, bool) {
	for k := j; k >= lo && k >= j-7; k-- {
		t := p.toks[k]
		if t.Punct || p.lang.CueLemma(t) != "" {
			return 0, false
		}
		if p.inRatio(k, lo) {
			return k - 2, true // "Nine in 10 Democratic registered voters say"
		}
		if !p.lang.PollShares[t.Key] || (k < j && p.toks[k+1].Key != "of") {
			continue
		}
		s := k
		if s-1 >= lo && (p.lang.Determiners[p.toks[s-1].Key] || isNumber(p.toks[s-1].Key) || numberWord(p.toks[s-1].Key)) {
			s--
		}
		if s == k && t.Key == "percent" {
			return 0, false // a share needs its number
		}
		return s, true
	}
	return 0, false
}

// inRatio reports whether tokens k-2..k read "N in M" ("nine in 10",
// "one in four"), a share of people polled.
func (p *attributor) inRatio(k, lo int) bool {
	if k-2 < lo || p.toks[k-1].Key != "in" {
		return false
	}
	a, b := p.toks[k-2].Key, p.toks[k].Key
	return (isNumber(a) || numberWord(a)) && (isNumber(b) || numberWord(b))
}

// numberWord reports whether key spells a number ("seventy-four", "half").
func numberWord(key string) bool {
	for _, w := range strings.Split(key, "-") {
		switch w {
		case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
			"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred":
		default:
			return false
		}
	}
	return true
}

// opensClause reports whether a description starting at token s opens its
// clause: at lo, or after a comma or a clause conjunction ("Already, 520
// superdelegates have said", "and analysts say").
func (p *attributor) opensClause(s, lo int) bool {
	return s == lo || s > lo && (p.toks[s-1].Key == "," || p.lang.ClauseConjunctions[p.toks[s-1].Key])
}

// pluralNoun reports whether a lower-case head word looks like a plural
// noun ("commentators", "superdelegates"): an unnamed group of speakers.
func pluralNoun(key string) bool {
	return len(key) > 4 && strings.HasSuffix(key, "s") && !strings.HasSuffix(key, "ss") && !strings.HasSuffix(key, "'s")
}

// pluralSpeaker reports whether a lower-case plural head names people who
// may speak ("commentators"), not the messages or places they spoke in
// ("tweets", "interviews").
func (p *attributor) pluralSpeaker(key string) bool {
	sing := strings.TrimSuffix(key, "s")
	return pluralNoun(key) && !p.lang.MessageNouns[key] && !p.lang.MessageNouns[sing] && !p.lang.VenueNouns[key] && !p.lang.VenueNouns[sing]
}

// unnamedHead reports whether key heads an unnamed speaker that needs no
// determiner: "officials", "European leaders", "diplomats".
func (p *attributor) unnamedHead(key string) bool {
	return p.lang.SourceNouns[key] || p.lang.GroupHeads[key] || p.lang.BodyNouns[key]
}

// qualifiedSource finds the source noun that the description starting at
// token s qualifies: "people familiar with | the plan", "a source close to
// | the talks". It returns where the source's mention starts.
func (p *attributor) qualifiedSource(s, lo int) (int, bool) {
	if s-3 < lo || !p.lang.Prepositions[p.toks[s-1].Key] || !p.lang.SourceQualifiers[p.toks[s-2].Key] ||
		!p.lang.SourceNouns[p.toks[s-3].Key] {
		return 0, false
	}
	q, _ := p.descriptionStart(s-3, lo)
	return q, true
}

// sourceWithPhrase finds a source noun opening its clause and qualified by
// a prepositional phrase that ends at token j: "people with direct
// knowledge of the talks", "officials at the ministry". It returns where
// the source's mention starts.
func (p *attributor) sourceWithPhrase(j, lo int) (int, bool) {
	for k := j - 2; k >= lo && k >= j-10; k-- {
		t := p.toks[k]
		if t.Punct && t.Key != "'" && t.Key != "-" || p.lang.CueLemma(t) != "" {
			return 0, false
		}
		if n := p.toks[k+1].Key; !p.lang.SourceNouns[t.Key] || !p.lang.Prepositions[n] && !p.lang.SourceQualifiers[n] {
			continue
		}
		s, _ := p.descriptionStart(k, lo)
		return s, p.opensClause(s, lo)
	}
	return 0, false
}

// descriptionStart walks back from the head word at token j over the
// words describing a speaker, to a determiner ("the Kremlin aide") or a
// possessive name ("Putin's aide"); ok is false when it meets neither.
func (p *attributor) descriptionStart(j, lo int) (int, bool) {
	s := j
	for s-1 >= lo && j-s < 6 {
		t := p.toks[s-1]
		if t.Punct || p.lang.Pronouns[t.Key] || p.lang.CueLemma(t) != "" || p.lang.Prepositions[t.Key] || p.lang.NotInMention[t.Key] {
			break
		}
		s--
		if p.lang.Determiners[t.Key] {
			if s-1 >= lo && p.lang.Determiners[p.toks[s-1].Key] && !p.toks[s-1].Punct {
				s-- // "the two governments"
			}
			return s, true
		}
		if t.Key == "'s" {
			return p.nameRunBack(s-1, lo), true
		}
	}
	return s, false
}

// subjectAfter returns the speaker mention starting at token k ("said
// Trump", "said the Kremlin aide", "says Putin's aide Yuri Ushakov").
func (p *attributor) subjectAfter(k, hi int) (int, int) {
	if k >= hi || p.toks[k].Punct {
		return -1, -1
	}
	t := p.toks[k]
	if p.lang.Pronouns[t.Key] && t.Key != "who" {
		return k, k + 1
	}
	if t.Upper && !p.lang.Determiners[t.Key] {
		return k, p.nameRunForward(k, hi)
	}
	if !p.lang.Determiners[t.Key] {
		return -1, -1
	}
	e := k + 1
	for e < hi && e-k < 8 && !p.endsDescription(p.toks[e]) {
		e++
	}
	if e == k+1 {
		return -1, -1
	}
	return k, e
}

// nameRunForward returns where the name starting at token k ends: names,
// connectors inside them and titles before a name ("Secretary of State
// Marco Rubio"), without a connector at the end.
func (p *attributor) nameRunForward(k, hi int) int {
	inName := func(e int) bool {
		key := p.toks[e].Key
		return p.isName(e) || e > k && (p.lang.NameConnectors[key] || p.lang.Titles[key] && e+1 < hi && p.isName(e+1))
	}
	e := k
	for e < hi && e-k < 10 && inName(e) {
		e++
	}
	for e > k+1 && p.lang.NameConnectors[p.toks[e-1].Key] {
		e--
	}
	return e
}

// endsDescription reports whether u ends a described speaker after the
// verb ("said a senior official who ..."): a mark, "who", "that", a venue
// word or another cue.
func (p *attributor) endsDescription(u doc.Token) bool {
	return u.Punct || u.Key == "who" || u.Key == "that" || p.lang.VenueWords[u.Key] && !u.Upper && u.Key != "the" || p.lang.CueLemma(u) != ""
}

// cueExtent returns where a cue starting with the verb at token k ends:
// after the audience of "told" ("told reporters") and a following "to"
// of "according to". ok is false when k is no reporting verb.
func (p *attributor) cueExtent(k, hi int) (end int, lemma string) {
	t := p.toks[k]
	if t.Key == "according" && k+1 < hi && p.toks[k+1].Key == "to" {
		return k + 2, "according to"
	}
	if k+1 < hi {
		lemma = p.lang.PhrasalCue(t, p.toks[k+1]) // "called for", "went on"
	}
	end = k + 2
	if lemma == "" {
		if lemma, end = p.lang.CueLemma(t), k+1; lemma == "" {
			return k, ""
		}
	}
	if p.lang.Verbs.Has(lemma, lexicon.Tell) {
		end = p.audience(end, hi)
	}
	return end, lemma
}

// audience returns where the audience of "told" starting at token k ends:
// "told reporters", "told The Washington Post", "told Russian state TV",
// "told him". It stops at punctuation, "that", a preposition or a cue.
func (p *attributor) audience(k, hi int) int {
	e := k
	det := false // a determiner opened it: "a news conference" runs to its noun
	for e < hi && e-k < 7 {
		t := p.toks[e]
		if p.endsAudience(t) {
			break
		}
		e++
		// a determiner or a possessive opens it: "a news conference", "Britain's ITV television station"
		det = det || (e == k+1 && p.lang.Determiners[t.Key]) || t.Key == "'s"
		if det && !t.Upper && e-k < 6 && p.audienceGoesOn(e, hi) {
			continue // "a news | conference"
		}
		if p.lang.Pronouns[t.Key] || (!t.Upper && !p.lang.Determiners[t.Key] && !(e < hi && p.toks[e].Upper) && !adjectiveLike(t.Key)) {
			break // "him", "reporters": one word ends it
		}
		if t.Upper && e < hi && p.lang.Determiners[p.toks[e].Key] {
			break // "told Reuters the group would ...": the name ends it
		}
	}
	return e
}

// endsAudience reports whether token t cannot be part of an audience: a
// mark, "that", a day or month, a preposition or another cue.
func (p *attributor) endsAudience(t doc.Token) bool {
	return t.Punct || t.Key == "that" || p.lang.WeekdayWords[t.Key] || p.lang.MonthWords[t.Key] ||
		(!t.Upper && (p.lang.Prepositions[t.Key] || p.lang.CueLemma(t) != "" && !adjectiveLike(t.Key)))
}

// audienceGoesOn reports whether the word at token e continues a noun
// phrase a determiner opened ("a news conference"): a plain lower-case
// word that opens nothing else.
func (p *attributor) audienceGoesOn(e, hi int) bool {
	if e >= hi {
		return false
	}
	t := p.toks[e]
	k := t.Key
	return !t.Upper && !p.endsAudience(t) && !p.lang.Determiners[k] && !p.lang.Pronouns[k] && !p.lang.Auxiliaries[k]
}

// adjectiveLike reports words that go on to a noun ("state TV", "local media").
func adjectiveLike(w string) bool {
	switch w {
	case "state", "local", "national", "foreign", "russian", "senior", "top", "many", "several", "few":
		return true
	}
	return false
}

// venueAfter returns the venue words from token k up to a comma, a quote
// mark, "that" or the end hi ("in an interview with CBS on Tuesday").
func (p *attributor) venueAfter(k, hi int) (int, int) {
	for k < hi && !p.lang.Auxiliaries[p.toks[k].Key] && p.adverb(p.toks[k].Key) {
		k++ // "fired back forcefully:"
	}
	e := k
	for e < hi && e-k < 14 {
		t := p.toks[e]
		if (t.Punct && t.Key != "-" && t.Key != "'s") || t.Key == "that" || t.Key == "adding" || t.Key == "without" {
			break
		}
		e++
	}
	if e > k && !p.lang.Prepositions[p.toks[k].Key] && !p.lang.WeekdayWords[p.toks[k].Key] {
		return k, k
	}
	if e > k && p.lang.WeekdayWords[p.toks[k].Key] {
		return k, p.timeWordsEnd(k, e)
	}
	return k, e
}

// timeWordsEnd ends a venue [k, e) opening with time words at the first
// word that is neither one nor a preposition: "said Tuesday in Brussels"
// keeps its venue, "said Tuesday the version ... is" ends it at "the".
func (p *attributor) timeWordsEnd(k, e int) int {
	w := k
	for w < e && p.lang.WeekdayWords[p.toks[w].Key] && !p.lang.Prepositions[p.toks[w].Key] {
		w++
	}
	if w < e && !p.lang.Prepositions[p.toks[w].Key] {
		return w
	}
	return e
}

// verbAt reports whether the reporting verb at token k is used as a verb:
// the bare and -s forms of noun-like lemmas ("state media", "a phone call")
// count only after a pronoun (subject token subj) or before "that".
func (p *attributor) verbAt(k, subj int) bool {
	t := p.toks[k]
	if p.lang.ConduitParticiples[t.Key] && k+1 < len(p.toks) && p.toks[k+1].Key == "by" {
		return false // "quoted by TASS" passes words on; it reports none
	}
	lemma := p.lang.CueLemma(t)
	if form, _ := p.lang.Verbs.FormOf(t.Key); !p.lang.Verbs.Has(lemma, lexicon.Nounish) || (form != lexicon.Base && form != lexicon.S) {
		return true
	}
	if subj >= 0 && p.lang.Pronouns[p.toks[subj].Key] {
		return true
	}
	return k+1 < len(p.toks) && p.toks[k+1].Key == "that"
}
