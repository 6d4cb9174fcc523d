package temporal

import (
	"time"
)

// monthAt returns the month named by token i and the token after the name
// (after the period of an abbreviation). Names must be capitalised;
// ambiguous ones ("May", "March", abbreviations) need a date-like context.
func (g *tagger) monthAt(i int) (int, int, bool) {
	t := g.tok(i)
	if t == nil || t.lw == nil || t.lw.month == 0 || !t.cap {
		return 0, 0, false
	}
	j := i + 1
	abbrev := len(t.raw) <= 4 && t.lw.w != "may" && t.lw.w != "june" && t.lw.w != "july"
	if abbrev {
		if g.punct(j, ".") {
			j++
		} else if !g.dayNum(j) && !g.yearNum(j) {
			return 0, 0, false
		}
	}
	return t.lw.month, j, true
}

// dayNum reports whether token i is a day of the month (1-31, optionally
// with st/nd/rd/th) not followed by a clock colon.
func (g *tagger) dayNum(i int) bool {
	t := g.tok(i)
	if t == nil || t.kind != kNum || len(t.raw) > 2 || t.num < 1 || t.num > 31 {
		return false
	}
	n := g.tok(i + 2)
	return !((g.punct(i+1, ":") || g.punct(i+1, ".")) && g.glued(i+1) && n != nil && n.kind == kNum && g.glued(i+2))
}

// yearNum reports whether token i is a four-digit year.
func (g *tagger) yearNum(i int) bool {
	t := g.tok(i)
	return t != nil && t.kind == kNum && len(t.raw) == 4 && t.num >= 1000 && t.num <= 2199
}

// skipOrdinal skips "st", "nd", "rd", "th" glued to a day number.
func (g *tagger) skipOrdinal(i int) int {
	if g.is(i, "st", "nd", "rd", "th") && g.glued(i) {
		return i + 1
	}
	return i
}

// monthFirst matches "August 6", "Aug. 6, 2025", "August 2025", "August of
// 2025" and a lone month name ("in April"), resolved by tense.
func (g *tagger) monthFirst(i int) (cand, bool) {
	m, j, ok := g.monthAt(i)
	if !ok {
		return cand{}, false
	}
	if g.dayNum(j) {
		d := g.toks[j].num
		k := g.skipOrdinal(j + 1)
		y, k2 := g.yearAfter(k)
		if y == 0 {
			y, k2 = g.relYearAfter(k)
		}
		return g.dayDate(i, k2, y, m, d), true
	}
	if y, k2 := g.relYearAfter(j); y != 0 {
		return cand{j: k2, typ: TypeDate, val: pad(y, 4) + "-" + pad(m, 2)}, true
	}
	k := j
	if g.punct(k, ",") || g.is(k, "of") {
		k++
	}
	if g.yearNum(k) {
		return cand{j: k + 1, typ: TypeDate, val: pad(g.toks[k].num, 4) + "-" + pad(m, 2)}, true
	}
	if y, e, ok := g.spokenYearAt(k); ok {
		return cand{j: e, typ: TypeDate, val: pad(y, 4) + "-" + pad(m, 2)}, true // "January nineteen ninety-seven"
	}
	if !g.loneMonthOK(i, j) {
		return cand{}, false
	}
	if !g.anchored {
		return cand{j: j, typ: TypeDate, val: "XXXX-" + pad(m, 2)}, true
	}
	if y, ok := g.narrMonth(m, 0, i, j); ok {
		return cand{j: j, typ: TypeDate, val: pad(y, 4) + "-" + pad(m, 2), narr: true}, true
	}
	y := monthYear(g.ref, m, g.direction(i, j))
	return cand{j: j, typ: TypeDate, val: pad(y, 4) + "-" + pad(m, 2)}, true
}

// loneMonthOK reports whether a month name standing alone at [i, j) is a
// month: "May" and "March" need a preposition or modifier before them.
func (g *tagger) loneMonthOK(i, j int) bool {
	w := g.toks[i].lw.w
	if w != "may" && w != "march" && len(g.toks[i].raw) > 3 {
		return true
	}
	return g.is(i-1, "in", "since", "by", "until", "of", "early", "late", "mid", "from", "through",
		"during", "before", "after", "last", "next", "this", "and", "or", "till", "to", "between", "-")
}

// yearAfter reads ", 2025" or " 2025" after a day; it returns 0 and i when
// there is none.
func (g *tagger) yearAfter(i int) (int, int) {
	k := i
	if g.punct(k, ",") {
		k++
	}
	if g.yearNum(k) {
		return g.toks[k].num, k + 1
	}
	return 0, i
}

