package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// countryLexicon holds data/lexicon/countries.txt: country and bloc names
// that people.txt may not list, and the adjectives that name a country
// ("Russian"), used to resolve "the Russian leadership".
type countryLexicon struct {
	names map[string][]countryName // first word key -> names, longest first
	adj   map[string]string        // adjective key -> canonical country
}

// countryName is one name of a country, as word keys.
type countryName struct {
	keys  []string
	caps  bool // an all-capitals abbreviation: matches only written in capitals
	canon string
}

var (
	countriesOnce sync.Once
	countriesLex  *countryLexicon
)

// countries returns the country lexicon, loading it on first use.
func countries() *countryLexicon {
	countriesOnce.Do(func() { countriesLex = loadCountries(fieldsOf(lang().Countries)) })
	return countriesLex
}

// loadCountries builds the lexicon from lines "name | adjectives | other names".
func loadCountries(lines [][]string) *countryLexicon {
	lx := &countryLexicon{names: map[string][]countryName{}, adj: map[string]string{}}
	for _, p := range lines {
		if len(p) == 0 || p[0] == "" {
			continue
		}
		canon := p[0]
		names := []string{canon}
		if len(p) > 1 {
			for _, a := range strings.Split(p[1], ",") {
				if a = strings.TrimSpace(a); a != "" {
					lx.adj[keyOf(a)] = canon
				}
			}
		}
		if len(p) > 2 {
			names = append(names, p[2:]...)
		}
		for _, n := range names {
			r := []rune(n)
			toks := splitWords(r, 0, len(r))
			if len(toks) == 0 {
				continue
			}
			cn := countryName{canon: canon, caps: len(n) > 1 && strings.ToUpper(n) == n}
			for _, t := range toks {
				cn.keys = append(cn.keys, t.key)
			}
			lx.names[cn.keys[0]] = append(lx.names[cn.keys[0]], cn)
		}
	}
	for k, ns := range lx.names {
		for i := 1; i < len(ns); i++ {
			for j := i; j > 0 && len(ns[j].keys) > len(ns[j-1].keys); j-- {
				ns[j], ns[j-1] = ns[j-1], ns[j]
			}
		}
		lx.names[k] = ns
	}
	return lx
}

// keyOf folds a single word or phrase the way tokenize keys words.
func keyOf(s string) string {
	r := []rune(s)
	toks := splitWords(r, 0, len(r))
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.key
	}
	return strings.Join(keys, " ")
}

// countryMention is a country named at runes [start, end) of a text.
type countryMention struct {
	canon      string
	start, end int
}

// countriesIn returns the countries named in the words toks of r by countries.txt.
func (lx *countryLexicon) countriesIn(r []rune, toks []token) []string {
	var out []string
	for _, m := range lx.mentions(r, toks) {
		out = append(out, m.canon)
	}
	return out
}

// mentions returns where countries.txt names are in the words toks of r,
// in order; of names starting at one word the longest wins.
func (lx *countryLexicon) mentions(r []rune, toks []token) []countryMention {
	var out []countryMention
	for i := 0; i < len(toks); i++ {
		if !toks[i].is(clsCountryFirst) {
			continue // most words: no map look-up
		}
		for _, cn := range lx.names[toks[i].key] {
			if i+len(cn.keys) > len(toks) || cn.caps && hasLower(string(r[toks[i].start:toks[i].end])) {
				continue
			}
			ok := true
			for j, k := range cn.keys {
				if toks[i+j].key != k {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, countryMention{cn.canon, toks[i].start, toks[i+len(cn.keys)-1].end})
				i += len(cn.keys) - 1
				break
			}
		}
	}
	return out
}

// mediaRoles are roles of organisations that report news rather than make it;
// a broadcaster interviewing a president is not an actor of the event.
var mediaRoles = []string{"news agency", "broadcaster", "newspaper", "magazine", "news"}

// actorFacts is what the people lexicon says of one actor name.
type actorFacts struct {
	kind, role string
	media      bool // a news organisation (see mediaRoles)
}

var (
	knownFactsOnce sync.Once
	knownFacts     map[string]actorFacts
)

