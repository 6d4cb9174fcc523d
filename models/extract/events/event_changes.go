package events

import (
	"sort"
	"strings"
	"time"

	"dateline/models"
	"dateline/models/temporal"
)

// A deadline is set, moved and passes across a story's reports. Each
// deadline, ultimatum or expiry event says what its sentence did to it
// (models.Deadline.Change), on whom it was set (Target), when the change
// was made (On) and, for a count of days, the due date it gives ("gave
// Russia 50 days" on 14 July: due 2 September; "10 or 12 days from today"
// on 28 July: due 7 to 9 August). models/threads joins the reports into
// threads.

// changeOf returns what the sentence does to its deadline: the first
// change (models.DeadlineChanges order) whose words it holds outside
// quotations, else set.
func (sc *sentenceCtx) changeOf(seg *segment) string {
	lg := sc.f.lang
	for _, c := range []struct {
		change string
		words  map[string]bool
	}{{models.DeadlineDropped, lg.DeadlineDropped}, {models.DeadlineSuperseded, lg.DeadlineSuperseded},
		{models.DeadlineMet, lg.DeadlineMet}, {models.DeadlinePassed, lg.DeadlinePassed},
		{models.DeadlineShortened, lg.DeadlineShortened}, {models.DeadlineExtended, lg.DeadlineExtended},
		{models.DeadlineReaffirmed, lg.DeadlineReaffirmed}} {
		for i := seg.from; i < seg.to && !lg.ConditionWords[sc.toks[i].Key]; i++ {
			if t := sc.toks[i]; c.words[t.Key] && !sc.masked[i] && !inTimex(sc.txs, t.Start) {
				return c.change
			}
		}
	}
	return models.DeadlineSet
}

// targetOf returns on whom the sentence's deadline is set: the one given
// the time ("gave Russia 50 days", "has given Hamas until Saturday"), the
// one a deadline is for ("the deadline for Russia to agree"), the one an
// ultimatum goes to ("an ultimatum to Iran"), or the one who has until a
// date ("Hamas has until Saturday"); "" when the sentence does not say.
func (sc *sentenceCtx) targetOf() string {
	for i, t := range sc.toks {
		if sc.masked[i] {
			continue
		}
		var from int
		switch {
		case sc.f.lang.GiveVerbs[t.Key]:
			from = i + 1
		case (t.Key == "for" || t.Key == "to" || t.Key == "on") && i > 0 && (sc.toks[i-1].Key == "deadline" || sc.toks[i-1].Key == "ultimatum"):
			from = i + 1
		case t.Key == "until" && i >= 2 && sc.f.lang.HasVerbs[sc.toks[i-1].Key]:
			if a := sc.actorIn(sc.clauseSubject(i-1), i-1); a != "" {
				return a // "Hamas has until Saturday"
			}
			continue
		default:
			continue
		}
		if a := sc.actorIn(from, min(from+4, len(sc.toks))); a != "" {
			return a
		}
	}
	return ""
}

// actorIn returns the first known actor named in tokens [i, j), else a
// name opening them ("Hamas"), else "".
func (sc *sentenceCtx) actorIn(i, j int) string {
	if i < 0 || i >= j {
		return ""
	}
	if a := sc.knownIn(i, j); a != "" {
		return sc.countryOf(a)
	}
	if i < j && sc.f.lang.Determiners[sc.toks[i].Key] {
		i++
	}
	e := i
	for e < j && sc.toks[e].Upper && !sc.toks[e].Punct && !sc.masked[e] && !sc.f.lang.Determiners[sc.toks[e].Key] && !inTimex(sc.txs, sc.toks[e].Start) {
		e++ // "met the deadline on Sunday": a day is nobody
	}
	if e > i && e < len(sc.toks) && (sc.f.lang.GroupHeads[sc.toks[e].Key] || sc.f.lang.BodyNouns[sc.toks[e].Key]) {
		e++ // "European powers"
	}
	if e > i && !(i == 0 && e == i+1 && sc.f.lang.Openers[sc.toks[i].Key]) {
		return sc.span(i, e)
	}
	return ""
}

// knownIn returns the first known actor the article names in tokens
// [i, j) (its mentions are found once for the whole article), not an
// outlet; "" for none.
func (sc *sentenceCtx) knownIn(i, j int) string {
	ctx := sc.f.ctx
	from, to := sc.toks[i].Start, sc.toks[j-1].End
	k := sort.Search(len(ctx.known), func(k int) bool { return ctx.known[k].Start >= from })
	for ; k < len(ctx.known) && ctx.known[k].Start < to; k++ {
		if ctx.known[k].End > to {
			break
		}
		if a := sc.f.lang.People().Actors[ctx.known[k].Actor].Name; !isMedia(sc.f.lang, a) {
			return a
		}
	}
	return ""
}

