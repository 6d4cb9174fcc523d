package temporal

import (
	"strconv"
	"time"
)

// relative matches "this week", "last month", "next year", "last Friday",
// "next April", "last summer", "the weekend", "the past week", "this
// morning", "last night", "the third quarter", "the first half of 2025".
func (g *tagger) relative(i int) (cand, bool) {
	k, mod := i, ""
	switch {
	case g.is(k, "this", "last", "next", "past", "coming", "previous", "current", "upcoming", "that"):
		mod = g.lower(k)
		k++
	case g.is(k, "the") && g.is(k+1, "past", "last", "next", "coming", "previous", "current", "following", "same", "upcoming", "preceding"):
		mod = "the " + g.lower(k+1)
		k += 2
	case g.is(k, "the"):
		mod = "the"
		k++
	default:
		return cand{}, false
	}
	if mod == "that" || mod == "the same" {
		if t := g.tok(k); t != nil && t.lw != nil && t.lw.unit != uNone && !t.lw.plural {
			if c, ok := g.fromLast(k+1, t.lw.unit, 0); ok {
				return c, true // "that year", "the same month"
			}
		}
	}
	if mod == "the" || mod == "that" || mod == "the same" {
		if c, ok := g.theUnit(i, k); ok {
			return c, true
		}
		return cand{}, false
	}
	t := g.tok(k)
	if t == nil || t.kind != kWord || t.lw == nil {
		return g.ordinalPeriod(i, k)
	}
	w := t.lw
	switch {
	case w.unit != uNone && !w.plural:
		if n, ok := anaphoricMods[mod]; ok {
			if c, ok := g.fromLast(k+1, w.unit, n); ok {
				return c, true // "the following month", "the previous year": from the date just told
			}
		}
		return g.relUnit(mod, k, w.unit)
	case w.wday != 0 && t.cap:
		return g.relWeekday(mod, k, w.wday)
	case w.month != 0 && t.cap:
		if c, ok := g.monthFirst(k); ok && len(c.val) >= 10 {
			return g.pastDay(mod, c), true // "last Oct. 23": the date says it
		}
		return g.relMonth(mod, k, w.month)
	case w.season != "":
		return g.relSeason(mod, k, w.season)
	case w.part != "" && (mod == "this" || mod == "last"):
		day := g.ref
		if mod == "last" {
			day = day.AddDate(0, 0, -1)
		}
		c := g.point(k+1, day, uDay)
		c.typ, c.val = TypeTime, c.val+"T"+w.part
		return c, true
	case w.w == "fiscal" && g.is(k+1, "year"):
		return g.relUnit(mod, k+1, uYear)
	}
	return g.ordinalPeriod(i, k)
}

// anaphoricMods count a unit from the last date named, not from now: "the
// following year", "the previous month", "the same week", "that year".
var anaphoricMods = map[string]int{"the following": 1, "the previous": -1, "the same": 0, "that": 0, "the preceding": -1}

// relUnit resolves "this/last/next/the past/the coming <unit>".
func (g *tagger) relUnit(mod string, k, u int) (cand, bool) {
	n := 0
	switch mod {
	case "last", "past", "previous", "the past", "the last", "the previous":
		n = -1
	case "next", "coming", "the next", "the coming", "the following", "upcoming", "the upcoming":
		n = 1
	}
	if u == uDay || u == uHour || u == uMinute || u == uSecond {
		if n == 0 {
			return cand{}, false
		}
		// "the past day", "the next hour": a duration.
		return cand{j: k + 1, typ: TypeDuration, val: durationValue(1, u, false)}, true
	}
	if u == uWeekend {
		return g.weekend(k+1, n), true
	}
	if (u == uDecade || u == uCentury) && n > 0 && mod != "next" {
		// "the next decade", "the coming century": a stretch of time ahead.
		return cand{j: k + 1, typ: TypeDuration, val: durationValue(1, u, false)}, true
	}
	if u == uQuarter && n == 0 && !g.anchored {
		return cand{j: k + 1, typ: TypeDate, val: "XXXX-QX"}, true
	}
	c := g.point(k+1, shift(g.ref, u, n), u)
	if u == uYear && g.is(k+1, "'", "’") && g.is(k+2, "s") {
		c.j += 2
	}
	return c, true
}

