package events

import (
	"slices"
	"sort"
	"strings"
	"time"

	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/temporal"
	"dateline/models/text"
)

// FindEvents finds the dated events of body: each clause that reports a
// happening (a meeting, a call, a deadline ...) and carries a time
// expression, or shares its sentence's only date, becomes an event. Kinds
// follow one rule everywhere so that reports of one happening in different
// words agree: an envoy arriving "for talks with" a leader, a meeting held
// with him and talks between two named people are all meetings.
// Long quotations are masked from the sentence text itself; the quotes
// found in the article give statements their words. It never fails.
func FindEvents(lg *doc.Language, body string, timexes []models.Timex, quotes []models.ExtractedQuote) []models.ExtractedEvent {
	d := doc.New(lg, body, time.Time{})
	d.Timexes, d.Quotes = timexes, quotes
	Find(d)
	return d.Events
}

// Find is the event stage: it adds to d the events of its body, reading
// the time expressions and quotes the stages before it added.
func Find(d *doc.Document) {
	d.Events = find(d)
}

func find(t *doc.Document) []models.ExtractedEvent {
	r := t.Src.R
	ctx := newActorContext(t.Lang, r, t.Toks, t.Known)
	f := &eventFinder{lang: t.Lang, src: t.Src, r: r, ctx: ctx, quotes: t.Quotes}
	if !t.Ref.IsZero() {
		f.ref = t.Ref.Format("2006-01-02")
	}
	for _, s := range t.Sents {
		f.sentence(s, t.Timexes)
		if p := ctx.firstPersonIn(s.Start, s.End); p != "" {
			ctx.subject = p
		}
		ctx.prev = &prevSentence{from: s.Start, to: s.End, toks: f.toks, subject: ctx.subject}
	}
	return MergeEvents(f.out)
}

// eventFinder walks the sentences of one article.
type eventFinder struct {
	lang     *doc.Language
	src      *doc.Source // the body, for cutting words out of it without copying runes
	r        []rune      // src.r
	ctx      *actorContext
	out      []models.ExtractedEvent
	lastDate string // the last day an event was dated, for "48 hours before the deadline"
	ref      string // the article's day, "" when unknown: a count of days runs from it
	// lastSubject is what the last in-force or expiry event was about, for "it"
	lastSubject string
	quotes      []models.ExtractedQuote
	// prevKinds are the kinds of the previous sentence's cues: "The meeting
	// took place on ..." borrows that sentence's actors only if it spoke of a meeting.
	prevKinds map[string]bool
	scratch   []rune      // the body with the current sentence's quotations blanked
	toks      []doc.Token // the tokens of the current sentence, in the body
	nextTimex int         // the first time expression not before the current sentence
}

// sentence adds the events of one sentence.
func (f *eventFinder) sentence(s text.Sentence, all []models.Timex) {
	toks := f.sentenceTokens(s)
	f.toks = toks
	if len(toks) == 0 {
		f.timexesOf(s, all) // keep the place in all
		return
	}
	txs := dropDateline(f.r, toks, f.timexesOf(s, all))
	masked := maskQuotes(f.r, toks)
	segs := splitClauses(f.lang, toks, masked, txs)
	sc := &sentenceCtx{f: f, s: s, toks: toks, masked: masked, txs: txs, segs: segs, plain: f.r}
	if hasMasked(masked) {
		sc.plain = f.blanked(toks, masked)
		defer copy(f.scratch[s.Start:s.End], f.r[s.Start:s.End])
	}
	evs := sc.events()
	f.prevKinds = map[string]bool{}
	for _, sg := range segs {
		for _, c := range sg.cues {
			f.prevKinds[c.kind] = true
		}
	}
	for _, ev := range evs {
		if ev.Granularity == models.GranDay || ev.Granularity == models.GranTime {
			f.lastDate = ev.Date[:10]
		}
	}
	f.out = append(f.out, evs...)
}

// timexesOf returns the time expressions of all that lie inside sentence
// s. Sentences and time expressions both come in text order: the ones
// before this sentence are skipped once, instead of rescanned each time.
func (f *eventFinder) timexesOf(s text.Sentence, all []models.Timex) []models.Timex {
	for f.nextTimex < len(all) && all[f.nextTimex].Start < s.Start {
		f.nextTimex++
	}
	var txs []models.Timex
	for _, t := range all[f.nextTimex:] {
		if t.Start >= s.End {
			break
		}
		if t.End <= s.End {
			txs = append(txs, t)
		}
	}
	return txs
}

