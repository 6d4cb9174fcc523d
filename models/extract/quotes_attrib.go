package extract

import (
	"strings"

	"dateline/models/extract/lexicon"
)

// attribution is who said a quote and how: token ranges into the article's
// tokens ([subjS, subjE) is the speaker mention, subjS < 0 when none) and
// the cue and venue text.
type attribution struct {
	subjS, subjE int
	cue, venue   string
	lemma        string
	cueTok       int // token of the cue, -1 when there is none (a colon, a label)
}

func noAttribution() attribution { return attribution{subjS: -1, subjE: -1, cueTok: -1} }

func (a attribution) found() bool { return a.subjS >= 0 }

// attributor parses speakers, cues and venues around quotes.
type attributor struct {
	src  *source
	r    []rune
	toks []token
}

func (p *attributor) text(s, e int) string {
	if s >= e {
		return ""
	}
	return p.src.slice(p.toks[s].start, p.toks[e-1].end)
}

// isName reports whether token i is a capitalised word.
func (p *attributor) isName(i int) bool {
	t := p.toks[i]
	return !t.punct && t.upper
}

// subjectBefore returns the speaker mention ending just before the verb at
// token k (skipping auxiliaries and adverbs), not reaching before token lo.
func (p *attributor) subjectBefore(k, lo int) (int, int) {
	j := p.skipAuxiliariesBack(k-1, lo)
	if j < lo {
		return -1, -1
	}
	switch key := p.toks[j].key; {
	case key == ",":
		return p.beforeParenthetical(j, lo)
	case key == ")" && j > lo:
		return p.beforeBrackets(j, lo)
	case key == "that" || key == "which":
		return -1, -1 // "a letter ... that says": the letter is far back
	case p.toks[j].punct:
		return -1, -1
	case pronouns[key]:
		return j, j + 1
	case p.toks[j].upper:
		s := p.nameRunBack(j, lo)
		if s == j && (openers[key] || weekdayWords[key]) {
			return -1, -1 // "Now tell us ..."
		}
		if ds, ok := p.placedDescription(s, lo); ok {
			return ds, j + 1 // "Officials in Geneva said": officials, not Geneva
		}
		return s, j + 1
	}
	return p.describedBack(j, lo)
}

// placedDescription finds the described speakers a place name starting
// at token s belongs to: "officials in Geneva", "a diplomat from Doha". It
// returns where the description starts.
func (p *attributor) placedDescription(s, lo int) (int, bool) {
	if s-2 < lo || !placePrepositions[p.toks[s-1].key] || p.toks[s-1].upper {
		return 0, false
	}
	h := p.toks[s-2]
	if h.upper && !isTitle(h.key) || h.punct {
		return 0, false // "Putin in Moscow said" is Putin speaking
	}
	ds, _ := p.describedBack(s-2, lo)
	return ds, ds >= 0
}

// skipAuxiliariesBack returns the first token at or before j, not before
// lo, that is no auxiliary or adverb between a speaker and the verb ("Trump
// also said"), counting a capitalised one at a sentence start ("Also said").
func (p *attributor) skipAuxiliariesBack(j, lo int) int {
	for j >= lo && auxiliaries[p.toks[j].key] && !p.toks[j].upper {
		j--
	}
	for j >= lo && auxiliaries[p.toks[j].key] && j > lo && !p.isName(j-1) {
		j--
	}
	return j
}

// beforeBrackets finds "Sen. David Perdue (R-Ga.) said": the name before
// the brackets that close at token j.
func (p *attributor) beforeBrackets(j, lo int) (int, int) {
	o := j - 1
	for o > lo && o > j-8 && p.toks[o].key != "(" {
		o--
	}
	if p.toks[o].key == "(" && o > lo && p.isName(o-1) {
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
		if t.key != "," {
			if t.punct && !strings.Contains("()-'.", t.key) {
				return -1, -1
			}
			continue
		}
		if !p.isName(c-1) && !pronouns[p.toks[c-1].key] {
			// "The campaign manager, Kellyanne Conway, said": the aside names her
			if first && p.isName(j-1) && p.isName(c+1) {
				if s := p.nameRunBack(j-1, c+1); s == c+1 {
					return s, j
				}
			}
			first = false
			continue
		}
		first = false
		s := c - 1
		if p.isName(s) {
			s = p.nameRunBack(s, lo)
		}
		if s-lo <= 2 && p.plausibleName(s, c) {
			return s, c // the name opens the clause: "Ayrault, the minister of France, a member of ..., said"
		}
	}
	return -1, -1
}