// weekend resolves "the weekend" (n 0, by tense), "last weekend" (-1) and
// "next weekend" (1) to an ISO week's weekend.
func (g *tagger) weekend(j, n int) cand {
	if !g.anchored {
		return cand{j: j, typ: TypeDate, val: "XXXX-WXX-WE"}
	}
	wd := isoWeekday(g.ref)
	base := g.ref.AddDate(0, 0, -(wd - 1)) // Monday of this week
	switch {
	case n < 0 && wd < 6, n == 0 && wd < 6 && g.direction(j-1, j) != dirFuture:
		base = base.AddDate(0, 0, -7)
	case n > 0:
		base = base.AddDate(0, 0, 7)
	}
	return cand{j: j, typ: TypeDate, val: weekValue(base) + "-WE"}
}

// relWeekday resolves "last Friday" (strictly before the reference day),
// "next Friday" (strictly after) and "this Friday" (by tense).
func (g *tagger) relWeekday(mod string, k, wd int) (cand, bool) {
	if !g.anchored {
		return g.withPart(cand{j: k + 1, typ: TypeDate, val: "XXXX-WXX-" + strconv.Itoa(wd)}), true
	}
	var day time.Time
	switch mod {
	case "last", "past", "previous":
		day = weekdayNear(g.ref.AddDate(0, 0, -1), wd, dirPast)
	case "next", "coming", "upcoming":
		day = weekdayNear(g.ref.AddDate(0, 0, 1), wd, dirFuture)
	case "this":
		day = weekdayNear(g.ref, wd, g.direction(k-1, k+1))
	default:
		return cand{}, false
	}
	return g.withPart(g.point(k+1, day, uDay)), true
}

// withPart extends a day expression with a following part of the day
// ("Friday afternoon", "Sunday night") into a TIME.
func (g *tagger) withPart(c cand) cand {
	if p := g.partOfDay(c.j); p != "" {
		c.j++
		c.typ, c.val = TypeTime, c.val+"T"+p
	}
	return c
}

// pastDay moves a dated "last Oct. 23" that lies ahead of the reference
// time back one year.
func (g *tagger) pastDay(mod string, c cand) cand {
	if mod != "last" || !g.anchored || c.day.IsZero() || !c.day.After(g.ref) {
		return c
	}
	d := c.day.AddDate(-1, 0, 0)
	c.day, c.val = d, dayValue(d)+c.val[10:]
	return c
}

// relMonth resolves "last June" (the latest June before this month), "next
// April" (the first after) and "this May" (this year).
func (g *tagger) relMonth(mod string, k, m int) (cand, bool) {
	if !g.anchored {
		return cand{j: k + 1, typ: TypeDate, val: "XXXX-" + pad(m, 2)}, true
	}
	y, rm := g.ref.Year(), int(g.ref.Month())
	switch mod {
	case "last", "past", "previous":
		if m >= rm {
			y--
		}
	case "next", "coming", "upcoming":
		if m <= rm {
			y++
		}
	case "this":
	default:
		return cand{}, false
	}
	return cand{j: k + 1, typ: TypeDate, val: pad(y, 4) + "-" + pad(m, 2)}, true
}

// relSeason resolves "last summer", "this winter", "next spring".
func (g *tagger) relSeason(mod string, k int, s string) (cand, bool) {
	if !g.anchored {
		return cand{j: k + 1, typ: TypeDate, val: "XXXX-" + s}, true
	}
	y, rm := g.ref.Year(), int(g.ref.Month())
	start := seasonStart[s]
	switch mod {
	case "last", "past", "previous":
		if start+2 >= rm {
			y--
		}
	case "next", "coming", "upcoming":
		if start <= rm {
			y++
		}
	case "this":
	default:
		return cand{}, false
	}
	return cand{j: k + 1, typ: TypeDate, val: pad(y, 4) + "-" + s}, true
}