// blanked returns the body with the sentence's long quotations (its masked
// tokens) blanked, for actors found without them. The copy is made once per
// article and restored after each sentence, so long articles stay linear.
func (f *eventFinder) blanked(toks []doc.Token, masked []bool) []rune {
	if f.scratch == nil {
		f.scratch = append([]rune(nil), f.r...)
	}
	for i, t := range toks {
		if masked[i] {
			for k := t.Start; k < t.End; k++ {
				f.scratch[k] = ' '
			}
		}
	}
	return f.scratch
}

// events returns the events of the sentence's clauses and its relative
// deadline, without the statements that only carry another happening.
func (sc *sentenceCtx) events() []models.ExtractedEvent {
	var evs []models.ExtractedEvent
	var from []int // the clause of each event, -1 for none
	for i := range sc.segs {
		if ev, ok := sc.event(i); ok {
			evs, from = append(evs, ev), append(from, i)
		}
	}
	if ev, ok := sc.relativeDeadline(); ok {
		evs, from = append(evs, ev), append(from, -1)
	}
	keep := make([]bool, len(evs)) // statements that carry a report no other event holds
	for k, i := range from {
		keep[k] = i >= 0 && evs[k].Kind == models.KindStatement && sc.reportsDropped(i)
	}
	evs = dropCarriers(evs, keep)
	for i := range evs {
		if evs[i].Actors == nil {
			evs[i].Actors = []string{}
		}
	}
	return evs
}

// sentenceTokens returns the tokens of sentence s: the article's own tokens
// between its offsets when no token crosses either end (a part of the text
// splits into words as it does inside the whole), else s split anew.
func (f *eventFinder) sentenceTokens(s text.Sentence) []doc.Token {
	all := f.ctx.toks
	i := sort.Search(len(all), func(k int) bool { return all[k].Start >= s.Start })
	j := sort.Search(len(all), func(k int) bool { return all[k].Start >= s.End })
	if (i == 0 || all[i-1].End <= s.Start) && (j == 0 || all[j-1].End <= s.End) {
		return all[i:j:j]
	}
	return f.lang.Tokenize(f.r, s.Start, s.End)
}

// dropDateline removes the date of a wire dateline ("WASHINGTON, Aug 9
// (Reuters) - ..."): it dates the story, not a happening in it.
func dropDateline(r []rune, toks []doc.Token, txs []models.Timex) []models.Timex {
	if len(toks) < 3 || toks[0].Punct || doc.HasLower(string(r[toks[0].Start:toks[0].End])) || toks[0].End-toks[0].Start < 2 {
		return txs
	}
	dash := -1
	for i := 1; i < len(toks) && i < 15; i++ {
		if k := toks[i].Key; toks[i].Punct && (k == "-" || k == "—" || k == "–") {
			dash = toks[i].Start
			break
		}
	}
	if dash < 0 {
		return txs
	}
	out := txs[:0:0]
	for _, t := range txs {
		if t.End > dash {
			out = append(out, t)
		}
	}
	return out
}

// hasMasked reports whether any token is masked.
func hasMasked(m []bool) bool {
	for _, b := range m {
		if b {
			return true
		}
	}
	return false
}

// dropCarriers removes the statements of a sentence that also reports
// another happening: in "Trump said Wednesday that his envoy met Putin on
// Tuesday" the saying only carries the meeting. A statement marked in keep
// stays: what it reported took no event of its own ("Ushakov said on
// Thursday that the sides agreed to a summit, a day after Witkoff met
// Putin").
func dropCarriers(evs []models.ExtractedEvent, keep []bool) []models.ExtractedEvent {
	other := false
	for _, ev := range evs {
		if ev.Kind != models.KindStatement {
			other = true
		}
	}
	if !other {
		return evs
	}
	out := evs[:0]
	for i, ev := range evs {
		if ev.Kind != models.KindStatement || ev.Cameo == CameoIntentMeet || keep[i] {
			out = append(out, ev)
		}
	}
	return out
}

// reportsDropped reports whether a clause next to clause i was dropped as
// the happening a statement reports (see the rule "reported happening").
func (sc *sentenceCtx) reportsDropped(i int) bool {
	return i > 0 && i-1 < len(sc.reported) && sc.reported[i-1] || i+1 < len(sc.reported) && sc.reported[i+1]
}

