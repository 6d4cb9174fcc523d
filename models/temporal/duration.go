package temporal

import (
	"strconv"
	"time"
)

// number reads a count at token i: digits ("48"), number words ("two",
// "twenty-four", "a", "an") or vague counts ("several", "a few", "some").
// It returns the value (-1 for vague), the token after it, and ok.
func (g *tagger) number(i int) (int, int, bool) {
	t := g.tok(i)
	if t == nil {
		return 0, i, false
	}
	if t.kind == kNum {
		if g.punct(i+1, ",") && g.glued(i+1) || g.punct(i+1, ".") && g.glued(i+1) && g.tok(i+2) != nil && g.tok(i+2).kind == kNum {
			return 0, i, false // 1,000 or 2.5: not a count of units we normalise
		}
		return t.num, i + 1, true
	}
	if t.kind != kWord || t.lw == nil {
		return 0, i, false
	}
	switch t.lw.w {
	case "several", "few", "many", "some":
		return -1, i + 1, true
	case "a", "an":
		if g.is(i+1, "few", "couple") {
			k := i + 2
			if g.is(k, "of") {
				k++
			}
			if g.is(i+1, "couple") {
				return 2, k, true
			}
			return -1, k, true
		}
		if g.is(i+1, "dozen") {
			return 12, i + 2, true
		}
	case "dozens", "hundreds":
		if g.is(i+1, "of") {
			return -1, i + 2, true
		}
	}
	n := t.lw.num
	if n < 0 {
		return 0, i, false
	}
	if n >= 20 && n%10 == 0 && g.punct(i+1, "-") && g.glued(i+1) {
		if u := g.tok(i + 2); u != nil && u.lw != nil && u.lw.num > 0 && u.lw.num < 10 && g.glued(i+2) {
			return n + u.lw.num, i + 3, true
		}
	}
	return n, i + 1, true
}

// duration matches counted periods: "two days", "48 hours", "a decade",
// "the past three years", "the next few months", "almost seven years",
// "four-week", "several days", "years" (after "for"), and the dated forms
// "two years ago", "a year earlier", "in two days' time".
func (g *tagger) duration(i int) (cand, bool) {
	if g.is(i, "recent", "past", "coming", "next", "last") && g.unitAt(i+1) && g.toks[i+1].lw.plural {
		// "recent weeks", "the coming days": an unspecified stretch.
		return cand{j: i + 2, typ: TypeDuration, val: durationValue(0, g.toks[i+1].lw.unit, true)}, true
	}
	k, det := g.durationDeterminer(i)
	n, k2, ok := g.number(k)
	if !ok {
		return g.bareUnits(i, k, det)
	}
	if g.punct(k2, "-") && g.glued(k2) && n > 0 && g.unitAt(k2+1) && !g.toks[k2+1].lw.plural && g.glued(k2+1) {
		if det != "" {
			return cand{}, false // "the three-hour meeting": the count starts the expression
		}
		if g.punct(k2+2, "-") && g.is(k2+3, "old") {
			return cand{}, false // an age: "a 6-year-old boy"
		}
		u := g.toks[k2+1].lw.unit
		return cand{j: k2 + 2, typ: TypeDuration, val: durationValue(n, u, false)}, true
	}
	half := false
	if h, ok := g.halfBefore(k2); ok {
		k2, half = h, true // "three and a half years", "2 1/2 years"
	} else if countAdjectives[g.lower(k2)] && g.unitAt(k2+1) {
		k2++ // "eleven straight days"
	}
	if !g.unitAt(k2) {
		return g.conjoined(k, k2, n)
	}
	u, j := g.toks[k2].lw.unit, k2+1
	if h, ok := g.halfAfterUnit(j); ok && !half {
		j, half = h, true // "a year and a half"
	}
	if g.is(j, "old") || g.punct(j, "-") && g.is(j+1, "old") {
		return cand{}, false // an age: "52 years old"
	}
	if t := g.tok(j); g.is(k2, "second") && t != nil && t.kind == kWord &&
		!g.is(j, "ago", "later", "earlier", "before", "after", "or", "and", "of", "to", "in", "from", "longer") {
		return cand{}, false // the ordinal: "a second day of talks", "a second term"
	}
	if n == 1 && g.toks[k2].lw.plural && g.toks[k].kind != kNum {
		return cand{}, false
	}
	if n > 1 && !g.toks[k2].lw.plural && !g.is(k2, "min", "hrs") && !g.adjectival(j) {
		return cand{}, false
	}
	if n == 0 {
		return cand{}, false
	}
	if det == "" || det == "almost" {
		if c, ok := g.dated(i, j, n, u); ok {
			return c, true
		}
	}
	if g.punct(j, "'") || g.punct(j, "’") {
		if g.glued(j) && g.is(j-1, "years", "days", "weeks", "months", "hours") {
			j++
		}
	}
	c := cand{j: j, typ: TypeDuration, val: durationValue(n, u, n < 0), mod: durationMods[g.lower(i)]}
	if half && n >= 0 {
		c.val = halfDuration(n, u)
	}
	return c, true
}

