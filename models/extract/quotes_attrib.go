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
	j := k - 1
	for j >= lo && auxiliaries[p.toks[j].key] && !p.toks[j].upper {
		j--
	}
	for j >= lo && auxiliaries[p.toks[j].key] && j > lo && !p.isName(j-1) {
		j-- // a capitalised auxiliary at a sentence start: "Also said ..."
	}
	if j >= lo && p.toks[j].key == "," {
		return p.beforeParenthetical(j, lo)
	}
	if j > lo && p.toks[j].key == ")" {
		// "Sen. David Perdue (R-Ga.) said": the name before the brackets
		o := j - 1
		for o > lo && o > j-8 && p.toks[o].key != "(" {
			o--
		}
		if p.toks[o].key == "(" && o > lo && p.isName(o-1) {
			return p.nameRunBack(o-1, lo), j + 1
		}
		return -1, -1
	}
	if j >= lo && (p.toks[j].key == "that" || p.toks[j].key == "which") {
		return -1, -1 // "a letter ... that says": the letter is far back
	}
	if j < lo || p.toks[j].punct {
		return -1, -1
	}
	t := p.toks[j]
	if pronouns[t.key] {
		return j, j + 1
	}
	if t.upper {
		s := p.nameRunBack(j, lo)
		if s == j && (openers[t.key] || weekdayWords[t.key]) {
			return -1, -1 // "Now tell us ..."
		}
		return s, j + 1
	}
	return p.describedBack(j, lo)
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
	s := j
	ok := words().titles[head]
	for s-1 >= lo && j-s < 6 {
		t := p.toks[s-1]
		if t.punct || pronouns[t.key] || cueLemma(t) != "" || prepositions[t.key] {
			break
		}
		s--
		if determiners[t.key] {
			ok = true
			break
		}
		if t.key == "'s" {
			ok = true
			s = p.nameRunBack(s-1, lo)
			break
		}
	}
	if !ok {
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
	e := k
	if t.upper && !determiners[t.key] {
		for e < hi && e-k < 10 && (p.isName(e) || (e > k && (nameConnectors[p.toks[e].key] || (words().titles[p.toks[e].key] && e+1 < hi && p.isName(e+1))))) {
			e++
		}
		for e > k+1 && nameConnectors[p.toks[e-1].key] {
			e--
		}
		return k, e
	}
	if !determiners[t.key] {
		return -1, -1
	}
	for e = k + 1; e < hi && e-k < 8; e++ {
		u := p.toks[e]
		if u.punct || u.key == "who" || u.key == "that" || venueWords[u.key] && !u.upper && u.key != "the" || cueLemma(u) != "" {
			break
		}
	}
	if e == k+1 {
		return -1, -1
	}
	return k, e
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
