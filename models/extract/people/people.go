package people

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"dateline/models"
	"dateline/models/extract/doc"
)

// ActorsIn returns the canonical names of the known people, organisations
// and countries named in text, each once, in order of first mention.
func ActorsIn(lg *doc.Language, text string) []string {
	lx := lg.People()
	r := []rune(text)
	var out []string
	seen := map[int]bool{}
	for _, m := range lx.FindActors(r, lg.Tokenize(r, 0, len(r))) {
		if !seen[m.Actor] {
			seen[m.Actor] = true
			out = append(out, lx.Actors[m.Actor].Name)
		}
	}
	return out
}

// PersonSlug returns the key that matches a speaker's name across articles
// (models.Slug, the store's person key) of the name's canonical form: known
// aliases map to the canonical name's slug ("Trump" -> "donald-trump").
func PersonSlug(lg *doc.Language, name string) string {
	if i, ok := lg.People().ByName[doc.CanonicalKey(name)]; ok {
		name = lg.People().Actors[i].Name
	}
	return models.Slug(name)
}

// trimThe drops a leading "the " of any case.
func trimThe(s string) string {
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return s[4:]
	}
	return s
}

// Registry resolves speaker mentions within one article to canonical names
// and collects the people, organisations and countries named there.
type Registry struct {
	lang       *doc.Language
	ref        time.Time // the article's date, for the holder of an office (zero: unknown)
	lx         *doc.PeopleLexicon
	src        *doc.Source
	r          []rune
	known      []doc.ActorMention // lexicon actors in the text, in order
	toks       []doc.Token        // the tokens of the text
	persons    []placedName       // known people named, in order of place, for pronouns
	speakers   []placedName       // other people named as speakers, in order of place
	surnames   map[string]string  // last-name key -> full name, for people not in the lexicon
	noFullName noFullName         // searches of fullNameBefore that found nothing
	found      map[string]*models.ExtractedPerson
	order      []string
}

// placedName is a person named at a place of the text.
type placedName struct {
	at     int
	name   string
	gender byte // 'm', 'f' or 0
}

// NewRegistry starts the registry of one article. quoted reports whether
// an offset lies inside quotation marks: people named there are recorded
// but are no antecedents for "he" and "she".
func NewRegistry(lg *doc.Language, src *doc.Source, toks []doc.Token, known []doc.ActorMention, quoted func(at int) bool, ref time.Time) *Registry {
	r := src.R
	reg := &Registry{lang: lg, ref: ref, lx: lg.People(), src: src, r: r, toks: toks, surnames: map[string]string{}, found: map[string]*models.ExtractedPerson{}}
	reg.known = known
	for _, m := range reg.known {
		a := reg.lx.Actors[m.Actor]
		reg.Note(a.Name, a.Kind, a.Role, src.Slice(m.Start, m.End))
		if a.Kind == doc.ActorPerson && !quoted(m.Start) {
			reg.persons = append(reg.persons, placedName{m.Start, a.Name, a.Gender})
		}
	}
	return reg
}

// Note records that name (of kind and role) went by alias in the article.
func (reg *Registry) Note(name, kind, role, alias string) {
	p := reg.found[name]
	if p == nil {
		p = &models.ExtractedPerson{Name: name, Kind: kind, Role: role}
		reg.found[name] = p
		reg.order = append(reg.order, name)
	}
	if alias == "" || strings.EqualFold(trimThe(alias), trimThe(name)) {
		return // "The Kremlin" is "the Kremlin"
	}
	for _, a := range p.Aliases {
		if a == alias {
			return
		}
	}
	p.Aliases = append(p.Aliases, alias)
}