// adjectival reports whether token j is a noun a count with a singular
// unit modifies ("a five year low", "the two day rally").
func (g *tagger) adjectival(j int) bool {
	t := g.tok(j)
	return t != nil && t.kind == kWord && !t.cap && t.lw == nil && !t.past && !g.is(j, "old", "ago", "and", "or", "of", "to", "in")
}

// conjoined matches the first count of "between 12 and 18 months" and "two
// or three days", which takes the unit of the second.
func (g *tagger) conjoined(k, k2, n int) (cand, bool) {
	if n <= 0 || !g.is(k2, "and", "or", "to") && !g.punct(k2, "-") {
		return cand{}, false
	}
	m, k3, ok := g.number(k2 + 1)
	if !ok || m <= n || !g.unitAt(k3) || !g.toks[k3].lw.plural {
		return cand{}, false
	}
	return cand{j: k2, typ: TypeDuration, val: durationValue(n, g.toks[k3].lw.unit, false)}, true
}

// durationDeterminer skips what may precede a count: "the past", "the
// first", "almost", "a mere". det is the determiner ("past", "the"), "" if none.
func (g *tagger) durationDeterminer(i int) (int, string) {
	switch {
	case g.is(i, "the") && g.is(i+1, "past", "last", "next", "coming", "previous", "following", "first", "final", "latest"):
		return i + 2, g.lower(i + 1)
	case g.is(i, "the"):
		return i + 1, "the"
	case g.is(i, "almost", "nearly"):
		return i + 1, ""
	case g.is(i, "a") && g.is(i+1, "mere"):
		return i + 2, ""
	}
	return i, ""
}

// dated turns "two years ago", "a year earlier", "three days later" and
// "in two days' time" into dates at the precision of the unit.
func (g *tagger) dated(i, j, n, u int) (cand, bool) {
	sign := 0
	switch {
	case g.is(j, "ago"):
		sign = -1
	case g.is(j, "earlier", "before") && !g.is(j+1, "than") && (g.endsPhrase(j+1) || g.is(j, "earlier")):
		sign = -1
	case g.is(j, "later", "after") && !g.is(j+1, "than") && (g.endsPhrase(j+1) || g.is(j, "later")):
		sign = 1
	case g.is(i-1, "in") && (g.punct(j, "'") || g.punct(j, "’")) && g.is(j+1, "time"):
		// Counted from the day the story is about, which may be the day
		// before publication in a story filed overnight.
		c := g.point(j+2, shift(g.lastDay, u, n), max(u, uDay))
		return c, true
	case g.is(j, "from") && g.is(j+1, "now"):
		return cand{}, false
	default:
		return cand{}, false
	}
	if n < 0 {
		v := "PAST_REF"
		if sign > 0 {
			v = "FUTURE_REF"
		}
		return cand{j: j + 1, typ: TypeDate, val: v}, true
	}
	if c, ok := g.yearBeforeQuarter(i, j+1, u, n, sign); ok {
		return c, true // "net of $5 million a year ago", after the third quarter: that quarter a year before
	}
	if a, ok := g.recent(); ok && !g.is(j, "ago") && g.anchored {
		// "The envoy arrived on 4 August. Two days later ...": counted from
		// the date just told, at its precision
		c := g.point(j+1, shift(a.t, u, sign*n), a.unit)
		_, c.narr = g.narrating()
		return c, true
	}
	if u == uYear && n == 1 && sign < 0 && g.anchored && g.quarterTalk(i) {
		// "net income of $5 million a year earlier" in an earnings report:
		// the same quarter a year before.
		return cand{j: j + 1, typ: TypeDate, val: unitValue(addMonths(g.ref, -15), uQuarter)}, true
	}
	return g.shifted(j+1, n, u, sign), true
}

// quarterTalk reports whether the 40 tokens before i speak of a quarter.
func (g *tagger) quarterTalk(i int) bool {
	for k := i - 1; k >= 0 && k >= i-40; k-- {
		if g.is(k, "quarter") {
			return true
		}
	}
	return false
}