// sentenceCtx is one sentence being read.
type sentenceCtx struct {
	f      *eventFinder
	s      text.Sentence
	toks   []doc.Token
	masked []bool
	txs    []models.Timex
	segs   []segment
	plain  []rune // the body with the sentence's long quotations blanked
	// reported marks the clauses dropped as what a statement reports.
	reported []bool
	// actorsOf holds what actors returned, by token range.
	actorsOf map[[2]int][]string
	// demanding caches whether the sentence has a demand word (0 not yet
	// known, 1 yes, 2 no): asked once per clause, it would make a sentence
	// of thousands of clauses quadratic.
	demanding int8
}

// actors returns the actors of tokens [from, to) of the sentence. A pronoun
// opening the clause is the first person named earlier in the sentence
// ("Trump said Wednesday he could meet ...") or else the one the previous
// sentence was about.
// A clause's actors are asked for several times (its kind, its event, its
// talks); they are worked out once per sentence and handed out as copies.
func (sc *sentenceCtx) actors(from, to int) []string {
	key := [2]int{from, to}
	if a, ok := sc.actorsOf[key]; ok {
		return slices.Clone(a)
	}
	ctx := *sc.f.ctx
	if p := ctx.firstPersonIn(sc.s.Start, sc.toks[from].Start); p != "" {
		ctx.subject = p
	}
	ctx.thing = ""
	if from > 0 {
		if before := sc.eventActors(sc.s.Start, sc.toks[from].Start, 0, from, sc.f.ctx); len(before) > 0 {
			ctx.thing = before[0] // "Ukraine said it had attacked"
		}
	}
	a := sc.eventActors(sc.toks[from].Start, sc.toks[to-1].End, from, to, &ctx)
	if sc.actorsOf == nil {
		sc.actorsOf = map[[2]int][]string{}
	}
	sc.actorsOf[key] = a
	return slices.Clone(a)
}

// eventActors is eventActors on the sentence's plain text between rune
// offsets start and end, which hold tokens [i, j). Without blanked
// quotations those are the sentence's own tokens: words never reach
// across a token boundary, so splitting the range again gives the same.
func (sc *sentenceCtx) eventActors(start, end, i, j int, ctx *actorContext) []string {
	if len(sc.plain) > 0 && &sc.plain[0] == &sc.f.r[0] {
		return eventActorsIn(sc.f.lang, sc.plain, start, end, sc.toks[i:j], ctx)
	}
	return eventActors(sc.f.lang, sc.plain, start, end, ctx)
}

// subjectAt is the person a pronoun at token i refers to.
func (sc *sentenceCtx) subjectAt(i int) string {
	if p := sc.f.ctx.firstPersonIn(sc.s.Start, sc.toks[i].Start); p != "" {
		return p
	}
	return sc.f.ctx.subject
}

// event makes the event of clause i, if it reports a datable happening:
// its kind from the clause's cues, then the event rules in order.
func (sc *sentenceCtx) event(i int) (models.ExtractedEvent, bool) {
	d := &eventDraft{seg: &sc.segs[i]}
	if len(d.seg.cues) == 0 {
		if !sc.demandsBy(d.seg) && !sc.givesTime(d.seg) {
			return models.ExtractedEvent{}, false
		}
		// "Hamas has until Saturday to release the hostages": a deadline
		// with no deadline word.
		d.seg.cues = []cue{{kind: models.KindDeadline, i: d.seg.from, n: 1}}
		d.fired("deadline without a cue")
	}
	d.kind, d.c = sc.kindOf(d.seg)
	for _, r := range eventRules {
		if !r.apply(sc, d) {
			return models.ExtractedEvent{}, false
		}
	}
	if d.ev.Actors == nil {
		d.ev.Actors = []string{}
	}
	d.ev.Summary = sc.summary(d.seg, d.ev)
	d.ev.Rules = d.rules
	return d.ev, true
}

// eventDraft is an event while the rules make it: the clause, the kind and
// cue chosen, the date and whether it is the clause's own, the event so
// far and the names of the rules that changed it.
type eventDraft struct {
	seg   *segment
	kind  string
	c     cue
	date  models.Timex
	own   bool
	ev    models.ExtractedEvent
	rules []string
}

func (d *eventDraft) fired(name string) { d.rules = append(d.rules, name) }

// eventRule is one step of making an event. apply changes the draft and
// reports false to drop the event; a rule that changes anything records
// its name with d.fired, so a golden event lists the rules behind it.
type eventRule struct {
	name  string
	apply func(sc *sentenceCtx, d *eventDraft) bool
}

