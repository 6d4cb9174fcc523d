package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"dateline/models"
)

// Kinds of actor in the people lexicon.
const (
	actorPerson       = "person"
	actorOrganisation = "organisation"
	actorCountry      = "country"
)

// actor is one known person, organisation or country of data/lexicon/people.txt.
type actor struct {
	Name, Kind, Role string
	Aliases          []string
	Gender           byte // 'm', 'f' or 0 when unknown
}

// aliasTok is one word of an alias. Caps words (US, EU) only match words
// without lower-case letters, so "us" is not the United States.
type aliasTok struct {
	key  string
	caps bool
}

// alias is one name of an actor, as words.
type alias struct {
	toks  []aliasTok
	actor int
}

// peopleLexicon is the loaded people lexicon: actors and their names indexed
// by first word, longest first.
type peopleLexicon struct {
	actors  []actor
	byFirst map[string][]alias
	byName  map[string]int // canonicalKey(name or alias) -> actor
	// lowerFirst lists the first words of names that start in lower case
	// ("the Kremlin", "his envoy"); other names need a capital to start.
	lowerFirst []string
	// lowerByte marks the first bytes of lowerFirst, to skip most words fast
	lowerByte [256]bool
}

var (
	peopleOnce sync.Once
	peopleLex  *peopleLexicon
)

// people returns the people lexicon, loading it on first use.
func people() *peopleLexicon {
	peopleOnce.Do(func() { peopleLex = loadPeople(fieldsOf(lang().People)) })
	return peopleLex
}

// loadPeople builds the lexicon from lines "name | kind | role | aliases...".
// A person's surname becomes an alias unless another actor already uses it.
func loadPeople(lines [][]string) *peopleLexicon {
	lx := &peopleLexicon{byFirst: map[string][]alias{}, byName: map[string]int{}}
	for _, p := range lines {
		if len(p) < 2 || p[0] == "" {
			continue
		}
		a := actor{Name: p[0], Kind: p[1]}
		if k, g, ok := strings.Cut(p[1], "/"); ok && g != "" {
			a.Kind, a.Gender = k, g[0]
		}
		if len(p) > 2 {
			a.Role = p[2]
		}
		for _, al := range p[min(3, len(p)):] {
			if al != "" {
				a.Aliases = append(a.Aliases, al)
			}
		}
		lx.actors = append(lx.actors, a)
	}
	for i, a := range lx.actors {
		names := append([]string{a.Name}, a.Aliases...)
		if a.Kind == actorPerson {
			f := strings.Fields(a.Name)
			names = append(names, f[len(f)-1])
		}
		for _, n := range names {
			lx.add(n, i)
		}
	}
	for k := range lx.byFirst {
		as := lx.byFirst[k]
		sort.SliceStable(as, func(x, y int) bool { return len(as[x].toks) > len(as[y].toks) })
	}
	return lx
}

// add indexes name as a name of actor i; the first actor to claim a name
// keeps it. Names of one actor that fold to one key are all indexed: "the
// European Union" and its alias "European Union" are both how texts write it.
func (lx *peopleLexicon) add(name string, i int) {
	ck := canonicalKey(name)
	if owner, dup := lx.byName[ck]; dup && owner != i {
		return
	}
	lx.byName[ck] = i
	r := []rune(name)
	toks := splitWords(r, 0, len(r))
	if len(toks) == 0 {
		return
	}
	al := alias{actor: i}
	for _, t := range toks {
		s := string(r[t.start:t.end])
		al.toks = append(al.toks, aliasTok{key: t.key, caps: len(t.key) > 1 && !hasLower(s)})
	}
	first := al.toks[0].key
	if !unicode.IsUpper(r[toks[0].start]) && !slices.Contains(lx.lowerFirst, first) {
		lx.lowerFirst = append(lx.lowerFirst, first)
		lx.lowerByte[first[0]] = true
	}
	lx.byFirst[first] = append(lx.byFirst[first], al)
}

// matchAt returns the actor whose name starts at toks[i] (longest name
// wins) and how many words it spans, or -1, 0.
func (lx *peopleLexicon) matchAt(r []rune, toks []token, i int) (int, int) {
	if !toks[i].is(clsActorFirst) || !toks[i].upper && (!lx.lowerByte[toks[i].key[0]] || !slices.Contains(lx.lowerFirst, toks[i].key)) {
		return -1, 0 // most words: no map look-up
	}
	for _, al := range lx.byFirst[toks[i].key] {
		if i+len(al.toks) > len(toks) {
			continue
		}
		ok := true
		for j, at := range al.toks {
			t := toks[i+j]
			if t.key != at.key || (at.caps && hasLowerRunes(r[t.start:t.end])) {
				ok = false
				break
			}
		}
		if ok {
			return al.actor, len(al.toks)
		}
	}
	return -1, 0
}