// resolve returns the canonical name of the speaker named by the words toks: a known
// actor by any alias whose words end the mention, the nearest person named
// before a personal pronoun, or a capitalised name (a surname seen with its
// full name earlier resolves to it). It returns "" when unsure.
func (reg *Registry) Resolve(toks []doc.Token, sentStart, prevStart int) string {
	if len(toks) == 0 {
		return ""
	}
	s, e := toks[0].Start, toks[len(toks)-1].End
	mention := reg.src.Slice(s, e)
	for _, t := range toks {
		if t.Key == "and" || t.Key == "&" {
			return "" // "The New York Times and CNN" are two speakers
		}
	}
	if name, office := reg.officeHolder(toks, mention); office {
		return name // "" when nobody listed held it then: not today's holder
	}
	for i := range toks {
		if reg.lang.Prepositions[toks[i].Key] {
			break // "a source in Kyiv" is not Ukraine
		}
		if a, n := reg.lx.MatchAt(reg.r, toks, i); a >= 0 && i+n == len(toks) {
			act := reg.lx.Actors[a]
			reg.Note(act.Name, act.Kind, act.Role, mention)
			return act.Name
		}
	}
	switch toks[0].Key {
	case "he", "him":
		return reg.pronounPerson(s, sentStart, prevStart, 'f')
	case "she", "her":
		return reg.pronounPerson(s, sentStart, prevStart, 'm')
	case "who":
		return reg.nearestPerson(s, 0) // "Trump, who had boasted ..."
	}
	if len(toks) == 1 && reg.lang.Pronouns[toks[0].Key] {
		return "" // "I", "we", "they": nobody named (never a person called "I")
	}

	if placeAfter(reg.lang, toks) {
		return "" // "officials in Geneva", "a source in Riyadh": the place is no speaker
	}
	name, org := reg.trailingName(toks)
	if name == "" {
		return ""
	}
	if org {
		reg.Note(name, doc.ActorOrganisation, "", mention)
		return name
	}
	reg.Note(name, doc.ActorPerson, "", mention)
	reg.learn(name)
	// speakers come in text order, so this inserts at or near the end
	i := sort.Search(len(reg.speakers), func(i int) bool { return reg.speakers[i].at > s })
	reg.speakers = slices.Insert(reg.speakers, i, placedName{s, name, 0})
	return name
}

// placeAfter reports whether the capitalised words ending a mention
// follow a preposition after a lower-case word or a title ("officials in
// Geneva", "Diplomats from Doha"): they say where the speakers are, not who. A name
// before the preposition ("Adam Schiff of California") is left to
// trailingName.
func placeAfter(lg *doc.Language, toks []doc.Token) bool {
	for k := 1; k < len(toks); k++ {
		if lg.PlacePrepositions[toks[k].Key] && !toks[k].Upper {
			return (!toks[k-1].Upper || IsTitle(lg, toks[k-1].Key)) && k+1 < len(toks) && toks[len(toks)-1].Upper
		}
	}
	return false
}

// pronounPerson resolves "he" or "she" at offset s the way news is
// written: the first person (not of gender not) named earlier in the same
// sentence, which is usually its subject ("Trump will meet Putin, he
// said"); else the first named in the sentence before, which starts at
// prevStart; else the nearest before.
func (reg *Registry) pronounPerson(s, sentStart, prevStart int, not byte) string {
	for _, from := range []int{sentStart, prevStart} {
		if from < 0 {
			continue
		}
		if name := reg.openingName(from, s); name != "" {
			reg.Note(name, doc.ActorPerson, "", "")
			reg.learn(name)
			return name // "EU foreign policy chief Kaja Kallas spoke with Araghchi. She said ..."
		}
		a, okA := firstIn(reg.persons, from, s, not)
		b, okB := firstIn(reg.speakers, from, s, not)
		switch {
		case okA && (!okB || a.at <= b.at):
			return a.name
		case okB:
			return b.name
		}
		s = from // the sentence before ends where this one starts
	}
	return reg.nearestPerson(s, not)
}

// openingName returns the person a sentence starting at rune offset from
// opens with, when the lexicon does not know them: the capitalised words
// (after any titles, openers and an opening phrase set off by a comma)
// standing before the sentence's first lower-case word that is no title,
// as in "EU foreign policy chief Kaja Kallas spoke with ...", or a surname
// the text gave in full before ("Bayramov was more cautious"). A name that
// only qualifies a title after it ("Clinton communication director
// Jennifer Palmieri said", "Ms. McCaskill's chief of staff") gives way to
// the name after the title, if the sentence has one. It returns "" for
// anything else: a known actor (the known people are found by place), a
// country, a name inside a clause ("He said that Speaker Paul Ryan ..."),
// a sentence opening with a quotation.
func (reg *Registry) openingName(from, to int) string {
	i := reg.subjectStart(from, to)
	fallback := ""
	for k := i + 1; k < len(reg.toks) && k < i+10 && reg.toks[k].Start < to; k++ {
		switch name, v := reg.openingCandidate(i, k); v {
		case openStop:
			return fallback
		case openNone:
			return ""
		case openQualifier:
			if fallback == "" {
				fallback = name
			}
		case openName:
			return name
		}
	}
	return fallback
}