// eventRules are applied in this order to every clause with a cue.
var eventRules = []eventRule{
	{"negation", func(sc *sentenceCtx, d *eventDraft) bool {
		// "the two sides failed to agree on the truce"
		if sc.f.lang.KindFacts[d.kind].Negatable && sc.negated(d.seg, d.c) {
			d.fired("negation")
			return false
		}
		return true
	}},
	{"date", func(sc *sentenceCtx, d *eventDraft) bool {
		d.date, d.own = sc.dateFor(d.seg, d.c, d.kind)
		if d.date.Value != "" && !d.own {
			d.fired("date of another clause") // the one date the sentence's other clauses share
		}
		return true
	}},
	{"date of the report", func(sc *sentenceCtx, d *eventDraft) bool {
		// "The talks would fail, Lavrov said on Tuesday", "Lavrov said
		// Tuesday the talks would fail": the date goes with the saying.
		if d.kind == models.KindStatement || d.kind == models.KindDeadline || d.kind == models.KindUltimatum || !d.own {
			return true
		}
		if c, ok := sc.reportDated(d.seg, d.date); ok && sc.unrealized(d.seg) {
			d.kind, d.c = models.KindStatement, c
			d.fired("date of the report")
		}
		return true
	}},
	{"reported happening", func(sc *sentenceCtx, d *eventDraft) bool {
		// "Lavrov said on Tuesday that the talks in Geneva would fail":
		// Tuesday is when it was said; the talks reported take no date
		// from it, and the statement is the sentence's event.
		if d.date.Value != "" && !d.own && d.kind != models.KindStatement && sc.unrealized(d.seg) && sc.datedByStatement(d.seg) {
			d.fired("reported happening")
			if sc.reported == nil {
				sc.reported = make([]bool, len(sc.segs))
			}
			sc.reported[slices.IndexFunc(sc.segs, func(sg segment) bool { return sg.from == d.seg.from })] = true
			return false
		}
		return true
	}},
	{"due date", func(sc *sentenceCtx, d *eventDraft) bool {
		if due, ok := sc.dueDate(d.seg); ok && (d.kind == models.KindDeadline || d.kind == models.KindUltimatum) {
			d.date, d.own = due, true // the deadline's date, not the day it was set
			d.fired("due date")
		}
		if d.date.Value == "" && (d.kind == models.KindDeadline || d.kind == models.KindUltimatum || d.kind == models.KindExpiry) &&
			sc.f.ref != "" && sc.extendDays() > 0 {
			// "The tariff truce was extended by 90 days": reported that day,
			// the thread moves its due date by the length
			d.date = models.Timex{Type: "DATE", Value: sc.f.ref}
			d.fired("extended by a length")
		}
		if d.date.Value == "" && (d.kind == models.KindDeadline || d.kind == models.KindUltimatum) && sc.counted() && sc.f.ref != "" {
			// "The European powers gave Iran 30 days to ...": counted (in the
			// deadline rule) from the day the text names, else the article's
			d.date = models.Timex{Type: "DATE", Value: sc.f.ref}
		}
		return d.date.Value != ""
	}},
	{"day of a part of day", func(sc *sentenceCtx, d *eventDraft) bool {
		if v := d.date.Value; len(v) > 11 && v[10] == 'T' && (v[11] < '0' || v[11] > '9') {
			d.date.Value = v[:10] // "Friday evening": the day is what a timeline can place
			d.fired("day of a part of day")
		}
		d.ev = models.ExtractedEvent{Date: d.date.Value, Granularity: temporal.Granularity(d.date.Value), Kind: d.kind,
			Sentence: sc.s.Text, Expression: d.date.Text, Start: sc.s.Start, End: sc.s.End}
		d.ev.Actors = sc.actors(d.seg.from, d.seg.to)
		d.ev.Cameo = sc.cameo(d.seg, d.c, d.kind)
		return true
	}},
	{"what takes effect or expires", func(sc *sentenceCtx, d *eventDraft) bool {
		if d.kind == models.KindInForce || d.kind == models.KindExpiry {
			d.ev.Subject = sc.subjectOfChange(d.c)
			if sc.f.lang.Pronouns[strings.ToLower(d.ev.Subject)] && sc.f.lastSubject != "" {
				d.ev.Subject = sc.f.lastSubject // "The truce was due to expire ...; it was extended"
			} else if d.ev.Subject != "" {
				sc.f.lastSubject = d.ev.Subject
			}
		}
		return true
	}},
	{"intent to meet is a statement", func(sc *sentenceCtx, d *eventDraft) bool {
		// "said Wednesday he could meet Putin soon": the datable act is the statement.
		if d.kind == models.KindMeeting && d.ev.Cameo == CameoIntentMeet && (!d.own || sc.announces(d.seg, d.c)) {
			d.ev.Kind = models.KindStatement
			d.fired("intent to meet is a statement")
		}
		return true
	}},
	{"actors of the sentence", func(sc *sentenceCtx, d *eventDraft) bool {
		// "a senior US official said that sanctions were expected ...":
		// the reported clause's actors are the sentence's; "The meeting
		// took place on ..." continues the previous sentence.
		if len(d.ev.Actors) > 0 {
			return true
		}
		d.ev.Actors = sc.actors(0, len(sc.toks))
		if len(d.ev.Actors) > 0 {
			d.fired("actors of the sentence")
		} else if sc.f.prevKinds[d.kind] {
			d.ev.Actors = append([]string(nil), sc.f.ctx.previous().actors...)
			d.fired("actors of the sentence before")
		}
		return true
	}},
	{"deadline", func(sc *sentenceCtx, d *eventDraft) bool {
		if d.kind == models.KindDeadline || d.kind == models.KindUltimatum {
			sc.deadlineDetails(d)
		}
		if d.kind == models.KindExpiry {
			d.ev.Deadline = &models.Deadline{Date: d.date.Value}
		}
		if d.ev.Deadline != nil {
			sc.deadlineChange(d, sc.f.ref)
		}
		return true
	}},
}