// theUnit matches "the weekend", "the week", "the year" readings that TimeML
// annotates: "the weekend" and "that week"/"that year" are left alone except
// the weekend, which news uses for the nearest one.
func (g *tagger) theUnit(i, k int) (cand, bool) {
	if g.is(k, "weekend") && g.is(i, "the") {
		return g.weekend(k+1, 0), true
	}
	if t := g.tok(k); g.is(i, "the") && t != nil && t.lw != nil && t.lw.season != "" && g.anchored && !g.is(k+1, "of") {
		// "met in the spring", "due in the autumn": this year's, or the
		// one the tense points to when this year's is not yet or no longer
		y, rm, start := g.ref.Year(), int(g.ref.Month()), seasonStart[t.lw.season]
		if ny, ok := g.narrMonth(start, 0, i, k+1); ok {
			return cand{j: k + 1, typ: TypeDate, val: pad(ny, 4) + "-" + t.lw.season, narr: true}, true
		}
		switch g.direction(i, k+1) {
		case dirPast:
			if start > rm {
				y--
			}
		case dirFuture:
			if start+2 < rm {
				y++
			}
		}
		return cand{j: k + 1, typ: TypeDate, val: pad(y, 4) + "-" + t.lw.season}, true
	}
	if g.is(i, "the") {
		if c, ok := g.reportedQuarter(k); ok {
			return c, true
		}
	}
	return g.ordinalPeriod(i, k)
}

// reportedQuarter matches "the quarter", "the latest quarter", "the
// year-ago quarter" of earnings reports: the last completed quarter (a
// year earlier for year-ago).
func (g *tagger) reportedQuarter(k int) (cand, bool) {
	back := 0
	switch {
	case g.is(k, "latest", "recent") && g.is(k+1, "quarter"):
		k++
	case g.is(k, "most") && g.is(k+1, "recent") && g.is(k+2, "quarter"):
		k += 2
	case g.is(k, "year") && g.punct(k+1, "-") && g.is(k+2, "ago", "earlier") && g.is(k+3, "quarter"):
		k, back = k+3, 4
	}
	if !g.is(k, "quarter") || g.is(k+1, "of", "century") {
		return cand{}, false
	}
	if !g.anchored {
		return cand{j: k + 1, typ: TypeDate, val: "XXXX-QX"}, true
	}
	t := addMonths(g.ref, -3*(back+1))
	return cand{j: k + 1, typ: TypeDate, val: unitValue(t, uQuarter)}, true
}

// thanksgiving resolves Thanksgiving (the fourth Thursday of November) in
// the year the tense points to.
func (g *tagger) thanksgiving(i, j int) cand {
	if !g.anchored {
		return cand{j: j, typ: TypeDate, val: "XXXX-11-XX"}
	}
	day := func(y int) time.Time {
		first := time.Date(y, 11, 1, 0, 0, 0, 0, time.UTC)
		return first.AddDate(0, 0, (4-isoWeekday(first)+7)%7+21)
	}
	y := g.ref.Year()
	if d := day(y); d.After(g.ref) && g.direction(i, j) == dirPast || g.is(i-1, "last") {
		y--
	}
	return g.point(j, day(y), uDay)
}

// bareOrdinal matches "third-quarter" and "fiscal first quarter" without a determiner.
func (g *tagger) bareOrdinal(i int) (cand, bool) {
	k := i
	if g.is(k, "fiscal") {
		k++
	}
	return g.ordinalPeriod(i, k)
}