// openVerdict is what openingCandidate makes of the words before a token.
type openVerdict int

const (
	openSkip      openVerdict = iota // no name ends here; look further
	openStop                         // no subject name from here on
	openNone                         // the sentence opens with no name at all
	openQualifier                    // a name that qualifies a title after it
	openName                         // the sentence's subject
)

// subjectStart returns the token where the subject of a sentence starting
// at rune offset from may start: after an opening phrase set off by a
// comma ("For his part, Mr. Sloan ...") and after openers ("But Lavrov").
func (reg *Registry) subjectStart(from, to int) int {
	i := sort.Search(len(reg.toks), func(k int) bool { return reg.toks[k].Start >= from })
	if i < len(reg.toks) && reg.lang.Prepositions[reg.toks[i].Key] {
		for c := i + 1; c < len(reg.toks) && c < i+8 && reg.toks[c].Start < to; c++ {
			if reg.toks[c].Key == "," {
				i = c + 1
				break
			}
		}
	}
	for i < len(reg.toks) && reg.toks[i].Upper && (reg.lang.Openers[reg.toks[i].Key] || reg.lang.SentenceAdverbs[reg.toks[i].Key]) {
		i++ // "Even Mike Pence, ...", "But Lavrov ..."
	}
	return i
}

// openingCandidate judges the capitalised words from token i that end
// before token k, the first lower-case word after them.
func (reg *Registry) openingCandidate(i, k int) (string, openVerdict) {
	t, prev := reg.toks[k], reg.toks[k-1]
	switch {
	case t.Punct && t.Key != "," && t.Key != "'s":
		return "", openStop
	case t.Upper || !prev.Upper || IsTitle(reg.lang, t.Key):
		return "", openSkip
	case t.Key == "," && IsTitle(reg.lang, prev.Key):
		return "", openSkip // "Mr. Trump's campaign manager, Kellyanne Conway, ..."
	}
	name, org := reg.nameAtEnd(reg.toks[i:k])
	if name == "" || org || !strings.Contains(name, " ") {
		if t.Key == "," {
			return "", openStop // "In Washington, officials said"
		}
		return "", openSkip
	}
	j := i + nameRunStart(reg.lang, reg.toks[i:k]) // the name's first word, as nameAtEnd found it
	if reg.capitalOpener(j, k) || strings.ContainsAny(name, "'’") {
		return "", openNone // "But Fowler", "In April", "And I'll": a capital that opens the sentence
	}
	if reg.insideClause(i, j) {
		return "", openStop // the name is not the sentence's subject: "He also said that Speaker Paul Ryan ..."
	}
	return reg.subjectVerdict(name, j, k)
}

// subjectVerdict judges a name [j, k) at the head of a sentence: the
// subject, unless it is a known actor or qualifies a title after it.
func (reg *Registry) subjectVerdict(name string, j, k int) (string, openVerdict) {
	qualifies := reg.toks[k].Key == "'s" || reg.qualifiesTitle(k)
	switch {
	case reg.knownName(j, k) && qualifies:
		return "", openSkip // a known actor's aide: "Mr. Trump's campaign manager, ..."
	case reg.knownName(j, k):
		return "", openStop
	case qualifies:
		// "Clinton communication director Jennifer Palmieri said": the name
		// after the title, if there is one
		return name, openQualifier
	}
	return name, openName
}

// capitalOpener reports whether tokens [j, k) hold a word that opens a
// sentence with a capital but starts no name.
func (reg *Registry) capitalOpener(j, k int) bool {
	return slices.ContainsFunc(reg.toks[j:k], func(w doc.Token) bool {
		return reg.lang.Openers[w.Key] || reg.lang.Prepositions[w.Key] || reg.lang.Subordinators[w.Key] || reg.lang.Pronouns[w.Key] || reg.lang.OrgWords[w.Key]
	})
}