// countryOf returns the country a body speaks for when its role names one
// ("the Kremlin", the Russian presidency: Russia), else the name: a
// deadline set on the Kremlin is set on Russia.
func (sc *sentenceCtx) countryOf(name string) string {
	f := sc.f.lang.Facts(name)
	if f.Kind != models.PersonKindOrganisation {
		return name
	}
	if w := strings.Fields(strings.ToLower(f.Role)); len(w) > 1 {
		if c, ok := sc.f.lang.Countries().Adj[w[0]]; ok {
			return c
		}
	}
	return name
}

// groupSetter returns the subject opening the sentence when it is a group
// or a body ("The European powers dropped their ultimatum"), without its
// article; "" otherwise.
func (sc *sentenceCtx) groupSetter() string {
	i := 0
	if i < len(sc.toks) && sc.f.lang.Determiners[sc.toks[i].Key] {
		i++
	}
	for k := i; k < len(sc.toks) && k < i+5; k++ {
		t := sc.toks[k]
		if t.Punct || sc.masked[k] {
			return ""
		}
		if sc.f.lang.GroupHeads[t.Key] || sc.f.lang.BodyNouns[t.Key] {
			return sc.span(i, k+1)
		}
	}
	return ""
}

// changeDate returns when the sentence's change was made, when its text
// says so: a day that is not the due date, on the near side of it ("On 28
// July he cut the deadline to ..."). "" otherwise.
func (sc *sentenceCtx) changeDate(seg *segment, due string) string {
	txs := seg.dates
	if len(sc.txs) > 0 && sc.tokenAfter(sc.txs[0].Start) <= 1 && (len(txs) == 0 || txs[0] != sc.txs[0]) {
		txs = append([]models.Timex{sc.txs[0]}, txs...) // "On 28 July, ...": the sentence's opening date
	}
	if len(txs) == 0 {
		for _, t := range sc.txs {
			if t.End <= sc.toks[seg.from].Start {
				txs = append(txs, t) // "Trump said on Monday he would cut ...": the saying's day
			}
		}
	}
	for _, t := range txs {
		if t.Type != "DATE" || t.Value == due || temporal.Granularity(t.Value) != models.GranDay {
			continue
		}
		if due != "" && t.Value > due {
			continue // a date after the due date is no day the deadline was set on
		}
		return t.Value
	}
	return ""
}

// countedDue returns the due date (and the end of a range) that a count
// of days gives from day on: "gave Russia 50 days", "10 or 12 days from
// today", "a 30-day window"; ok is false when the sentence counts none.
func (sc *sentenceCtx) countedDue(on string) (due, dueEnd string, ok bool) {
	day, err := time.Parse("2006-01-02", on)
	if err != nil {
		return "", "", false
	}
	counts := sc.dayCounts()
	if len(counts) == 0 {
		return "", "", false
	}
	if n := sc.countsAfterTo(); n > 0 && n < len(counts) {
		counts = counts[n:] // "cut the 50-day deadline to 10 or 12 days": the new count
	}
	due = day.AddDate(0, 0, counts[0]).Format("2006-01-02")
	if len(counts) > 1 && counts[1] > counts[0] {
		dueEnd = day.AddDate(0, 0, counts[1]).Format("2006-01-02")
	}
	return due, dueEnd, true
}

// dayCounts returns the counts of days the sentence's durations give as
// time to act, not as a distance ("two days before the Friday deadline").
func (sc *sentenceCtx) dayCounts() []int {
	var counts []int
	for _, t := range sc.txs {
		if t.Type != "DURATION" {
			continue
		}
		if k := sc.tokenAfter(t.End); k >= 0 && k < len(sc.toks) && sc.f.lang.DistanceWords[sc.toks[k].Key] {
			continue
		}
		if sc.extension(t) {
			continue // "extended by two weeks": how far it moved, not time given
		}
		if !sc.timeToAct(t) {
			continue // "within 24 hours of taking office"
		}
		if n, ok := durationDays(t.Value); ok {
			counts = append(counts, n)
		}
	}
	return counts
}

// timeToAct reports whether duration t is time given for a deadline: after
// a give verb ("gave Russia 50 days"), after a deadline word ("cut the
// deadline to 10 or 12 days", "a 30-day window" reads as one), or counted
// from now ("12 days from today").
func (sc *sentenceCtx) timeToAct(t models.Timex) bool {
	s := sc.tokenAfter(t.Start)
	if s < 0 {
		return false
	}
	for k := s - 1; k >= 0 && k >= s-6; k-- {
		key := sc.toks[k].Key
		if sc.f.lang.GiveVerbs[key] || key == "deadline" || key == "ultimatum" || key == "window" {
			return true
		}
	}
	e := sc.tokenAfter(t.End)
	if e >= 0 && e+1 < len(sc.toks) && sc.toks[e].Key == "from" && (sc.toks[e+1].Key == "today" || sc.toks[e+1].Key == "now") {
		return true
	}
	for k := e; k >= 0 && k < len(sc.toks) && k <= e+1; k++ {
		if key := sc.toks[k].Key; key == "deadline" || key == "ultimatum" || key == "window" {
			return true
		}
	}
	return false
}

