package events

import (
	"dateline/models/extract/doc"
	"dateline/models/extract/people"
	"slices"
	"sort"
	"strings"
)

// actorInfo returns the kind and role the people lexicon gives name.
func actorInfo(lg *doc.Language, name string) (kind, role string) {
	f := lg.Facts(name)
	return f.Kind, f.Role
}

// isMedia reports whether the actor name is a news organisation.
func isMedia(lg *doc.Language, name string) bool { return lg.Facts(name).Media }

// eventActors returns the canonical actors of one event: the people,
// organisations and countries named in r[from:to], with pronouns, "the
// president" and "the Russian leadership" resolved through ctx, and news
// organisations left out.
func eventActors(lg *doc.Language, r []rune, from, to int, ctx *actorContext) []string {
	return eventActorsIn(lg, r, from, to, lg.Tokenize(r, from, to), ctx)
}

// eventActorsIn is eventActors with the tokens of r[from:to] already made.
func eventActorsIn(lg *doc.Language, r []rune, from, to int, toks []doc.Token, ctx *actorContext) []string {
	out := actorList{lang: lg}
	first := 0
	for first < len(toks)-1 && (toks[first].Key == "that" || toks[first].Punct) {
		first++
	}
	for i := range toks {
		out.add(referredActors(lg, toks, i, first, from, ctx)...)
	}
	out.add(namedActors(lg, r, from, to, toks, ctx)...)
	out.add(titledNames(lg, r, toks)...)
	return out.names
}

// actorList is a list of actor names in the order found, each once, news
// organisations left out. An event has a handful of actors, so a search of
// the list costs less than a set would.
type actorList struct {
	lang  *doc.Language
	names []string
}

func (l *actorList) add(names ...string) {
	for _, n := range names {
		if n != "" && !slices.Contains(l.names, n) && !isMedia(l.lang, n) {
			l.names = append(l.names, n)
		}
	}
}

// referredActors returns the actors token i refers to without naming
// them: a pronoun opening the clause (first is its first word), "the two
// men", "Russian drones", "the president", "the Russian leadership".
func referredActors(lg *doc.Language, toks []doc.Token, i, first, from int, ctx *actorContext) []string {
	if i <= first+1 {
		if names, ok := openingReference(toks, i, first, ctx); ok {
			return names
		}
	}
	t := toks[i]
	switch {
	case (t.Is(doc.ClsMilitary) || lg.DelegationNouns[t.Key]) && i > 0:
		return nationalitiesBefore(lg, toks, i) // "Russian drones struck Kyiv", "Russian and Ukrainian delegations met"
	case t.Key == "president" && i > 0 && toks[i-1].Key == "the" && !nextIsName(toks, i):
		return []string{ctx.lastWithRole(from, "President")}
	case (t.Key == "leadership" || t.Key == "leader" || t.Key == "government") && i > 0:
		if c, ok := lg.Countries().Adj[toks[i-1].Key]; ok {
			return []string{ctx.leaderOf(c), c}
		}
	}
	return nil
}

// openingReference returns whom the words opening a clause refer to: a
// pronoun (the subject before), "it" or "they" (the thing before), "the
// two men" (the people of the sentence before).
func openingReference(toks []doc.Token, i, first int, ctx *actorContext) ([]string, bool) {
	t := toks[i]
	switch {
	case i == first && isPronoun(t.Key):
		return []string{ctx.subject}, true
	case i == first && (t.Key == "it" || t.Key == "they") && ctx.thing != "":
		return []string{ctx.thing}, true
	case (t.Key == "two" || t.Key == "both") && i+1 < len(toks) && toks[i+1].Is(doc.ClsGroup):
		return ctx.previous().persons, true // "the two men agreed to meet"
	}
	return nil, false
}