// insideClause reports whether the words [i, j) before a name put it
// inside a clause rather than at the head of the sentence.
func (reg *Registry) insideClause(i, j int) bool {
	return slices.ContainsFunc(reg.toks[i:j], func(w doc.Token) bool {
		return w.Key != "of" && (reg.lang.Prepositions[w.Key] || reg.lang.Pronouns[w.Key] || reg.lang.Auxiliaries[w.Key] || reg.lang.Subordinators[w.Key] ||
			w.Key == "that" || w.Is(doc.ClsReportingVerb))
	})
}

// knownName reports whether the name in tokens [j, k) is a known actor or
// a country.
func (reg *Registry) knownName(j, k int) bool {
	a, _ := reg.lx.MatchAt(reg.r, reg.toks, j)
	return a >= 0 || len(reg.lang.Countries().Mentions(reg.r, reg.toks[j:k])) > 0
}

// nearestPerson returns the person named last before offset s, skipping
// people known to be of gender not (a pronoun's other gender). It looks
// back over a few names only: a pronoun far from any name stays unresolved.
func (reg *Registry) nearestPerson(s int, not byte) string {
	a, okA := lastBefore(reg.persons, s, not)
	b, okB := lastBefore(reg.speakers, s, not)
	switch {
	case okA && (!okB || a.at >= b.at):
		return a.name
	case okB:
		return b.name
	}
	return ""
}

// firstIn returns the first person of ps (in order of place) named in
// [from, to) who is not of gender not.
func firstIn(ps []placedName, from, to int, not byte) (placedName, bool) {
	i := sort.Search(len(ps), func(i int) bool { return ps[i].at >= from })
	for ; i < len(ps) && ps[i].at < to; i++ {
		if ps[i].gender != not {
			return ps[i], true
		}
	}
	return placedName{}, false
}

// lastBefore returns the last of the few people of ps named before s who is
// not of gender not.
func lastBefore(ps []placedName, s int, not byte) (placedName, bool) {
	i := sort.Search(len(ps), func(i int) bool { return ps[i].at >= s })
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if ps[j].gender != not {
			return ps[j], true
		}
	}
	return placedName{}, false
}

// trailingName returns the capitalised words ending a mention, without
// titles before them ("White House spokesman Josh Earnest" -> "Josh
// Earnest"), resolving a lone surname seen earlier with its full name.
func (reg *Registry) trailingName(toks []doc.Token) (name string, org bool) {
	for k, t := range toks {
		if t.Key == "(" || t.Key == "," {
			toks = toks[:k] // "Gwen Moore (D-Wis.)", "Mitch McConnell, R-Ky."
			break
		}
	}
	if name, org := reg.nameAtEnd(toks); name != "" {
		return name, org
	}
	for k, t := range toks {
		if k > 0 && toks[k-1].Upper && (t.Key == "of" || t.Key == "from") {
			return reg.nameAtEnd(toks[:k]) // "Rep. Adam Schiff of California"
		}
	}
	return "", false
}

// nameRunStart returns where the run of capitalised words that are no
// titles, ending toks, starts (len(toks) when toks ends otherwise).
func nameRunStart(lg *doc.Language, toks []doc.Token) int {
	i := len(toks)
	for i > 0 && toks[i-1].Upper && !toks[i-1].Punct && !IsTitle(lg, toks[i-1].Key) {
		i--
	}
	return i
}

// nameAtEnd returns the capitalised words ending toks after any titles;
// org is set for a name after "the" ("The S.E.C."), an organisation's. A
// lone surname gives the full name learned for it (see learn) or given
// before it in running text. It only reads the registry.
func (reg *Registry) nameAtEnd(toks []doc.Token) (string, bool) {
	i := nameRunStart(reg.lang, toks)
	if i == len(toks) || (i > 0 && !toks[i-1].Upper && !IsTitle(reg.lang, toks[i-1].Key) && toks[i-1].Key != "'s" && !reg.occupation(toks, i)) {
		return "", false // "officials cited by TASS" is not TASS
	}
	org := toks[i].Key == "the"
	if org {
		if i++; i == len(toks) {
			return "", false
		}
	}
	parts := toks[i:]
	name := shoutToTitle(reg.src.Slice(parts[0].Start, parts[len(parts)-1].End))
	last := parts[len(parts)-1].Key
	if org {
		return name, true
	}
	if len(parts) == 1 {
		if full, ok := reg.surnames[last]; ok {
			return full, false
		}
		if full := reg.fullNameBefore(parts[0]); full != "" {
			return full, false
		}
	}
	return name, false
}