// deadlineDetails fills in a deadline's or ultimatum's setter, demand,
// consequence and due date (from any clause: "an ultimatum on Thursday,
// demanding ... by June 30").
func (sc *sentenceCtx) deadlineDetails(d *eventDraft) {
	d.ev.Deadline = sc.deadline(d.seg, d.date)
	for si := range sc.segs {
		if due, ok := sc.dueDate(&sc.segs[si]); ok {
			d.ev.Deadline.Date = due.Value
			break
		}
	}
	if d.ev.Deadline.SetBy != "" && !slices.Contains(d.ev.Actors, d.ev.Deadline.SetBy) {
		d.ev.Actors = append([]string{d.ev.Deadline.SetBy}, d.ev.Actors...)
		d.fired("setter is an actor")
	}
}

// negated reports whether the clause denies its cue c: a negation right
// before it ("did not meet Putin", "no agreement"), or a failure to act
// that governs it from earlier in the clause ("failed to agree on the
// second phase of the truce", "refused to sign"), with no comma between.
func (sc *sentenceCtx) negated(seg *segment, c cue) bool {
	for k := c.i - 1; k >= seg.from; k-- {
		t := sc.toks[k]
		if t.Key == "," || sc.masked[k] {
			return false
		}
		if sc.f.lang.Negations[t.Key] && c.i-k <= 3 && !(k+1 < len(sc.toks) && sc.toks[k+1].Key == "only") {
			return true
		}
		if sc.f.lang.Failures[t.Key] && k+1 < c.i && sc.toks[k+1].Key == "to" {
			return true
		}
	}
	return false
}

// kindOf picks the kind of a clause from its cues (see kindPriority), with
// the rules that make one happening one kind: a visit or talks with named
// people is a meeting; a date after "by" or "until" in a sentence that
// demands ("unless", "must", "or face") is a deadline.
func (sc *sentenceCtx) kindOf(seg *segment) (string, cue) {
	best := seg.cues[0]
	has := map[string]bool{}
	for _, c := range seg.cues {
		has[c.kind] = true
		if sc.f.lang.KindPriority[c.kind] < sc.f.lang.KindPriority[best.kind] {
			best = c
		}
	}
	if (sc.demandsBy(seg) || sc.givesTime(seg)) && best.kind != models.KindUltimatum && sc.f.lang.KindPriority[best.kind] > sc.f.lang.KindPriority[models.KindDeadline] {
		return models.KindDeadline, best
	}
	switch best.kind {
	case models.KindInForce:
		if has[models.KindSanction] && sc.threatens(seg) {
			// "secondary sanctions were still expected to take effect on Friday": sanctions threatened
			for _, c := range seg.cues {
				if c.kind == models.KindSanction {
					return c.kind, c
				}
			}
		}
	case models.KindVisit:
		if (has[models.KindTalks] || has[models.KindMeeting]) && sc.personCount(seg) >= 2 {
			return models.KindMeeting, best // "arrived in Moscow for talks with Putin"
		}
	case models.KindTalks:
		if has[models.KindMeeting] || sc.personCount(seg) >= 2 || sc.talksWithPerson(seg, best) {
			return models.KindMeeting, best
		}
	}
	return best.kind, best
}