// plausibleName reports whether tokens [s, e) may name somebody: not a
// sentence adverb ("Still,"), a day or a month, nor a place after a
// preposition ("in Chelsea,").
func (p *attributor) plausibleName(s, e int) bool {
	if s > 0 && prepositions[p.toks[s-1].key] {
		return false
	}
	if e-s == 1 {
		k := p.toks[s].key
		if openers[k] || weekdayWords[k] || monthWords[k] || strings.HasSuffix(k, "ly") {
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
		if t.punct && t.key != "-" && t.key != "&" {
			break
		}
		if !(t.upper || nameConnectors[t.key] || words().titles[t.key] || (determiners[t.key] && t.key == "the")) {
			break
		}
		s--
		if t.key == "the" {
			break
		}
	}
	for s < j && (nameConnectors[p.toks[s].key] || openers[p.toks[s].key] || (!p.toks[s].upper && p.toks[s].key != "the")) {
		s++
	}
	return s
}

// describedBack returns a described speaker ending in the lower-case word
// at token j ("the Kremlin aide", "a senior US official", "campaign
// officials"), or the name before an apposition ("Smith, a former aide").
func (p *attributor) describedBack(j, lo int) (int, int) {
	head := p.toks[j].key
	if strings.HasSuffix(head, "ly") || strings.HasSuffix(head, "ing") || (strings.HasSuffix(head, "ed") && !words().titles[head]) {
		return -1, -1
	}
	if weekdayWords[head] {
		return -1, -1 // "this week" says nothing
	}
	s, ok := p.descriptionStart(j, lo)
	if !ok && !words().titles[head] {
		return -1, -1
	}
	d := p.toks[s].key
	if (d == "a" || d == "an" || d == "the") && s-2 >= lo && p.toks[s-1].key == "," && p.isName(s-2) {
		if n := p.nameRunBack(s-2, lo); p.plausibleName(n, s-1) {
			return n, s - 1 // apposition: the name before it
		}
	}
	return s, j + 1
}

// descriptionStart walks back from the head word at token j over the
// words describing a speaker, to a determiner ("the Kremlin aide") or a
// possessive name ("Putin's aide"); ok is false when it meets neither.
func (p *attributor) descriptionStart(j, lo int) (int, bool) {
	s := j
	for s-1 >= lo && j-s < 6 {
		t := p.toks[s-1]
		if t.punct || pronouns[t.key] || cueLemma(t) != "" || prepositions[t.key] {
			break
		}
		s--
		if determiners[t.key] {
			return s, true
		}
		if t.key == "'s" {
			return p.nameRunBack(s-1, lo), true
		}
	}
	return s, false
}

// subjectAfter returns the speaker mention starting at token k ("said
// Trump", "said the Kremlin aide", "says Putin's aide Yuri Ushakov").
func (p *attributor) subjectAfter(k, hi int) (int, int) {
	if k >= hi || p.toks[k].punct {
		return -1, -1
	}
	t := p.toks[k]
	if pronouns[t.key] && t.key != "who" {
		return k, k + 1
	}
	if t.upper && !determiners[t.key] {
		return k, p.nameRunForward(k, hi)
	}
	if !determiners[t.key] {
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
		key := p.toks[e].key
		return p.isName(e) || e > k && (nameConnectors[key] || words().titles[key] && e+1 < hi && p.isName(e+1))
	}
	e := k
	for e < hi && e-k < 10 && inName(e) {
		e++
	}
	for e > k+1 && nameConnectors[p.toks[e-1].key] {
		e--
	}
	return e
}

// endsDescription reports whether u ends a described speaker after the
// verb ("said a senior official who ..."): a mark, "who", "that", a venue
// word or another cue.
func (p *attributor) endsDescription(u token) bool {
	return u.punct || u.key == "who" || u.key == "that" || venueWords[u.key] && !u.upper && u.key != "the" || cueLemma(u) != ""
}

// cueExtent returns where a cue starting with the verb at token k ends:
// after the audience of "told" ("told reporters") and a following "to"
// of "according to". ok is false when k is no reporting verb.
func (p *attributor) cueExtent(k, hi int) (end int, lemma string) {
	t := p.toks[k]
	if t.key == "according" && k+1 < hi && p.toks[k+1].key == "to" {
		return k + 2, "according to"
	}
	lemma = cueLemma(t)
	if lemma == "" {
		return k, ""
	}
	end = k + 1
	if verbs().Has(lemma, lexicon.Tell) {
		end = p.audience(end, hi)
	}
	return end, lemma
}

// audience returns where the audience of "told" starting at token k ends:
// "told reporters", "told The Washington Post", "told Russian state TV",
// "told him". It stops at punctuation, "that", a preposition or a cue.
func (p *attributor) audience(k, hi int) int {
	e := k
	for e < hi && e-k < 5 {
		t := p.toks[e]
		if t.punct || t.key == "that" || weekdayWords[t.key] || monthWords[t.key] ||
			(!t.upper && (prepositions[t.key] || cueLemma(t) != "" && !adjectiveLike(t.key))) {
			break
		}
		e++
		if pronouns[t.key] || (!t.upper && !determiners[t.key] && !(e < hi && p.toks[e].upper) && !adjectiveLike(t.key)) {
			break // "him", "reporters": one word ends it
		}
		if t.upper && e < hi && determiners[p.toks[e].key] {
			break // "told Reuters the group would ...": the name ends it
		}
	}
	return e
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
	e := k
	for e < hi && e-k < 14 {
		t := p.toks[e]
		if (t.punct && t.key != "-" && t.key != "'s") || t.key == "that" || t.key == "adding" || t.key == "without" {
			break
		}
		e++
	}
	if e > k && !prepositions[p.toks[k].key] && !weekdayWords[p.toks[k].key] {
		return k, k
	}
	return k, e
}

// verbAt reports whether the reporting verb at token k is used as a verb:
// the bare and -s forms of noun-like lemmas ("state media", "a phone call")
// count only after a pronoun (subject token subj) or before "that".
func (p *attributor) verbAt(k, subj int) bool {
	t := p.toks[k]
	lemma := cueLemma(t)
	if form, _ := verbs().FormOf(t.key); !verbs().Has(lemma, lexicon.Nounish) || (form != lexicon.Base && form != lexicon.S) {
		return true
	}
	if subj >= 0 && pronouns[p.toks[subj].key] {
		return true
	}
	return k+1 < len(p.toks) && p.toks[k+1].key == "that"
}