// occupation reports whether the lower-case word before the name run
// starting at toks[i] describes the person it names, as in "pollster Daron
// Shaw" or "actress Jamie Lee Curtis": a full name (two capitalised words
// at least) after a word that is no preposition, connector, verb form or
// determiner, and follows no determiner.
func (reg *Registry) occupation(toks []doc.Token, i int) bool {
	w := toks[i-1]
	if len(toks)-i < 2 || w.Punct || reg.lang.Prepositions[w.Key] || reg.lang.NameConnectors[w.Key] ||
		reg.lang.Determiners[w.Key] || reg.lang.CueLemma(w) != "" {
		return false // "Democrat of New York", "Secretary of State Henry Kissinger"
	}
	if i >= 2 && reg.lang.Determiners[toks[i-2].Key] {
		return false // "the nonpartisan Congressional Budget Office"
	}
	return !strings.HasSuffix(w.Key, "ed") && !strings.HasSuffix(w.Key, "ing")
}

// learn records that the surname of name, a person just taken as a
// speaker or subject, stands for name from here on ("Jeh Johnson ...
// Johnson said").
func (reg *Registry) learn(name string) {
	r := []rune(name)
	toks := reg.lang.SplitWords(r, 0, len(r))
	if len(toks) < 2 {
		return
	}
	reg.surnames[toks[len(toks)-1].Key] = name
}

// qualifiesTitle reports whether the lower-case words from token k are the
// rest of a title that a name before them qualifies ("Clinton
// communication director", "Trump campaign manager"): a title within three
// words, with nothing capitalised and no past tense before it ("Warren
// called SEC Chair Mary Jo White" is a sentence, not a title).
func (reg *Registry) qualifiesTitle(k int) bool {
	for j := k; j < len(reg.toks) && j < k+3; j++ {
		t := reg.toks[j]
		if IsTitle(reg.lang, t.Key) {
			return true
		}
		if t.Upper || t.Punct || strings.HasSuffix(t.Key, "ed") {
			return false
		}
	}
	return false
}

// fullNameBefore returns the full name a surname alone (the token t)
// stands for when the text named the person in full before it in running
// text, not as a speaker ("Ararat Mirzoyan and Jeyhun Bayramov held talks.
// ... Bayramov said"): the nearest earlier run of two or three capitalised
// words ("George W. Bush") that ends with the same surname, follows no other
// capitalised word but a title, and opens with no word that a name does not
// ("Many Democrats", "Committee Republicans"). "" when there is none, or
// when t is an acronym.
func (reg *Registry) fullNameBefore(t doc.Token) string {
	if !doc.HasLowerRunes(reg.r[t.Start:t.End]) {
		return "" // "RT", "NATO"
	}
	i := sort.Search(len(reg.toks), func(k int) bool { return reg.toks[k].Start >= t.Start })
	if a, _ := reg.lx.MatchAt(reg.r, reg.toks, i); a >= 0 {
		return "" // a known actor keeps the lexicon's name
	}
	// It looks back over at most fullNameReach tokens, and never again over
	// tokens an earlier look for the same surname went through: a long text
	// of many surnames stays linear.
	low := max(i-fullNameReach, reg.noFullName.from(t.Key), 1)
	if reg.lang.OrgWords[t.Key] {
		return reg.familyNameFirst(t.Key, i, low)
	}
	for k := i - 1; k >= low; k-- {
		if c := reg.toks[k]; c.Key == t.Key && c.Upper {
			if name := reg.fullNameEndingAt(k); name != "" {
				return name
			}
		}
	}
	return reg.familyNameFirst(t.Key, i, low)
}