// dueDate returns the datable expression after "by" or "until" in a clause.
func (sc *sentenceCtx) dueDate(seg *segment) (models.Timex, bool) {
	moved := -1 // 0 or 1 once known: the clause moves the deadline ("extended it to 22 August")
	for k := seg.from + 1; k < seg.to; k++ {
		prev := sc.toks[k-1].Key
		if prev == "to" && moved < 0 {
			moved = 0
			if c := sc.changeOf(seg); c == models.DeadlineExtended || c == models.DeadlineShortened {
				moved = 1
			}
		}
		if prev != "by" && prev != "until" && !(prev == "to" && moved == 1) {
			continue
		}
		if j := timexAt(seg.dates, sc.toks[k].Start); j >= 0 && datable(seg.dates[j]) {
			return seg.dates[j], true
		}
	}
	return models.Timex{}, false
}

// demandsBy reports whether a date in the clause follows "by" or "until" and
// the sentence makes a demand.
func (sc *sentenceCtx) demandsBy(seg *segment) bool {
	if sc.demanding == 0 {
		sc.demanding = 2
		for i, t := range sc.toks {
			if t.Is(doc.ClsDemand) && !sc.masked[i] {
				sc.demanding = 1
				break
			}
		}
	}
	demanding := sc.demanding == 1
	for k := seg.from + 1; k < seg.to; k++ {
		if timexAt(seg.dates, sc.toks[k].Start) < 0 {
			continue
		}
		switch p := sc.toks[k-1].Key; {
		case p == "until" && k >= 2 && sc.f.lang.HasVerbs[sc.toks[k-2].Key]:
			return true // "Hamas has until Saturday to release the hostages"
		case (p == "by" || p == "until") && demanding:
			return true
		}
	}
	return false
}

// personCount counts the people named in a clause.
func (sc *sentenceCtx) personCount(seg *segment) int {
	n := 0
	for _, a := range sc.actors(seg.from, seg.to) {
		if kind, _ := actorInfo(sc.f.lang, a); kind == doc.ActorPerson {
			n++
		}
	}
	return n
}

// talksWithPerson reports whether "talks with" a person follows the cue.
func (sc *sentenceCtx) talksWithPerson(seg *segment, c cue) bool {
	k := c.i + c.n
	if k >= seg.to || sc.toks[k].Key != "with" {
		return false
	}
	for _, a := range sc.actors(k, seg.to) {
		if kind, _ := actorInfo(sc.f.lang, a); kind == doc.ActorPerson {
			return true
		}
	}
	return false
}

// dateFor picks the date of a clause's event: its own datable expression
// nearest the cue, or else the sentence's only date when the happening is
// one that shares it ("Trump's call came after the envoy met Putin earlier
// in the day"; "Trump said Wednesday his envoy had met Putin"). own says
// whether the date is the clause's own.
func (sc *sentenceCtx) dateFor(seg *segment, c cue, kind string) (models.Timex, bool) {
	best, dist := models.Timex{}, 1<<30
	for _, t := range seg.dates {
		if !datable(t) {
			continue
		}
		d := abs(t.Start - sc.toks[c.i].Start)
		if d < dist {
			best, dist = t, d
		}
	}
	if best.Value != "" {
		return best, true
	}
	if sc.f.lang.KindFacts[kind].OwnDate {
		return models.Timex{}, false
	}
	only, ok := sc.sharedDate(seg)
	if !ok {
		return models.Timex{}, false
	}
	return sc.shiftedByOffset(seg, only), false
}

// unrealized reports whether clause seg tells of a happening that is not
// simply past at the time of the report: one that would, will or could
// happen, or had happened before ("the talks would fail", "the two sides
// had held a useful conversation"). A report's date is not such a
// happening's, while "Russian forces launched drones overnight, the air
// force said on Sunday" keeps the report's day, as wire copy means it.
func (sc *sentenceCtx) unrealized(seg *segment) bool {
	for k := seg.from; k < seg.to; k++ {
		if !sc.masked[k] && sc.f.lang.UnrealizedWords[sc.toks[k].Key] {
			return true
		}
	}
	return false
}