// endsPhrase reports whether token i does not continue a noun phrase, so
// that "a year earlier," is dated but "two days before the vote" is not.
func (g *tagger) endsPhrase(i int) bool {
	t := g.tok(i)
	if t == nil || t.kind == kPunct {
		return true
	}
	return t.lw != nil && (t.lw.past || t.lw.future) || g.is(i, "and", "but", "when", "in", "to", "at", "on", "as", "that", "with", "for")
}

// shifted makes the date n units of u away from the reference time.
func (g *tagger) shifted(j, n, u, sign int) cand {
	pu := u
	if u < uDay {
		pu = uDay
	}
	if u == uWeekend {
		pu = uWeek
	}
	return g.point(j, shift(g.ref, u, sign*n), pu)
}

// bareUnits matches unit nouns without a count: "years", "for weeks",
// "the nine months" handled by number; here "days before", "for years",
// "minutes later" and "the past year" style determiners.
func (g *tagger) bareUnits(i, k int, det string) (cand, bool) {
	t := g.tok(k)
	if t == nil || t.lw == nil || t.lw.unit == uNone || !t.lw.plural || k != i {
		return cand{}, false
	}
	if !g.is(i-1, "for", "take", "takes", "took", "taking", "within", "over", "last", "lasted", "spent") &&
		!g.is(k+1, "before", "after", "later", "earlier", "ago", "into") {
		return cand{}, false
	}
	if g.is(k+1, "ago") {
		return cand{j: k + 2, typ: TypeDate, val: "PAST_REF"}, true
	}
	return cand{j: k + 1, typ: TypeDuration, val: durationValue(0, t.lw.unit, true)}, true
}

// clockAt reads a clock time at token i: "14:00", "2 p.m.", "2:30pm", "noon",
// "midnight", with an optional time zone word after it.
func (g *tagger) clockAt(i int) (int, int, int, bool) {
	if g.is(i, "noon", "midday") {
		return 12, 0, i + 1, true
	}
	if g.is(i, "midnight") {
		return 0, 0, i + 1, true
	}
	t := g.tok(i)
	if t == nil || t.kind != kNum || len(t.raw) > 2 {
		return 0, 0, i, false
	}
	h, mi, j, colon := t.num, 0, i+1, false
	if (g.punct(j, ":") || g.punct(j, ".")) && g.glued(j) {
		m := g.tok(j + 1)
		if m != nil && m.kind == kNum && len(m.raw) == 2 && m.num < 60 && g.glued(j+1) {
			mi, j, colon = m.num, j+2, true
		}
	}
	switch {
	case g.is(j, "am", "pm"):
		h, j = ampm(h, g.is(j, "pm")), j+1
	case g.is(j, "a", "p") && g.punct(j+1, ".") && g.is(j+2, "m") && g.glued(j+2):
		h, j = ampm(h, g.is(j, "p")), j+3
		if n := g.tok(j + 1); g.punct(j, ".") && g.glued(j) && (n == nil || !n.cap || n.lw != nil && n.lw.wday != 0) {
			j++
		}
	case colon && g.punct(j-2, ":") && h <= 24:
	default:
		return 0, 0, i, false
	}
	if h > 24 {
		return 0, 0, i, false
	}
	if g.is(j, "gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst", "pdt", "msk", "et", "pt", "local") && g.tok(j).cap {
		j++
		if g.is(j-1, "local") && g.is(j, "time") {
			j++
		}
	}
	return h, mi, j, true
}

// ampm converts a 12-hour clock hour to 24 hours.
func ampm(h int, pm bool) int {
	if pm && h < 12 {
		return h + 12
	}
	if !pm && h == 12 {
		return 0
	}
	return h
}