// countsAfterTo returns how many of the sentence's day counts (dayCounts'
// order) come before the first one "to" opens, 0 when none does.
func (sc *sentenceCtx) countsAfterTo() int {
	n := 0
	for _, t := range sc.txs {
		if t.Type != "DURATION" {
			continue
		}
		if _, ok := durationDays(t.Value); !ok || !sc.timeToAct(t) || sc.extension(t) {
			continue
		}
		if k := sc.tokenAfter(t.Start); k > 0 && sc.toks[k-1].Key == "to" {
			return n
		}
		n++
	}
	return 0
}

// extension reports whether duration t is the length of an extension:
// "by" before it ("extended the deadline by two weeks").
func (sc *sentenceCtx) extension(t models.Timex) bool {
	s := sc.tokenAfter(t.Start)
	return s > 0 && sc.toks[s-1].Key == "by"
}

// extendDays returns the days of an extension given as a length in the
// sentence ("was extended by 90 days"), 0 for none.
func (sc *sentenceCtx) extendDays() int {
	for _, t := range sc.txs {
		if t.Type == "DURATION" && sc.extension(t) {
			if n, ok := durationDays(t.Value); ok {
				return n
			}
		}
	}
	return 0
}

// counted reports whether the sentence gives a deadline as a count of
// days ("gave Russia 50 days", "cut the deadline to 10 or 12 days").
func (sc *sentenceCtx) counted() bool {
	for _, t := range sc.txs {
		if t.Type == "DURATION" {
			return len(sc.dayCounts()) > 0 && sc.countsDown()
		}
	}
	return false
}

// countsDown reports whether the sentence gives time to act: a give verb
// ("gave Russia 50 days"), "from today/now", or a deadline word before a
// count ("cut the deadline to 10 or 12 days").
func (sc *sentenceCtx) countsDown() bool {
	for i, t := range sc.toks {
		if sc.masked[i] {
			continue
		}
		if sc.f.lang.GiveVerbs[t.Key] || t.Key == "deadline" || t.Key == "ultimatum" || t.Key == "window" {
			return true
		}
	}
	return false
}

// deadlineChange fills in what the draft's report does to its deadline:
// change, target, when and, for a count of days, the due date.
func (sc *sentenceCtx) deadlineChange(d *eventDraft, ref string) {
	dl := d.ev.Deadline
	dl.Change = sc.changeOf(d.seg)
	if dl.Target == "" {
		dl.Target = sc.targetOf()
	}
	if dl.SetBy == "" || dl.SetBy == dl.Target {
		dl.SetBy = sc.groupSetter()
	}
	on := sc.changeDate(d.seg, dl.Date)
	if sc.counted() {
		// "On 14 July Trump gave Russia 50 days": the day is when it was
		// set, and the count of days gives the due date
		if on == "" && temporal.Granularity(dl.Date) == models.GranDay {
			on = dl.Date
		}
		base := on
		if base == "" {
			base = ref
		}
		if due, end, ok := sc.countedDue(base); ok {
			dl.Date, dl.DueEnd = due, end
			d.ev.Date, d.ev.Granularity = due, models.GranDay
			d.fired("due from a count of days")
		}
	}
	if dl.Change == models.DeadlineExtended && dl.Date == ref && !d.own {
		dl.ExtendDays = sc.extendDays()
	}
	if dl.Target != "" && dl.SetBy == dl.Target {
		dl.SetBy = "" // "their ultimatum to Iran": Iran is who it is on
	}
	if dl.Date == on {
		on = ""
	}
	dl.On = on
}

// givesTime reports whether a clause that gives someone a count of days to act a
// deadline ("Trump gave Russia 50 days to reach a ceasefire or face
// tariffs"): a give verb, a duration after it, "to" after the duration.
func (sc *sentenceCtx) givesTime(seg *segment) bool {
	if !hasDuration(seg.dates) {
		return false
	}
	for k := seg.from; k < seg.to; k++ {
		if !sc.f.lang.GiveVerbs[sc.toks[k].Key] || sc.masked[k] {
			continue
		}
		for j := k + 1; j < seg.to && j <= k+5; j++ {
			if x := timexAt(seg.dates, sc.toks[j].Start); x >= 0 && seg.dates[x].Type == "DURATION" {
				e := sc.tokenAfter(seg.dates[x].End)
				return e >= 0 && e < len(sc.toks) && sc.toks[e].Key == "to"
			}
		}
	}
	return false
}

// hasDuration reports whether txs hold a duration.
func hasDuration(txs []models.Timex) bool {
	for _, t := range txs {
		if t.Type == "DURATION" {
			return true
		}
	}
	return false
}