// factsOf returns what the lexicon says of name. The names event finding
// asks about are nearly all canonical names of the people and country
// lexicons; theirs are worked out once, so the hot path is one map look-up
// instead of folding the name into a key for every question (a third of
// the time spent finding actors went there).
func factsOf(name string) actorFacts {
	knownFactsOnce.Do(func() {
		knownFacts = map[string]actorFacts{}
		for _, a := range people().actors {
			knownFacts[a.Name] = lookupFacts(a.Name)
		}
		for _, ns := range countries().names {
			for _, cn := range ns {
				knownFacts[cn.canon] = lookupFacts(cn.canon)
			}
		}
	})
	if f, ok := knownFacts[name]; ok {
		return f
	}
	return lookupFacts(name)
}

// lookupFacts is factsOf without the cache.
func lookupFacts(name string) actorFacts {
	lx := people()
	i, ok := lx.byName[canonicalKey(name)]
	if !ok {
		return actorFacts{kind: actorCountry}
	}
	f := actorFacts{kind: lx.actors[i].Kind, role: lx.actors[i].Role}
	if f.kind == actorOrganisation {
		role := strings.ToLower(f.role)
		for _, m := range mediaRoles {
			if strings.Contains(role, m) {
				f.media = true
				break
			}
		}
	}
	return f
}

// actorInfo returns the kind and role the people lexicon gives name.
func actorInfo(name string) (kind, role string) {
	f := factsOf(name)
	return f.kind, f.role
}

// isMedia reports whether the actor name is a news organisation.
func isMedia(name string) bool { return factsOf(name).media }

// eventActors returns the canonical actors of one event: the people,
// organisations and countries named in r[from:to], with pronouns, "the
// president" and "the Russian leadership" resolved through ctx, and news
// organisations left out.
func eventActors(r []rune, from, to int, ctx *actorContext) []string {
	return eventActorsIn(r, from, to, tokenize(r, from, to), ctx)
}

// eventActorsIn is eventActors with the tokens of r[from:to] already made.
func eventActorsIn(r []rune, from, to int, toks []token, ctx *actorContext) []string {
	var out actorList
	first := 0
	for first < len(toks)-1 && (toks[first].key == "that" || toks[first].punct) {
		first++
	}
	for i := range toks {
		out.add(referredActors(toks, i, first, from, ctx)...)
	}
	out.add(namedActors(r, from, to, toks, ctx)...)
	out.add(titledNames(r, toks)...)
	return out.names
}

// actorList is a list of actor names in the order found, each once, news
// organisations left out. An event has a handful of actors, so a search of
// the list costs less than a set would.
type actorList struct {
	names []string
}

func (l *actorList) add(names ...string) {
	for _, n := range names {
		if n != "" && !slices.Contains(l.names, n) && !isMedia(n) {
			l.names = append(l.names, n)
		}
	}
}

// referredActors returns the actors token i refers to without naming
// them: a pronoun opening the clause (first is its first word), "the two
// men", "Russian drones", "the president", "the Russian leadership".
func referredActors(toks []token, i, first, from int, ctx *actorContext) []string {
	if i <= first+1 {
		if names, ok := openingReference(toks, i, first, ctx); ok {
			return names
		}
	}
	t := toks[i]
	switch {
	case (t.is(clsMilitary) || delegationNouns[t.key]) && i > 0:
		return nationalitiesBefore(toks, i) // "Russian drones struck Kyiv", "Russian and Ukrainian delegations met"
	case t.key == "president" && i > 0 && toks[i-1].key == "the" && !nextIsName(toks, i):
		return []string{ctx.lastWithRole(from, "President")}
	case (t.key == "leadership" || t.key == "leader" || t.key == "government") && i > 0:
		if c, ok := countries().adj[toks[i-1].key]; ok {
			return []string{ctx.leaderOf(c), c}
		}
	}
	return nil
}

// openingReference returns whom the words opening a clause refer to: a
// pronoun (the subject before), "it" or "they" (the thing before), "the
// two men" (the people of the sentence before).
func openingReference(toks []token, i, first int, ctx *actorContext) ([]string, bool) {
	t := toks[i]
	switch {
	case i == first && isPronoun(t.key):
		return []string{ctx.subject}, true
	case i == first && (t.key == "it" || t.key == "they") && ctx.thing != "":
		return []string{ctx.thing}, true
	case (t.key == "two" || t.key == "both") && i+1 < len(toks) && toks[i+1].is(clsGroup):
		return ctx.previous().persons, true // "the two men agreed to meet"
	}
	return nil, false
}