// actorMention is a known actor named at one place of a text.
type actorMention struct {
	actor      int
	start, end int // rune offsets
}

// findActors returns the known actors named in r[from:to], in order.
func (lx *peopleLexicon) findActors(r []rune, toks []token) []actorMention {
	var out []actorMention
	for i := 0; i < len(toks); i++ {
		if toks[i].punct {
			continue
		}
		a, n := lx.matchAt(r, toks, i)
		if a < 0 {
			continue
		}
		out = append(out, actorMention{actor: a, start: toks[i].start, end: toks[i+n-1].end})
		i += n - 1
	}
	return out
}

// actorsIn returns the canonical names of the known people, organisations
// and countries named in text, each once, in order of first mention.
func actorsIn(text string) []string {
	lx := people()
	r := []rune(text)
	var out []string
	seen := map[int]bool{}
	for _, m := range lx.findActors(r, tokenize(r, 0, len(r))) {
		if !seen[m.actor] {
			seen[m.actor] = true
			out = append(out, lx.actors[m.actor].Name)
		}
	}
	return out
}

// PersonSlug returns a key for matching a speaker's name across articles:
// lower case, ASCII letters and digits, words joined by hyphens, accents
// dropped ("Volodymyr Zelenskyy" -> "volodymyr-zelenskyy", "U.S." -> "us").
// Known aliases map to the canonical name's slug ("Trump" -> "donald-trump").
func PersonSlug(name string) string {
	if i, ok := people().byName[canonicalKey(name)]; ok {
		name = people().actors[i].Name
	}
	var b strings.Builder
	dash := false
	for _, c := range name {
		c = foldAccent(unicode.ToLower(c))
		switch {
		case c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
		case c == '.' || c == '\'' || c == '’':
		default:
			dash = true
		}
	}
	return b.String()
}

// trimThe drops a leading "the " of any case.
func trimThe(s string) string {
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return s[4:]
	}
	return s
}

// canonicalKey folds a name for comparison: lower case, accents and dots
// dropped, a leading "the" dropped, single spaces.
func canonicalKey(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		w = strings.ToLower(strings.ReplaceAll(w, ".", ""))
		if w == "" || (b.Len() == 0 && w == "the") {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for _, c := range w {
			b.WriteRune(foldAccent(c))
		}
	}
	return b.String()
}

// foldAccent maps common accented Latin letters to their base letter.
func foldAccent(c rune) rune {
	if c < 128 {
		return c
	}
	const from, to = "àáâãäåāăçćčďèéêëēėęěğìíîïīıłñńňòóôõöøōőřśşšťùúûüūůűýÿźżž", "aaaaaaaacccdeeeeeeeegiiiiiilnnnoooooooorsssstuuuuuuuyyzzz"
	fr := []rune(from)
	for i, f := range fr {
		if f == c {
			return rune(to[i])
		}
	}
	return c
}

func hasLower(s string) bool {
	for _, c := range s {
		if unicode.IsLower(c) {
			return true
		}
	}
	return false
}

// registry resolves speaker mentions within one article to canonical names
// and collects the people, organisations and countries named there.
type registry struct {
	lx         *peopleLexicon
	src        *source
	r          []rune
	known      []actorMention    // lexicon actors in the text, in order
	toks       []token           // the tokens of the text
	persons    []placedName      // known people named, in order of place, for pronouns
	speakers   []placedName      // other people named as speakers, in order of place
	surnames   map[string]string // last-name key -> full name, for people not in the lexicon
	noFullName noFullName        // searches of fullNameBefore that found nothing
	found      map[string]*models.ExtractedPerson
	order      []string
}

// placedName is a person named at a place of the text.
type placedName struct {
	at     int
	name   string
	gender byte // 'm', 'f' or 0
}

// newRegistry starts the registry of one article. quoted reports whether
// an offset lies inside quotation marks: people named there are recorded
// but are no antecedents for "he" and "she".
func newRegistry(src *source, toks []token, known []actorMention, quoted func(at int) bool) *registry {
	r := src.r
	reg := &registry{lx: people(), src: src, r: r, toks: toks, surnames: map[string]string{}, found: map[string]*models.ExtractedPerson{}}
	reg.known = known
	for _, m := range reg.known {
		a := reg.lx.actors[m.actor]
		reg.note(a.Name, a.Kind, a.Role, src.slice(m.start, m.end))
		if a.Kind == actorPerson && !quoted(m.start) {
			reg.persons = append(reg.persons, placedName{m.start, a.Name, a.Gender})
		}
	}
	return reg
}