// reportDated returns the statement cue of seg that the date t directly
// follows, with only "on", "that" and the like between ("said on Tuesday").
func (sc *sentenceCtx) reportDated(seg *segment, t models.Timex) (cue, bool) {
	for _, c := range seg.cues {
		if c.kind != models.KindStatement {
			continue
		}
		for k := c.i + c.n; k < seg.to && sc.toks[k].Start <= t.Start; k++ {
			if sc.toks[k].Start == t.Start {
				return c, true
			}
			if !sc.f.lang.ReportTail[sc.toks[k].Key] {
				break
			}
		}
	}
	return cue{}, false
}

// hasDatable reports whether one of txs can date an event (see datable).
func hasDatable(txs []models.Timex) bool { return slices.ContainsFunc(txs, datable) }

// datedByStatement reports whether seg is what a statement in the clause
// next to it reports, and that clause has the date seg would borrow (see
// sharedDate): "Lavrov said on Tuesday | that the talks would fail", "The
// talks failed, | Lavrov said on Tuesday". A clause that places itself
// against the other ("a day after the envoy met Putin") is no report.
func (sc *sentenceCtx) datedByStatement(seg *segment) bool {
	if sc.toks[seg.from].Is(doc.ClsClauseBreak) {
		return false
	}
	si := slices.IndexFunc(sc.segs, func(sg segment) bool { return sg.from == seg.from })
	for _, o := range []int{si - 1, si + 1} {
		if o < 0 || o >= len(sc.segs) {
			continue
		}
		other := &sc.segs[o]
		if hasDatable(other.dates) && len(other.cues) > 0 &&
			!slices.ContainsFunc(other.cues, func(c cue) bool { return c.kind != models.KindStatement }) {
			return true
		}
	}
	return false
}

// sharedDate returns the one date the other clauses of the sentence share.
func (sc *sentenceCtx) sharedDate(seg *segment) (models.Timex, bool) {
	var only models.Timex
	for si := range sc.segs {
		if sc.segs[si].to > seg.from && sc.segs[si].from < seg.to {
			continue
		}
		if k := sc.toks[sc.segs[si].from].Key; sc.f.lang.NoShareWords[k] {
			continue // "trips to Russia since the president took office in January"
		}
		for _, t := range sc.segs[si].dates {
			if !datable(t) {
				continue
			}
			if only.Value != "" && only.Value != t.Value {
				return models.Timex{}, false
			}
			only = t
		}
	}
	return only, only.Value != ""
}

// shiftedByOffset moves a shared day by the distance written before the
// clause: "(Thursday), a day after the envoy met Putin" dates the meeting
// to Wednesday.
func (sc *sentenceCtx) shiftedByOffset(seg *segment, t models.Timex) models.Timex {
	k := seg.from
	if k == 0 || (sc.toks[k].Key != "after" && sc.toks[k].Key != "before") || len(t.Value) != 10 {
		return t
	}
	var dur *models.Timex
	for i := range sc.txs {
		if d := sc.txs[i]; d.Type == "DURATION" && d.End <= sc.toks[k].Start && d.End >= sc.toks[k-1].End-1 {
			dur = &sc.txs[i]
		}
	}
	if dur == nil {
		return t
	}
	days, ok := durationDays(dur.Value)
	day, err := time.Parse("2006-01-02", t.Value)
	if !ok || err != nil {
		return models.Timex{}
	}
	if sc.toks[k].Key == "after" {
		days = -days
	}
	return models.Timex{Text: dur.Text + " " + sc.toks[k].Key, Start: dur.Start, End: sc.toks[k].End, Type: "DATE",
		Value: day.AddDate(0, 0, days).Format("2006-01-02")}
}

// abs returns the absolute value of x.
func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// cameo returns the CAMEO code of an event of kind.
func (sc *sentenceCtx) cameo(seg *segment, c cue, kind string) string {
	switch kind {
	case models.KindMeeting:
		if sc.intent(seg, c) {
			return CameoIntentMeet
		}
		if sc.f.lang.HostCues[sc.toks[c.i].Key] {
			return CameoHost
		}
	case models.KindInForce:
		for i := 0; i < c.i; i++ {
			if sc.f.lang.EventCues[sc.toks[i].Key] == models.KindSanction || sc.f.lang.LevyNouns[sc.toks[i].Key] {
				return CameoImposeSanct // "the 10% duties come into force"
			}
			if sc.f.lang.CeasefireWords[sc.toks[i].Key] {
				return CameoCeasefire // "the ceasefire took effect"
			}
		}
	case models.KindSanction:
		imposed := false
		for i := seg.from; i < seg.to; i++ {
			if sc.f.lang.ThreatSanctionWords[sc.toks[i].Key] {
				return CameoThreatSanct
			}
			imposed = imposed || sc.f.lang.PastSanctionWords[sc.toks[i].Key]
		}
		if imposed {
			return CameoImposeSanct
		}
	}
	return sc.f.lang.KindFacts[kind].Cameo
}