// nationalitiesBefore returns the countries of the adjectives (joined by
// "and" and commas) right before token i: "Russian and Ukrainian".
func nationalitiesBefore(toks []token, i int) []string {
	var out []string
	for k := i - 1; k >= 0; k-- {
		if c, ok := countries().adj[toks[k].key]; ok {
			out = append(out, c)
		} else if toks[k].key != "and" && toks[k].key != "," {
			break
		}
	}
	return out
}

// namedActors returns the known actors and countries r[from:to] names.
func namedActors(r []rune, from, to int, toks []token, ctx *actorContext) []string {
	known, nations, ok := ctx.namedIn(r, from, toks)
	if !ok {
		return append(knownActors(r, from, to, toks), countries().countriesIn(r, toks)...)
	}
	var out []string
	lx := people()
	for _, m := range known {
		if !affiliationOnly(toks, m) {
			out = append(out, lx.actors[m.actor].Name)
		}
	}
	for _, m := range nations {
		out = append(out, m.canon)
	}
	return out
}

// departmentWords name the department of a title ("Secretary of Homeland
// Security"), not the person holding it.
var departmentWords map[string]bool // words.txt: department-words

// titledNames returns the people the lexicon does not know that toks name
// right after a title, each followed by the country a nationality before
// the title names: "Chinese Foreign Minister Wang Yi", "National
// Security Adviser Ajit Doval", "Secretary of State Jane Roe". A name is two
// or three capitalised words (an initial may be one of them); one that
// starts a known name or a country, or holds a word of an organisation's
// name, is left out.
func titledNames(r []rune, toks []token) []string {
	var out []string
	for i := 0; i+2 < len(toks); i++ {
		if !toks[i].is(clsTitle) {
			continue
		}
		j, k, ok := titledNameAt(r, toks, i)
		if !ok {
			continue
		}
		out = append(out, string(r[toks[j].start:toks[k-1].end]))
		for a := i - 1; a >= 0 && a >= i-2 && !toks[a].punct; a-- {
			if c, ok := countries().adj[toks[a].key]; ok && toks[a].upper {
				out = append(out, c) // "Chinese Foreign Minister Wang Yi": China too
				break
			}
		}
		i = k - 1
	}
	return out
}

// titledNameAt returns the name [j, k) after the title at token i, and
// false when the words there are no name the lexicon does not know.
func titledNameAt(r []rune, toks []token, i int) (j, k int, ok bool) {
	j = i + 1
	if toks[j].key == "of" && j+1 < len(toks) && toks[j+1].upper {
		j += 2 // "Secretary of State ..."
	}
	for j < len(toks) && departmentWords[toks[j].key] {
		j++ // "Secretary of Homeland Security Jeh Johnson"
	}
	k = j
	for k < len(toks) && k-j < 4 && nameWord(r, toks[k]) {
		k++
	}
	return j, k, wholeUnknownName(r, toks, j, k)
}

// wholeUnknownName reports whether tokens [j, k) are a whole name of two
// or three words, not cut ("W. Bush" of "George W. Bush"), that is no
// known actor, country or organisation.
func wholeUnknownName(r []rune, toks []token, j, k int) bool {
	capitalAfter := k < len(toks) && toks[k].upper && !toks[k].punct && !weekdayWords[toks[k].key] && !monthWords[toks[k].key]
	if k-j < 2 || k-j > 3 || capitalAfter || toks[j].end-toks[j].start <= 2 || toks[k-1].key == toks[k-2].key {
		return false
	}
	a, _ := people().matchAt(r, toks, j)
	return a < 0 && !toks[j].is(clsCountryFirst) &&
		!slices.ContainsFunc(toks[j:k], func(t token) bool { return orgWords[t.key] || notNameStart[t.key] })
}

// nameWord reports whether t may be a word of a person's name after a
// title: capitalised, no title, weekday or month, and written in mixed case
// or an initial.
func nameWord(r []rune, t token) bool {
	return t.upper && !t.punct && !t.is(clsTitle) && !weekdayWords[t.key] && !monthWords[t.key] &&
		(hasLowerRunes(r[t.start:t.end]) || t.end-t.start <= 2)
}