// relYearAfter reads "last year", "this year", "next year" after a month
// ("July last year"); it returns 0 and i when there is none.
func (g *tagger) relYearAfter(i int) (int, int) {
	if !g.anchored || !g.is(i, "last", "this", "next") || !g.is(i+1, "year") {
		return 0, i
	}
	y := g.ref.Year()
	switch {
	case g.is(i, "last"):
		y--
	case g.is(i, "next"):
		y++
	}
	return y, i + 2
}

// dayDate makes the candidate for day d of month m, year y (0: resolve by tense).
func (g *tagger) dayDate(i, j, y, m, d int) cand {
	if d > daysIn(y, m) {
		d = daysIn(y, m)
	}
	narr := false
	if y == 0 {
		if !g.anchored {
			return cand{j: j, typ: TypeDate, val: "XXXX-" + pad(m, 2) + "-" + pad(d, 2)}
		}
		if y, narr = g.narrMonth(m, d, i, j); !narr {
			y = dayYear(g.ref, m, d, g.direction(i, j))
		}
	}
	c := cand{j: j, typ: TypeDate, val: pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2), narr: narr}
	c.day = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return g.withClock(g.withPart(c))
}

// daysIn returns the number of days of month m in year y (a leap year when y is 0).
func daysIn(y, m int) int {
	if y == 0 {
		y = 2000 // leap: 29 February stays valid when the year is unknown
	}
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dayFirst matches "6 August 2025", "6th of August", "the 6th of August".
func (g *tagger) dayFirst(i int) (cand, bool) {
	k := i
	if g.is(k, "the") {
		k++
	}
	if !g.dayNum(k) {
		return cand{}, false
	}
	d := g.toks[k].num
	k = g.skipOrdinal(k + 1)
	if g.is(k, "of") {
		k++
	}
	m, j, ok := g.monthAt(k)
	if !ok {
		return cand{}, false
	}
	if g.punct(j, ",") && g.yearNum(j+1) {
		j++
	}
	y := 0
	if g.yearNum(j) {
		y = g.toks[j].num
		j++
	}
	return g.dayDate(i, j, y, m, d), true
}

// withClock extends a day with a clock time right after it ("August 6 at
// 14:00" stays two expressions; "August 6, 14:00 GMT" becomes one TIME).
func (g *tagger) withClock(c cand) cand {
	k := c.j
	if g.punct(k, ",") {
		k++
	}
	h, mi, j, ok := g.clockAt(k)
	if !ok || len(c.val) != 10 {
		return c
	}
	c.j, c.typ = j, TypeTime
	c.val += "T" + pad(h, 2) + ":" + pad(mi, 2)
	return c
}

// numeric matches ISO dates (2025-08-06, 2025-08-06T14:00), slashed dates
// (8/6/2025), years (2025, with ranges "1957-58"), fiscal years and
// decades ("the 1990s", "the '90s").
func (g *tagger) numeric(i int) (cand, bool) {
	k := i
	if g.is(k, "fiscal") {
		k++
		if g.is(k, "year") {
			k++
		}
	}
	if g.is(k, "the") {
		k++
	}
	if g.punct(k, "'") || g.punct(k, "’") {
		if t := g.tok(k + 1); t != nil && t.kind == kNum && len(t.raw) == 2 && g.glued(k+1) && g.is(k+2, "s") && g.glued(k+2) {
			c := 1900 + t.num
			return cand{j: k + 3, typ: TypeDate, val: pad(c/10, 3)}, true
		}
		return cand{}, false
	}
	t := g.tok(k)
	if t == nil || t.kind != kNum {
		return cand{}, false
	}
	if k == i && len(t.raw) == 2 && g.punct(k-1, "-") && g.glued(k-1) && g.glued(k) && g.yearNum(k-2) {
		// The second year of a range: "1957-58".
		return cand{j: k + 1, typ: TypeDate, val: pad(g.toks[k-2].num/100*100+t.num, 4)}, true
	}
	if c, ok := g.isoDate(k); ok {
		return c, true
	}
	if c, ok := g.slashDate(k); ok {
		return c, true
	}
	if c, ok := g.century(k); ok && k == i {
		return c, true
	}
	if !g.yearNum(k) || k > i && g.is(i, "the") && !g.is(k+1, "s") {
		return cand{}, false
	}
	if g.is(k+1, "s") && g.glued(k+1) {
		return cand{j: k + 2, typ: TypeDate, val: pad(t.num/10, 3)}, true
	}
	if !g.yearContext(k) {
		return cand{}, false
	}
	return cand{j: k + 1, typ: TypeDate, val: pad(t.num, 4)}, true
}

// century matches "20th century", "the 21st century" (value: the first two
// digits of its years, "19" for the twentieth).
func (g *tagger) century(k int) (cand, bool) {
	t := g.tok(k)
	if t == nil || t.kind != kNum || t.num < 1 || t.num > 30 || !g.is(k+1, "st", "nd", "rd", "th") || !g.glued(k+1) {
		return cand{}, false
	}
	j := k + 2
	if g.punct(j, "-") {
		j++
	}
	if !g.is(j, "century") {
		return cand{}, false
	}
	return cand{j: j + 1, typ: TypeDate, val: pad(t.num-1, 2)}, true
}

// yearContext rejects four-digit numbers that are amounts, not years.
func (g *tagger) yearContext(k int) bool {
	t := g.toks[k]
	if p := g.tok(k - 1); p != nil && p.kind == kPunct && !t.sp {
		switch p.raw {
		case "$", "€", "£", "#", ".", ",", "/":
			return false
		}
	}
	if p := g.tok(k - 1); p != nil && p.kind == kPunct && (p.raw == "$" || p.raw == "€" || p.raw == "£") {
		return false
	}
	if n := g.tok(k + 1); n != nil {
		if n.kind == kPunct && (n.raw == "%" || n.raw == "." && g.tok(k+2) != nil && g.tok(k+2).kind == kNum && g.glued(k+2)) {
			return false
		}
		if n.kind == kPunct && n.raw == "," && g.tok(k+2) != nil && g.tok(k+2).kind == kNum && g.glued(k+1) && g.glued(k+2) {
			return false
		}
		if g.is(k+1, "percent", "people", "troops", "soldiers", "feet", "metres", "meters", "miles",
			"kilometres", "kilometers", "tons", "tonnes", "members", "units", "jobs", "workers", "votes",
			"points", "barrels", "dollars", "euros", "pounds", "shares", "cars", "homes", "students", "acres") {
			return false
		}
	}
	if t.num < 1900 || t.num > 2100 {
		return g.is(k-1, "in", "since", "of", "by", "from", "until", "year", "early", "late", "mid",
			"before", "after", "during", "around", "circa", "about", "to")
	}
	return true
}

// isoDate matches 2025-08-06 and 2025-08-06T14:00.
func (g *tagger) isoDate(k int) (cand, bool) {
	if !g.yearNum(k) || !g.punct(k+1, "-") || !g.glued(k+1) || !g.glued(k+2) {
		return cand{}, false
	}
	m, d := g.tok(k+2), g.tok(k+4)
	if m == nil || m.kind != kNum || m.num < 1 || m.num > 12 || len(m.raw) != 2 {
		return cand{}, false
	}
	if !g.punct(k+3, "-") || d == nil || d.kind != kNum || d.num < 1 || d.num > 31 || len(d.raw) != 2 || !g.glued(k+4) {
		return cand{j: k + 3, typ: TypeDate, val: g.toks[k].raw + "-" + m.raw}, true
	}
	c := g.dayDate(k, k+5, g.toks[k].num, m.num, d.num)
	if g.is(k+5, "t") && g.glued(k+5) {
		if h, mi, j, ok := g.clockAt(k + 6); ok {
			c.j, c.typ = j, TypeTime
			c.val = c.val[:10] + "T" + pad(h, 2) + ":" + pad(mi, 2)
		}
	}
	return c, true
}

// slashDate matches month/day/year (US order, as in American news copy).
func (g *tagger) slashDate(k int) (cand, bool) {
	m, d, y := g.tok(k), g.tok(k+2), g.tok(k+4)
	if !g.punct(k+1, "/") || !g.punct(k+3, "/") || d == nil || y == nil || d.kind != kNum || y.kind != kNum ||
		!g.glued(k+1) || !g.glued(k+2) || !g.glued(k+3) || !g.glued(k+4) {
		return cand{}, false
	}
	if m.num < 1 || m.num > 12 || d.num < 1 || d.num > 31 {
		return cand{}, false
	}
	year := y.num
	switch len(y.raw) {
	case 2:
		year += 1900
		if year < 1950 {
			year += 100
		}
	case 4:
		if year < 1000 {
			return cand{}, false // "1/1/0001" is no date a news story gives
		}
	default:
		return cand{}, false
	}
	return g.dayDate(k, k+5, year, m.num, d.num), true
}