// fullNameEndingAt returns the run of two or three capitalised words
// ending with the surname at token k ("George W. Bush"), or "" when the
// words there are no name: a longer run of capitals, a run with an opener
// or a word no name has.
func (reg *Registry) fullNameEndingAt(k int) string {
	j, ok := reg.capitalRunStart(k)
	if !ok {
		return "" // a longer run of capitals: "House Oversight Committee Republicans"
	}
	for j < k && reg.toks[j].End-reg.toks[j].Start > 2 && !doc.HasLowerRunes(reg.r[reg.toks[j].Start:reg.toks[j].End]) {
		j++ // "CEO Wayne Rogers": an acronym before the name
	}
	first := reg.toks[j].Key
	if j == k || reg.toks[k-1].Key == reg.toks[k].Key || reg.lang.Openers[first] || reg.lang.Prepositions[first] ||
		reg.lang.Pronouns[first] || reg.lang.SentenceAdverbs[first] {
		return ""
	}
	if slices.ContainsFunc(reg.toks[j:k], func(w doc.Token) bool {
		return reg.lang.NotNameStart[w.Key] || reg.lang.WeekdayWords[w.Key] || reg.lang.OrgWords[w.Key]
	}) {
		return ""
	}
	return reg.src.Slice(reg.toks[j].Start, reg.toks[k].End)
}

// capitalRunStart returns the first of the (at most three) adjacent
// capitalised words that end at token k; ok is false when a longer run
// stands there.
func (reg *Registry) capitalRunStart(k int) (int, bool) {
	joins := func(j int) bool { // token j-1 runs on into token j
		p := reg.toks[j-1]
		return p.Upper && !IsTitle(reg.lang, p.Key) && p.End+1 == reg.toks[j].Start
	}
	j := k
	for j > 0 && k-j < 3 && joins(j) && (!reg.toks[j-1].Punct || reg.toks[j-1].Key == ".") {
		j--
	}
	longer := j > 0 && joins(j) && !reg.toks[j-1].Punct
	return j, k-j <= 2 && !longer
}

// familyNameFirst finds "Chinese Foreign Minister Wang Yi ... Wang said": a
// family name that comes first, right after a title, between tokens low and
// i. When there is none either, it records that no full name for the
// surname key stands before token i.
func (reg *Registry) familyNameFirst(key string, i, low int) string {
	for k := i - 1; k >= low && k > 0; k-- {
		c := reg.toks[k]
		if c.Key != key || !c.Upper || !reg.toks[k-1].Is(doc.ClsTitle) || k+1 >= i {
			continue
		}
		if n := reg.toks[k+1]; n.Upper && !n.Punct && c.End+1 == n.Start && doc.HasLowerRunes(reg.r[n.Start:n.End]) &&
			(k+2 >= len(reg.toks) || !reg.toks[k+2].Upper || reg.toks[k+2].Punct) {
			return reg.src.Slice(c.Start, n.End)
		}
	}
	reg.noFullName.record(key, i)
	return ""
}

// noFullName is a cache of fullNameBefore's searches that found nothing:
// for a surname key, the token up to which the text holds no full name for
// it. The text does not change, so a later search for the same surname
// need only look at the tokens after that one.
type noFullName map[string]int

// from returns the token from which a search for key must look (0: all).
func (c noFullName) from(key string) int { return c[key] }

// record notes that no full name for key stands before token i.
func (c *noFullName) record(key string, i int) {
	if *c == nil {
		*c = noFullName{}
	}
	if i > (*c)[key] {
		(*c)[key] = i
	}
}

// fullNameReach is how many tokens back fullNameBefore looks for a full
// name, some 25 KB of text.
const fullNameReach = 5000

// shoutToTitle writes a name set in capitals, as transcripts do
// ("WALLACE"), in title case; short acronyms (CNN, NATO) stay.
func shoutToTitle(name string) string {
	if doc.HasLower(name) || len([]rune(name)) < 5 {
		return name
	}
	var b strings.Builder
	start := true
	for _, c := range name {
		if start {
			b.WriteRune(c)
		} else {
			b.WriteRune(unicode.ToLower(c))
		}
		start = !unicode.IsLetter(c)
	}
	return b.String()
}

// IsTitle reports whether a word is a title or an honorific ("Leader", "Sen.").
func IsTitle(lg *doc.Language, key string) bool { return lg.Titles[key] || lg.TitleAbbrevs[key] }

// people returns the people, organisations and countries of the article.
func (reg *Registry) People() []models.ExtractedPerson {
	out := make([]models.ExtractedPerson, 0, len(reg.order))
	for _, n := range reg.order {
		out = append(out, *reg.found[n])
	}
	return out
}