// namedIn returns the known actors and the countries named in toks, taken
// from the whole article's (found once, by readBody and newActorContext)
// instead of looked up word by word again: an article's sentences and
// clauses are asked for their actors several times each. ok is false when toks are not
// a run of the article's own words over its own text (a sentence with its
// quotations blanked), when the run opens at an apostrophe (see
// knownActors), or when a name found in the whole article crosses either
// end of the run: there the run alone may read differently, so the caller
// looks it up itself. Otherwise the names are those a look-up of the
// run alone finds: the scan of the whole article reaches the run's first
// word afresh, and a name that fits inside the run is the one the run's
// own scan picks.
func (ctx *actorContext) namedIn(r []rune, from int, toks []token) ([]actorMention, []countryMention, bool) {
	if ctx == nil || len(toks) == 0 || len(r) == 0 || len(ctx.r) == 0 || &r[0] != &ctx.r[0] ||
		from < len(r) && (r[from] == '\'' || r[from] == '’') {
		return nil, nil, false
	}
	i := sort.Search(len(ctx.toks), func(k int) bool { return ctx.toks[k].start >= toks[0].start })
	if i == len(ctx.toks) || &ctx.toks[i] != &toks[0] {
		return nil, nil, false
	}
	start, end := toks[0].start, toks[len(toks)-1].end
	lo, hi, ok := mentionsWithin(len(ctx.known), func(k int) (int, int) { return ctx.known[k].start, ctx.known[k].end }, start, end)
	if !ok {
		return nil, nil, false
	}
	clo, chi, ok := mentionsWithin(len(ctx.nations), func(k int) (int, int) { return ctx.nations[k].start, ctx.nations[k].end }, start, end)
	if !ok {
		return nil, nil, false
	}
	return ctx.known[lo:hi], ctx.nations[clo:chi], true
}

// mentionsWithin returns the indexes [lo, hi) of the n mentions (in text
// order, not overlapping; at(k) gives the runes of the k-th) that lie in
// runes [from, to), and false when a mention crosses from or to.
func mentionsWithin(n int, at func(k int) (int, int), from, to int) (lo, hi int, ok bool) {
	lo = sort.Search(n, func(k int) bool { s, _ := at(k); return s >= from })
	if lo > 0 {
		if _, e := at(lo - 1); e > from {
			return 0, 0, false
		}
	}
	hi = lo + sort.Search(n-lo, func(k int) bool { s, _ := at(lo + k); return s >= to })
	if hi > lo {
		if _, e := at(hi - 1); e > to {
			return 0, 0, false
		}
	}
	return lo, hi, true
}

// knownActors is actorsIn(string(r[from:to])) without copying the text and
// splitting it into words again: the tokens of r[from:to] are those of the
// copy, moved by from, unless the range opens with an apostrophe (the only
// place tokenize looks before from, at the letter a possessive follows).
func knownActors(r []rune, from, to int, toks []token) []string {
	if from < to && (r[from] == '\'' || r[from] == '’') {
		return actorsIn(string(r[from:to]))
	}
	lx := people()
	var out []string
	var seen map[int]bool
	for _, m := range lx.findActors(r, toks) {
		if !seen[m.actor] && !affiliationOnly(toks, m) {
			if seen == nil {
				seen = map[int]bool{}
			}
			seen[m.actor] = true
			out = append(out, lx.actors[m.actor].Name)
		}
	}
	return out
}

// delegationNouns stand for a country after its adjective: "Ukrainian
// negotiators", "the Russian delegation".
var delegationNouns map[string]bool // words.txt: delegation-nouns

// affiliationOnly reports whether the organisation m only says where the
// person named after it works: "Kremlin aide Yuri Ushakov", "White House
// spokesman Josh Earnest". The person is the actor; "White House officials
// met" keeps the White House.
func affiliationOnly(toks []token, m actorMention) bool {
	if people().actors[m.actor].Kind != actorOrganisation {
		return false
	}
	k := sort.Search(len(toks), func(k int) bool { return toks[k].start >= m.end })
	return k+1 < len(toks) && toks[k].is(clsTitle) && toks[k+1].upper && !toks[k+1].punct
}