// durationAt returns the DURATION expression holding rune p.
func (sc *sentenceCtx) durationAt(p int) (models.Timex, bool) {
	for _, t := range sc.txs {
		if t.Type == "DURATION" && p >= t.Start && p < t.End {
			return t, true
		}
	}
	return models.Timex{}, false
}

// announces reports whether a statement verb governs the meeting cue
// ("confirmed the summit on Saturday": the date is the confirmation's).
func (sc *sentenceCtx) announces(seg *segment, c cue) bool {
	for k := c.i - 1; k >= seg.from && k >= c.i-3; k-- {
		if kind, _ := cueAt(sc.f.lang, sc.toks, k); kind == models.KindStatement {
			return true
		}
	}
	return false
}

// intent reports whether a meeting cue is an intention ("could meet",
// "plans to sit down with", "a potential summit").
func (sc *sentenceCtx) intent(seg *segment, c cue) bool {
	for k := c.i - 1; k >= seg.from && k >= c.i-3; k-- {
		if sc.toks[k].Key == "to" {
			return true // "agreed to meet", "to hold a summit"
		}
	}
	for k := c.i - 1; k >= seg.from && k >= c.i-3; k-- {
		if kind, _ := cueAt(sc.f.lang, sc.toks, k); kind == models.KindStatement {
			return true // "confirmed the summit", "announced a meeting"
		}
	}
	for k := c.i - 1; k >= seg.from && k >= c.i-5; k-- {
		if sc.f.lang.IntentWords[sc.toks[k].Key] {
			return true
		}
	}
	return false
}

// subjectOfChange returns what takes effect or expires in the clause of
// cue c: the words before its verb ("The 10% duties come into force", "The
// pause expires", "The ceasefire, which took effect"), after an opening
// phrase and without auxiliaries.
func (sc *sentenceCtx) subjectOfChange(c cue) string {
	end := sc.changeVerb(c)
	for end > 0 && sc.f.lang.SubjectAuxiliaries[sc.toks[end-1].Key] {
		end--
	}
	if end > 1 && (sc.toks[end-1].Key == "which" || sc.toks[end-1].Key == "that") && sc.toks[end-2].Key == "," {
		end -= 2 // "The ceasefire, which took effect"
	}
	start := sc.phraseStart(end)
	if start >= end {
		return ""
	}
	return sc.f.src.Slice(sc.toks[start].Start, sc.toks[end-1].End)
}

// changeVerb returns the token of the verb of an in-force or expiry cue c:
// the cue itself ("expires"), or the verb before "effect", "force", "due"
// and "out" ("take effect", "comes into force", "falls due").
func (sc *sentenceCtx) changeVerb(c cue) int {
	k := sc.toks[c.i].Key
	if k != "effect" && k != "force" && k != "due" && k != "out" {
		return c.i
	}
	end := c.i - 1
	if end > 0 && (sc.toks[end].Key == "into" || sc.toks[end].Key == "in") {
		end--
	}
	return end
}

// phraseStart returns where the phrase ending before token end starts:
// back to a mark (a hyphen inside a word does not count) over at most ten
// words, without a leading conjunction or opener ("..., and the waiver").
func (sc *sentenceCtx) phraseStart(end int) int {
	start := end
	for start > 0 && end-start < 10 {
		t := sc.toks[start-1]
		glued := t.Key == "-" && start >= 2 && sc.toks[start-2].End == t.Start && start < len(sc.toks) && t.End == sc.toks[start].Start
		if t.Punct && t.Key != "%" && t.Key != "'s" && !glued {
			break
		}
		start--
	}
	for start < end && (sc.f.lang.ClauseConjunctions[sc.toks[start].Key] || sc.f.lang.Openers[sc.toks[start].Key] && !sc.toks[start].Upper) {
		start++
	}
	return start
}

// threatens reports whether clause seg holds a word that makes sanctions
// only threatened ("expected", "will", "could").
func (sc *sentenceCtx) threatens(seg *segment) bool {
	for i := seg.from; i < seg.to; i++ {
		if sc.f.lang.ThreatSanctionWords[sc.toks[i].Key] {
			return true
		}
	}
	return false
}