// note records that name (of kind and role) went by alias in the article.
func (reg *registry) note(name, kind, role, alias string) {
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
func (reg *registry) resolve(toks []token, sentStart, prevStart int) string {
	if len(toks) == 0 {
		return ""
	}
	s, e := toks[0].start, toks[len(toks)-1].end
	mention := reg.src.slice(s, e)
	for _, t := range toks {
		if t.key == "and" || t.key == "&" {
			return "" // "The New York Times and CNN" are two speakers
		}
	}
	for i := range toks {
		if prepositions[toks[i].key] {
			break // "a source in Kyiv" is not Ukraine
		}
		if a, n := reg.lx.matchAt(reg.r, toks, i); a >= 0 && i+n == len(toks) {
			act := reg.lx.actors[a]
			reg.note(act.Name, act.Kind, act.Role, mention)
			return act.Name
		}
	}
	switch toks[0].key {
	case "he", "him":
		return reg.pronounPerson(s, sentStart, prevStart, 'f')
	case "she", "her":
		return reg.pronounPerson(s, sentStart, prevStart, 'm')
	case "who":
		return reg.nearestPerson(s, 0) // "Trump, who had boasted ..."
	}

	if placeAfter(toks) {
		return "" // "officials in Geneva", "a source in Riyadh": the place is no speaker
	}
	name, org := reg.trailingName(toks)
	if name == "" {
		return ""
	}
	if org {
		reg.note(name, actorOrganisation, "", mention)
		return name
	}
	reg.note(name, actorPerson, "", mention)
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
func placeAfter(toks []token) bool {
	for k := 1; k < len(toks); k++ {
		if placePrepositions[toks[k].key] && !toks[k].upper {
			return (!toks[k-1].upper || isTitle(toks[k-1].key)) && k+1 < len(toks) && toks[len(toks)-1].upper
		}
	}
	return false
}

// pronounPerson resolves "he" or "she" at offset s the way news is
// written: the first person (not of gender not) named earlier in the same
// sentence, which is usually its subject ("Trump will meet Putin, he
// said"); else the first named in the sentence before, which starts at
// prevStart; else the nearest before.
func (reg *registry) pronounPerson(s, sentStart, prevStart int, not byte) string {
	for _, from := range []int{sentStart, prevStart} {
		if from < 0 {
			continue
		}
		if name := reg.openingName(from, s); name != "" {
			reg.note(name, actorPerson, "", "")
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
func (reg *registry) openingName(from, to int) string {
	i := reg.subjectStart(from, to)
	fallback := ""
	for k := i + 1; k < len(reg.toks) && k < i+10 && reg.toks[k].start < to; k++ {
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
func (reg *registry) subjectStart(from, to int) int {
	i := sort.Search(len(reg.toks), func(k int) bool { return reg.toks[k].start >= from })
	if i < len(reg.toks) && prepositions[reg.toks[i].key] {
		for c := i + 1; c < len(reg.toks) && c < i+8 && reg.toks[c].start < to; c++ {
			if reg.toks[c].key == "," {
				i = c + 1
				break
			}
		}
	}
	for i < len(reg.toks) && reg.toks[i].upper && (openers[reg.toks[i].key] || sentenceAdverbs[reg.toks[i].key]) {
		i++ // "Even Mike Pence, ...", "But Lavrov ..."
	}
	return i
}

// openingCandidate judges the capitalised words from token i that end
// before token k, the first lower-case word after them.
func (reg *registry) openingCandidate(i, k int) (string, openVerdict) {
	t, prev := reg.toks[k], reg.toks[k-1]
	switch {
	case t.punct && t.key != "," && t.key != "'s":
		return "", openStop
	case t.upper || !prev.upper || isTitle(t.key):
		return "", openSkip
	case t.key == "," && isTitle(prev.key):
		return "", openSkip // "Mr. Trump's campaign manager, Kellyanne Conway, ..."
	}
	name, org := reg.nameAtEnd(reg.toks[i:k])
	if name == "" || org || !strings.Contains(name, " ") {
		if t.key == "," {
			return "", openStop // "In Washington, officials said"
		}
		return "", openSkip
	}
	j := i + nameRunStart(reg.toks[i:k]) // the name's first word, as nameAtEnd found it
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
func (reg *registry) subjectVerdict(name string, j, k int) (string, openVerdict) {
	qualifies := reg.toks[k].key == "'s" || reg.qualifiesTitle(k)
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
func (reg *registry) capitalOpener(j, k int) bool {
	return slices.ContainsFunc(reg.toks[j:k], func(w token) bool {
		return openers[w.key] || prepositions[w.key] || subordinators[w.key] || pronouns[w.key] || orgWords[w.key]
	})
}

// insideClause reports whether the words [i, j) before a name put it
// inside a clause rather than at the head of the sentence.
func (reg *registry) insideClause(i, j int) bool {
	return slices.ContainsFunc(reg.toks[i:j], func(w token) bool {
		return w.key != "of" && (prepositions[w.key] || pronouns[w.key] || auxiliaries[w.key] || subordinators[w.key] ||
			w.key == "that" || w.is(clsReportingVerb))
	})
}

// knownName reports whether the name in tokens [j, k) is a known actor or
// a country.
func (reg *registry) knownName(j, k int) bool {
	a, _ := reg.lx.matchAt(reg.r, reg.toks, j)
	return a >= 0 || len(countries().mentions(reg.r, reg.toks[j:k])) > 0
}

// sentenceAdverbs open a sentence before its subject: "Even Mike Pence ...".
var sentenceAdverbs map[string]bool // words.txt: sentence-adverbs

// nearestPerson returns the person named last before offset s, skipping
// people known to be of gender not (a pronoun's other gender). It looks
// back over a few names only: a pronoun far from any name stays unresolved.
func (reg *registry) nearestPerson(s int, not byte) string {
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
func (reg *registry) trailingName(toks []token) (name string, org bool) {
	for k, t := range toks {
		if t.key == "(" || t.key == "," {
			toks = toks[:k] // "Gwen Moore (D-Wis.)", "Mitch McConnell, R-Ky."
			break
		}
	}
	if name, org := reg.nameAtEnd(toks); name != "" {
		return name, org
	}
	for k, t := range toks {
		if k > 0 && toks[k-1].upper && (t.key == "of" || t.key == "from") {
			return reg.nameAtEnd(toks[:k]) // "Rep. Adam Schiff of California"
		}
	}
	return "", false
}

// nameRunStart returns where the run of capitalised words that are no
// titles, ending toks, starts (len(toks) when toks ends otherwise).
func nameRunStart(toks []token) int {
	i := len(toks)
	for i > 0 && toks[i-1].upper && !toks[i-1].punct && !isTitle(toks[i-1].key) {
		i--
	}
	return i
}

// nameAtEnd returns the capitalised words ending toks after any titles;
// org is set for a name after "the" ("The S.E.C."), an organisation's. A
// lone surname gives the full name learned for it (see learn) or given
// before it in running text. It only reads the registry.
func (reg *registry) nameAtEnd(toks []token) (string, bool) {
	i := nameRunStart(toks)
	if i == len(toks) || (i > 0 && !toks[i-1].upper && !isTitle(toks[i-1].key) && toks[i-1].key != "'s") {
		return "", false // "officials cited by TASS" is not TASS
	}
	org := toks[i].key == "the"
	if org {
		if i++; i == len(toks) {
			return "", false
		}
	}
	parts := toks[i:]
	name := shoutToTitle(reg.src.slice(parts[0].start, parts[len(parts)-1].end))
	last := parts[len(parts)-1].key
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

// learn records that the surname of name, a person just taken as a
// speaker or subject, stands for name from here on ("Jeh Johnson ...
// Johnson said").
func (reg *registry) learn(name string) {
	r := []rune(name)
	toks := splitWords(r, 0, len(r))
	if len(toks) < 2 {
		return
	}
	reg.surnames[toks[len(toks)-1].key] = name
}

// qualifiesTitle reports whether the lower-case words from token k are the
// rest of a title that a name before them qualifies ("Clinton
// communication director", "Trump campaign manager"): a title within three
// words, with nothing capitalised and no past tense before it ("Warren
// called SEC Chair Mary Jo White" is a sentence, not a title).
func (reg *registry) qualifiesTitle(k int) bool {
	for j := k; j < len(reg.toks) && j < k+3; j++ {
		t := reg.toks[j]
		if isTitle(t.key) {
			return true
		}
		if t.upper || t.punct || strings.HasSuffix(t.key, "ed") {
			return false
		}
	}
	return false
}

// orgWords end the names of organisations, not of people.
var orgWords map[string]bool // words.txt: org-words

// fullNameBefore returns the full name a surname alone (the token t)
// stands for when the text named the person in full before it in running
// text, not as a speaker ("Ararat Mirzoyan and Jeyhun Bayramov held talks.
// ... Bayramov said"): the nearest earlier run of two or three capitalised
// words ("George W. Bush") that ends with the same surname, follows no other
// capitalised word but a title, and opens with no word that a name does not
// ("Many Democrats", "Committee Republicans"). "" when there is none, or
// when t is an acronym.
func (reg *registry) fullNameBefore(t token) string {
	if !hasLowerRunes(reg.r[t.start:t.end]) {
		return "" // "RT", "NATO"
	}
	i := sort.Search(len(reg.toks), func(k int) bool { return reg.toks[k].start >= t.start })
	if a, _ := reg.lx.matchAt(reg.r, reg.toks, i); a >= 0 {
		return "" // a known actor keeps the lexicon's name
	}
	// It looks back over at most fullNameReach tokens, and never again over
	// tokens an earlier look for the same surname went through: a long text
	// of many surnames stays linear.
	low := max(i-fullNameReach, reg.noFullName.from(t.key), 1)
	if orgWords[t.key] {
		return reg.familyNameFirst(t.key, i, low)
	}
	for k := i - 1; k >= low; k-- {
		if c := reg.toks[k]; c.key == t.key && c.upper {
			if name := reg.fullNameEndingAt(k); name != "" {
				return name
			}
		}
	}
	return reg.familyNameFirst(t.key, i, low)
}

// fullNameEndingAt returns the run of two or three capitalised words
// ending with the surname at token k ("George W. Bush"), or "" when the
// words there are no name: a longer run of capitals, a run with an opener
// or a word no name has.
func (reg *registry) fullNameEndingAt(k int) string {
	j, ok := reg.capitalRunStart(k)
	if !ok {
		return "" // a longer run of capitals: "House Oversight Committee Republicans"
	}
	for j < k && reg.toks[j].end-reg.toks[j].start > 2 && !hasLowerRunes(reg.r[reg.toks[j].start:reg.toks[j].end]) {
		j++ // "CEO Wayne Rogers": an acronym before the name
	}
	first := reg.toks[j].key
	if j == k || reg.toks[k-1].key == reg.toks[k].key || openers[first] || prepositions[first] ||
		pronouns[first] || sentenceAdverbs[first] {
		return ""
	}
	if slices.ContainsFunc(reg.toks[j:k], func(w token) bool { return notNameStart[w.key] || weekdayWords[w.key] || orgWords[w.key] }) {
		return ""
	}
	return reg.src.slice(reg.toks[j].start, reg.toks[k].end)
}

// capitalRunStart returns the first of the (at most three) adjacent
// capitalised words that end at token k; ok is false when a longer run
// stands there.
func (reg *registry) capitalRunStart(k int) (int, bool) {
	joins := func(j int) bool { // token j-1 runs on into token j
		p := reg.toks[j-1]
		return p.upper && !isTitle(p.key) && p.end+1 == reg.toks[j].start
	}
	j := k
	for j > 0 && k-j < 3 && joins(j) && (!reg.toks[j-1].punct || reg.toks[j-1].key == ".") {
		j--
	}
	longer := j > 0 && joins(j) && !reg.toks[j-1].punct
	return j, k-j <= 2 && !longer
}

// familyNameFirst finds "Chinese Foreign Minister Wang Yi ... Wang said": a
// family name that comes first, right after a title, between tokens low and
// i. When there is none either, it records that no full name for the
// surname key stands before token i.
func (reg *registry) familyNameFirst(key string, i, low int) string {
	for k := i - 1; k >= low && k > 0; k-- {
		c := reg.toks[k]
		if c.key != key || !c.upper || !reg.toks[k-1].is(clsTitle) || k+1 >= i {
			continue
		}
		if n := reg.toks[k+1]; n.upper && !n.punct && c.end+1 == n.start && hasLowerRunes(reg.r[n.start:n.end]) &&
			(k+2 >= len(reg.toks) || !reg.toks[k+2].upper || reg.toks[k+2].punct) {
			return reg.src.slice(c.start, n.end)
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

// notNameStart are capitalised words that open a phrase but no name.
var notNameStart map[string]bool // words.txt: not-name-start

// shoutToTitle writes a name set in capitals, as transcripts do
// ("WALLACE"), in title case; short acronyms (CNN, NATO) stay.
func shoutToTitle(name string) string {
	if hasLower(name) || utf8.RuneCountInString(name) < 5 {
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

// isTitle reports whether a word is a title or an honorific ("Leader", "Sen.").
func isTitle(key string) bool { return words().titles[key] || titleAbbrevs[key] }

// people returns the people, organisations and countries of the article.
func (reg *registry) people() []models.ExtractedPerson {
	out := make([]models.ExtractedPerson, 0, len(reg.order))
	for _, n := range reg.order {
		out = append(out, *reg.found[n])
	}
	return out
}