// groupNouns after "the two" or "both" name the people just mentioned.
var groupNouns map[string]bool // words.txt: group-nouns

// militaryNouns after a country adjective make the country an actor
// ("Russian drones", "American sanctions").
var militaryNouns map[string]bool // words.txt: military-nouns

// isPronoun reports whether k is a personal pronoun that names the subject.
func isPronoun(k string) bool {
	switch k {
	case "he", "she", "his", "her", "him":
		return true
	}
	return false
}

// nextIsName reports whether a capitalised word follows token i ("the president Trump").
func nextIsName(toks []token, i int) bool {
	return i+1 < len(toks) && toks[i+1].upper
}

// actorContext is what the event finder knows about the article so far:
// which people were named where, and who the last sentence was about.
type actorContext struct {
	r       []rune
	persons []placedPerson // people named in the article, in order
	toks    []token        // the tokens of the article
	// known and nations are the known actors and the countries named in
	// the whole article, in order (see namedIn).
	known   []actorMention
	nations []countryMention
	subject string // the first person of the previous sentence, for "he" and "his"
	thing   string // the first actor named before a clause, for "it" and "they"
	// prev is the previous sentence, for "the two men" and "the meeting
	// took place"; nil before the first.
	prev *prevSentence
}

// prevSentence is a sentence whose actors are worked out when the next one
// first asks for them: few sentences do, and working them out for every
// sentence was a tenth of the event finder's time.
type prevSentence struct {
	from, to int     // rune offsets
	toks     []token // its tokens
	subject  string  // actorContext.subject after it
	done     bool
	// actors and persons are its actors and, of them, the people
	actors, persons []string
}

// previous returns the previous sentence with its actors, found as they
// were when it ended: its subject, and no sentence before it to borrow from.
func (ctx *actorContext) previous() *prevSentence {
	p := ctx.prev
	if p == nil {
		return &prevSentence{done: true}
	}
	if !p.done {
		p.done = true
		c := *ctx
		c.subject, c.thing, c.prev = p.subject, "", nil
		p.actors = eventActorsIn(ctx.r, p.from, p.to, p.toks, &c)
		for _, a := range p.actors {
			if kind, _ := actorInfo(a); kind == actorPerson {
				p.persons = append(p.persons, a)
			}
		}
	}
	return p
}

type placedPerson struct {
	at         int
	name, role string
}

// newActorContext notes the people an article names, with their places;
// toks are the tokens of all of r and known the known actors they name.
func newActorContext(r []rune, toks []token, known []actorMention) *actorContext {
	ctx := &actorContext{r: r, toks: toks, known: known}
	ctx.nations = countries().mentions(r, toks)
	for _, m := range ctx.known {
		a := people().actors[m.actor]
		if a.Kind == actorPerson {
			ctx.persons = append(ctx.persons, placedPerson{m.start, a.Name, a.Role})
		}
	}
	return ctx
}

// lastWithRole returns the person named last before rune offset at whose
// role starts with prefix ("President"), or "".
func (ctx *actorContext) lastWithRole(at int, prefix string) string {
	name := ""
	for _, p := range ctx.persons {
		if p.at >= at {
			break
		}
		if strings.HasPrefix(p.role, prefix) {
			name = p.name
		}
	}
	return name
}

// leaderOf returns a person the article names whose role makes them the
// leader of country ("President of Russia"), or "".
func (ctx *actorContext) leaderOf(country string) string {
	for _, p := range ctx.persons {
		if strings.HasSuffix(p.role, " of "+country) && (strings.HasPrefix(p.role, "President") ||
			strings.HasPrefix(p.role, "Prime Minister") || strings.HasPrefix(p.role, "Chancellor")) {
			return p.name
		}
	}
	return ""
}

// firstPersonIn returns the first person named in r[from:to], or "".
// ctx.persons is in text order, so a binary search finds the first one at
// or after from without rescanning the article for every sentence.
func (ctx *actorContext) firstPersonIn(from, to int) string {
	i := sort.Search(len(ctx.persons), func(i int) bool { return ctx.persons[i].at >= from })
	if i < len(ctx.persons) && ctx.persons[i].at < to {
		return ctx.persons[i].name
	}
	return ""
}