// nationalitiesBefore returns the countries of the adjectives (joined by
// "and" and commas) right before token i: "Russian and Ukrainian".
func nationalitiesBefore(lg *doc.Language, toks []doc.Token, i int) []string {
	var out []string
	for k := i - 1; k >= 0; k-- {
		if c, ok := lg.Countries().Adj[toks[k].Key]; ok {
			out = append(out, c)
		} else if toks[k].Key != "and" && toks[k].Key != "," {
			break
		}
	}
	return out
}

// namedActors returns the known actors and countries r[from:to] names.
func namedActors(lg *doc.Language, r []rune, from, to int, toks []doc.Token, ctx *actorContext) []string {
	known, nations, ok := ctx.namedIn(r, from, toks)
	if !ok {
		return append(knownActors(lg, r, from, to, toks), lg.Countries().CountriesIn(r, toks)...)
	}
	var out []string
	lx := lg.People()
	for _, m := range known {
		if !affiliationOnly(lg, toks, m) {
			out = append(out, lx.Actors[m.Actor].Name)
		}
	}
	for _, m := range nations {
		out = append(out, m.Canon)
	}
	return out
}

// titledNames returns the people the lexicon does not know that toks name
// right after a title, each followed by the country a nationality before
// the title names: "Chinese Foreign Minister Wang Yi", "National
// Security Adviser Ajit Doval", "Secretary of State Jane Roe". A name is two
// or three capitalised words (an initial may be one of them); one that
// starts a known name or a country, or holds a word of an organisation's
// name, is left out.
func titledNames(lg *doc.Language, r []rune, toks []doc.Token) []string {
	var out []string
	for i := 0; i+2 < len(toks); i++ {
		if !toks[i].Is(doc.ClsTitle) {
			continue
		}
		j, k, ok := titledNameAt(lg, r, toks, i)
		if !ok {
			continue
		}
		out = append(out, string(r[toks[j].Start:toks[k-1].End]))
		for a := i - 1; a >= 0 && a >= i-2 && !toks[a].Punct; a-- {
			if c, ok := lg.Countries().Adj[toks[a].Key]; ok && toks[a].Upper {
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
func titledNameAt(lg *doc.Language, r []rune, toks []doc.Token, i int) (j, k int, ok bool) {
	j = i + 1
	if toks[j].Key == "of" && j+1 < len(toks) && toks[j+1].Upper {
		j += 2 // "Secretary of State ..."
	}
	for j < len(toks) && lg.DepartmentWords[toks[j].Key] {
		j++ // "Secretary of Homeland Security Jeh Johnson"
	}
	k = j
	for k < len(toks) && k-j < 4 && nameWord(lg, r, toks[k]) {
		k++
	}
	return j, k, wholeUnknownName(lg, r, toks, j, k)
}

// wholeUnknownName reports whether tokens [j, k) are a whole name of two
// or three words, not cut ("W. Bush" of "George W. Bush"), that is no
// known actor, country or organisation.
func wholeUnknownName(lg *doc.Language, r []rune, toks []doc.Token, j, k int) bool {
	capitalAfter := k < len(toks) && toks[k].Upper && !toks[k].Punct && !lg.WeekdayWords[toks[k].Key] && !lg.MonthWords[toks[k].Key]
	if k-j < 2 || k-j > 3 || capitalAfter || toks[j].End-toks[j].Start <= 2 || toks[k-1].Key == toks[k-2].Key {
		return false
	}
	a, _ := lg.People().MatchAt(r, toks, j)
	return a < 0 && !toks[j].Is(doc.ClsCountryFirst) &&
		!slices.ContainsFunc(toks[j:k], func(t doc.Token) bool { return lg.OrgWords[t.Key] || lg.NotNameStart[t.Key] })
}

// nameWord reports whether t may be a word of a person's name after a
// title: capitalised, no title, weekday or month, and written in mixed case
// or an initial.
func nameWord(lg *doc.Language, r []rune, t doc.Token) bool {
	return t.Upper && !t.Punct && !t.Is(doc.ClsTitle) && !lg.WeekdayWords[t.Key] && !lg.MonthWords[t.Key] &&
		(doc.HasLowerRunes(r[t.Start:t.End]) || t.End-t.Start <= 2)
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
func (ctx *actorContext) namedIn(r []rune, from int, toks []doc.Token) ([]doc.ActorMention, []doc.CountryMention, bool) {
	if ctx == nil || len(toks) == 0 || len(r) == 0 || len(ctx.r) == 0 || &r[0] != &ctx.r[0] ||
		from < len(r) && (r[from] == '\'' || r[from] == '’') {
		return nil, nil, false
	}
	i := sort.Search(len(ctx.toks), func(k int) bool { return ctx.toks[k].Start >= toks[0].Start })
	if i == len(ctx.toks) || &ctx.toks[i] != &toks[0] {
		return nil, nil, false
	}
	start, end := toks[0].Start, toks[len(toks)-1].End
	lo, hi, ok := mentionsWithin(len(ctx.known), func(k int) (int, int) { return ctx.known[k].Start, ctx.known[k].End }, start, end)
	if !ok {
		return nil, nil, false
	}
	clo, chi, ok := mentionsWithin(len(ctx.nations), func(k int) (int, int) { return ctx.nations[k].Start, ctx.nations[k].End }, start, end)
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
func knownActors(lg *doc.Language, r []rune, from, to int, toks []doc.Token) []string {
	if from < to && (r[from] == '\'' || r[from] == '’') {
		return people.ActorsIn(lg, string(r[from:to]))
	}
	lx := lg.People()
	var out []string
	var seen map[int]bool
	for _, m := range lx.FindActors(r, toks) {
		if !seen[m.Actor] && !affiliationOnly(lg, toks, m) {
			if seen == nil {
				seen = map[int]bool{}
			}
			seen[m.Actor] = true
			out = append(out, lx.Actors[m.Actor].Name)
		}
	}
	return out
}

// affiliationOnly reports whether the organisation m only says where the
// person named after it works: "Kremlin aide Yuri Ushakov", "White House
// spokesman Josh Earnest". The person is the actor; "White House officials
// met" keeps the White House.
func affiliationOnly(lg *doc.Language, toks []doc.Token, m doc.ActorMention) bool {
	if lg.People().Actors[m.Actor].Kind != doc.ActorOrganisation {
		return false
	}
	k := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= m.End })
	return k+1 < len(toks) && toks[k].Is(doc.ClsTitle) && toks[k+1].Upper && !toks[k+1].Punct
}

// isPronoun reports whether k is a personal pronoun that names the subject.
func isPronoun(k string) bool {
	switch k {
	case "he", "she", "his", "her", "him":
		return true
	}
	return false
}

// nextIsName reports whether a capitalised word follows token i ("the president Trump").
func nextIsName(toks []doc.Token, i int) bool {
	return i+1 < len(toks) && toks[i+1].Upper
}

// actorContext is what the event finder knows about the article so far:
// which people were named where, and who the last sentence was about.
type actorContext struct {
	lang    *doc.Language
	r       []rune
	persons []placedPerson // people named in the article, in order
	toks    []doc.Token    // the tokens of the article
	// known and nations are the known actors and the countries named in
	// the whole article, in order (see namedIn).
	known   []doc.ActorMention
	nations []doc.CountryMention
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
	from, to int         // rune offsets
	toks     []doc.Token // its tokens
	subject  string      // actorContext.subject after it
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
		p.actors = eventActorsIn(ctx.lang, ctx.r, p.from, p.to, p.toks, &c)
		for _, a := range p.actors {
			if kind, _ := actorInfo(ctx.lang, a); kind == doc.ActorPerson {
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
func newActorContext(lg *doc.Language, r []rune, toks []doc.Token, known []doc.ActorMention) *actorContext {
	ctx := &actorContext{lang: lg, r: r, toks: toks, known: known}
	ctx.nations = lg.Countries().Mentions(r, toks)
	for _, m := range ctx.known {
		a := lg.People().Actors[m.Actor]
		if a.Kind == doc.ActorPerson {
			ctx.persons = append(ctx.persons, placedPerson{m.Start, a.Name, a.Role})
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