// clock matches a clock time on its own ("at 8 p.m."), on the reference day,
// optionally followed by a weekday or "today"/"tomorrow" ("15:00 GMT
// Saturday"). Durations written like times ("3:07:35") are DURATIONs.
func (g *tagger) clock(i int) (cand, bool) {
	if c, ok := g.stopwatch(i); ok {
		return c, true
	}
	h, mi, j, ok := g.clockAt(i)
	if !ok {
		return cand{}, false
	}
	hm := "T" + pad(h, 2) + ":" + pad(mi, 2)
	k := j
	if g.is(k, "on") {
		k++
	}
	if c, ok := g.weekdayFrom(i, k); ok && len(c.val) >= 10 {
		return cand{j: c.j, typ: TypeTime, val: c.val[:10] + hm, day: c.day}, true
	}
	if c, ok := g.deictic(k); ok && len(c.val) >= 10 {
		return cand{j: c.j, typ: TypeTime, val: c.val[:10] + hm, day: c.day}, true
	}
	if !g.anchored {
		return cand{j: j, typ: TypeTime, val: "XXXX-XX-XX" + hm}, true
	}
	day := g.ref
	if a, ok := g.recent(); ok && a.unit == uDay && a.para == g.para {
		day = a.t // "The envoy landed on 4 August. The talks began at 10:00."
	} else if g.ref.Sub(g.lastDay) <= 7*24*time.Hour {
		day = g.lastDay // the day the story is about, in its last week, not 1921's
	}
	if g.is(i-1, "at", "by", "before", "after") && g.prevEnd == i-1 && !g.prevDay.IsZero() {
		day = g.prevDay // "Saturday at noon": the day just named
	}
	return cand{j: j, typ: TypeTime, val: dayValue(day) + hm}, true
}

// stopwatch matches race and running times "3:07:35" as durations.
func (g *tagger) stopwatch(i int) (cand, bool) {
	var p [3]int
	k := i
	for n := 0; n < 3; n++ {
		t := g.tok(k)
		if t == nil || t.kind != kNum || n > 0 && (len(t.raw) != 2 || t.num >= 60 || !g.glued(k)) {
			return cand{}, false
		}
		p[n] = t.num
		k++
		if n < 2 {
			if !g.punct(k, ":") || !g.glued(k) {
				return cand{}, false
			}
			k++
		}
	}
	v := "PT" + strconv.Itoa(p[0]) + "H" + strconv.Itoa(p[1]) + "M" + strconv.Itoa(p[2]) + "S"
	return cand{j: k, typ: TypeDuration, val: v}, true
}

// set matches recurring times: "daily", "every week", "each Monday", "every
// morning", "twice a year", "$5 billion a year".
func (g *tagger) set(i int) (cand, bool) {
	switch {
	case g.is(i, "daily", "nightly"):
		return cand{j: i + 1, typ: TypeSet, val: "P1D"}, true
	case g.is(i, "weekly"):
		return cand{j: i + 1, typ: TypeSet, val: "P1W"}, true
	case g.is(i, "monthly"):
		return cand{j: i + 1, typ: TypeSet, val: "P1M"}, true
	case g.is(i, "annually", "yearly"):
		return cand{j: i + 1, typ: TypeSet, val: "P1Y"}, true
	case g.is(i, "hourly"):
		return cand{j: i + 1, typ: TypeSet, val: "PT1H"}, true
	case g.is(i, "every", "each"):
		return g.every(i + 1)
	case g.is(i, "a", "per") && g.unitAt(i+1) && !g.toks[i+1].lw.plural && g.perAmount(i-1):
		return cand{j: i + 2, typ: TypeSet, val: durationValue(1, g.toks[i+1].lw.unit, false)}, true
	}
	return cand{}, false
}

// perAmount reports whether token i ends an amount or a frequency ("$5
// billion", "twice", "10 percent") so that "a year" after it is a rate.
func (g *tagger) perAmount(i int) bool {
	t := g.tok(i)
	if t == nil {
		return false
	}
	return t.kind == kNum || t.kind == kPunct && t.raw == "%" ||
		g.is(i, "once", "twice", "million", "billion", "trillion", "percent", "times", "dollars", "euros")
}

// every matches what follows "every"/"each".
func (g *tagger) every(k int) (cand, bool) {
	t := g.tok(k)
	if t == nil || t.kind == kPunct {
		return cand{}, false
	}
	if t.lw != nil && t.lw.wday != 0 && t.cap {
		return cand{j: k + 1, typ: TypeSet, val: "XXXX-WXX-" + strconv.Itoa(t.lw.wday)}, true
	}
	if t.lw != nil && t.lw.part != "" {
		return cand{j: k + 1, typ: TypeSet, val: "XXXX-XX-XXT" + t.lw.part}, true
	}
	if t.lw != nil && t.lw.unit != uNone && !t.lw.plural {
		return cand{j: k + 1, typ: TypeSet, val: durationValue(1, t.lw.unit, false)}, true
	}
	if n, j, ok := g.number(k); ok && n > 1 && g.unitAt(j) && g.toks[j].lw.plural {
		return cand{j: j + 1, typ: TypeSet, val: durationValue(n, g.toks[j].lw.unit, false)}, true
	}
	return cand{}, false
}