// ordinalPeriod matches "the third quarter", "third-quarter", "the first
// half of 2025", "the second quarter of last year".
func (g *tagger) ordinalPeriod(i, k int) (cand, bool) {
	t := g.tok(k)
	if t == nil || t.lw == nil || t.lw.ord == 0 || t.lw.ord > 4 {
		return cand{}, false
	}
	n := t.lw.ord
	k++
	if g.punct(k, "-") && g.glued(k) {
		k++
	}
	var u string
	switch {
	case g.is(k, "quarter"):
		u = "Q"
	case g.is(k, "half") && n <= 2:
		u = "H"
	default:
		return cand{}, false
	}
	k++
	y := g.ref.Year()
	if g.is(k, "of") {
		c, ok := g.numeric(k + 1)
		if !ok || len(c.val) != 4 {
			c, ok = g.relative(k + 1)
		}
		if ok && len(c.val) == 4 && c.val[0] != 'X' {
			y, _ = strconv.Atoi(c.val)
			k = c.j
		} else if !g.anchored {
			return cand{j: k, typ: TypeDate, val: "XXXX-" + u + strconv.Itoa(n)}, true
		}
	} else if !g.anchored {
		return cand{j: k, typ: TypeDate, val: "XXXX-" + u + strconv.Itoa(n)}, true
	} else if u == "Q" && n > quarterOf(int(g.ref.Month())) && g.direction(i, k) != dirFuture {
		y--
	}
	return cand{j: k, typ: TypeDate, val: pad(y, 4) + "-" + u + strconv.Itoa(n)}, true
}

// weekday matches a weekday name, with a part of the day and a clock time
// glued to it ("Friday afternoon", "Saturday 15:00 GMT"), resolved by tense.
func (g *tagger) weekday(i int) (cand, bool) {
	return g.weekdayFrom(i, i)
}

// weekdayFrom matches a weekday at token i whose expression starts at token
// from ("15:00 GMT Saturday"), so tense cues are read around the whole.
func (g *tagger) weekdayFrom(from, i int) (cand, bool) {
	t := g.tok(i)
	if t == nil || t.lw == nil || t.lw.wday == 0 || !t.cap {
		return cand{}, false
	}
	j := i + 1
	if len(t.raw) <= 4 && !g.punct(j, ".") {
		return cand{}, false // "Sun", "Wed" only as abbreviations
	}
	if len(t.raw) <= 4 && g.punct(j, ".") {
		j++
	}
	if !g.anchored {
		return g.withPart(cand{j: j, typ: TypeDate, val: "XXXX-WXX-" + strconv.Itoa(t.lw.wday)}), true
	}
	// A calendar date after the weekday ("Wednesday, August 6") says more.
	k := j
	if g.punct(k, ",") {
		k++
	}
	if c, ok := g.monthFirst(k); ok {
		return c, true
	}
	if c, ok := g.dayFirst(k); ok {
		return c, true
	}
	day := weekdayNear(g.ref, t.lw.wday, g.direction(from, j))
	return g.withPart(g.point(j, day, uDay)), true
}

// holiday matches a few fixed holidays: "Christmas", "New Year's Day".
func (g *tagger) holiday(i int) (cand, bool) {
	var m, d, j int
	switch {
	case g.is(i, "christmas") && g.is(i+1, "eve"):
		m, d, j = 12, 24, i+2
	case g.is(i, "christmas") && g.is(i+1, "day"):
		m, d, j = 12, 25, i+2
	case g.is(i, "christmas"):
		m, d, j = 12, 25, i+1
	case g.is(i, "thanksgiving"):
		j = i + 1
		if g.is(j, "day") {
			j++
		}
		return g.thanksgiving(i, j), true
	case g.is(i, "new") && g.is(i+1, "year") && g.punct(i+2, "'") && g.is(i+3, "s") && g.is(i+4, "day", "eve"):
		m, d, j = 1, 1, i+5
		if g.is(i+4, "eve") {
			m, d = 12, 31
		}
	default:
		return cand{}, false
	}
	if !g.anchored {
		return cand{j: j, typ: TypeDate, val: "XXXX-" + pad(m, 2) + "-" + pad(d, 2)}, true
	}
	y := dayYear(g.ref, m, d, g.direction(i, j))
	return g.point(j, time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), uDay), true
}
