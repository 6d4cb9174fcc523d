package temporal

import (
	"time"
)

// matcher tries to match one kind of expression starting at token i.
type matcher func(g *tagger, i int) (cand, bool)

// dateMatchers find expressions that denote a point or period of the
// calendar; modifiers ("early", "the end of") wrap them.
var dateMatchers []matcher

// allMatchers is every matcher, tried at each trigger token; the longest wins.
var allMatchers []matcher

func init() {
	dateMatchers = []matcher{(*tagger).deictic, (*tagger).relative, (*tagger).monthFirst,
		(*tagger).dayFirst, (*tagger).numeric, (*tagger).weekday, (*tagger).holiday, (*tagger).bareOrdinal,
		(*tagger).seasonYear, (*tagger).bcYear, (*tagger).spokenYear}
	allMatchers = append([]matcher{(*tagger).set, (*tagger).modified, (*tagger).duration, (*tagger).clock, (*tagger).anaphoric,
		(*tagger).generic, (*tagger).partOf, (*tagger).yearAgoPeriod}, dateMatchers...)
}

// matchAt returns the longest expression starting at token i.
func (g *tagger) matchAt(i int) (cand, bool) {
	t := &g.toks[i]
	switch t.kind {
	case kWord:
		if t.lw == nil || !t.lw.trigger && t.lw.ord == 0 || !t.lw.core && !g.coreNear(i+1) {
			return cand{}, false
		}
		if t.lw.w == "year" && !g.punct(i+1, "-") {
			return cand{}, false // only "year-earlier" and "year-ago" start at "year"
		}
	case kPunct:
		if t.raw != "'" && t.raw != "’" {
			return cand{}, false
		}
	}
	return g.best(i, allMatchers)
}

// coreNear reports whether one of the four tokens from i is a number or a
// word that is temporal on its own, so that determiners and modifiers ("the",
// "a", "last", "early") are only tried where an expression may follow.
func (g *tagger) coreNear(i int) bool {
	for k := i; k < i+4 && k < len(g.toks); k++ {
		t := &g.toks[k]
		if t.kind == kNum || t.kind == kWord && t.lw != nil && t.lw.core {
			return true
		}
	}
	return false
}

// best returns the longest match of ms at token i.
func (g *tagger) best(i int, ms []matcher) (cand, bool) {
	best := cand{j: i}
	for _, m := range ms {
		if c, ok := m(g, i); ok && c.j > best.j {
			best = c
		}
	}
	return best, best.j > i
}

// dateAt matches a calendar expression (DATE or TIME) at token i.
func (g *tagger) dateAt(i int) (cand, bool) {
	c, ok := g.best(i, dateMatchers)
	if !ok || c.typ == TypeDuration || c.typ == TypeSet {
		return cand{}, false
	}
	return c, true
}

// point makes the candidate for the calendar unit u containing t, or the
// unknown value when the tagger has no reference time.
func (g *tagger) point(j int, t time.Time, u int) cand {
	if !g.anchored {
		return cand{j: j, typ: TypeDate, val: unknownValue(u)}
	}
	c := cand{j: j, typ: TypeDate, val: unitValue(t, u)}
	if u == uDay {
		c.day = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return c
}

// modified matches "early", "late", "mid", "earlier", "later", "the end
// of", "the beginning of" ... before a calendar expression; the value is
// the expression's (TIMEX3 keeps the modifier in a separate attribute).
func (g *tagger) modified(i int) (cand, bool) {
	k := i
	switch {
	case g.is(k, "early", "late", "earlier", "later"):
		k++
	case g.is(k, "mid"):
		k++
		if g.punct(k, "-") {
			k++
		}
	case g.is(k, "the") && g.is(k+1, "end", "beginning", "start", "middle", "turn") && g.is(k+2, "of"):
		k += 3
	case g.is(k, "end", "beginning", "start") && g.is(k+1, "of"):
		k += 2
	default:
		return cand{}, false
	}
	if g.is(k, "in", "on") && g.is(k-1, "earlier", "later") {
		k++
	}
	if end := g.is(i+1, "end") || g.is(i, "end"); end {
		if c, ok := g.endOfUnit(i, k); ok {
			return c, true
		}
	}
	c, ok := g.dateAt(k)
	if !ok {
		return cand{}, false
	}
	switch {
	case g.is(i, "early") || g.is(i+1, "beginning", "start") || g.is(i, "beginning", "start"):
		c.mod = modStart
	case g.is(i, "mid") || g.is(i+1, "middle"):
		c.mod = modMid
	case g.is(i, "late") || g.is(i+1, "end") || g.is(i, "end"):
		c.mod = modEnd
	}
	return c, true
}

// endOfUnit matches the unit after "the end of": "the end of the year",
// "end of year" (this year, or last year in a clause about the past, since
// this year's end is still ahead).
func (g *tagger) endOfUnit(i, k int) (cand, bool) {
	if g.is(k, "the", "this") {
		k++
	}
	t := g.tok(k)
	if t == nil || t.lw == nil || t.lw.plural || (t.lw.unit != uYear && t.lw.unit != uMonth && t.lw.unit != uWeek) {
		return cand{}, false
	}
	u, n := t.lw.unit, 0
	if g.direction(i, k+1) == dirPast {
		n = -1
	}
	return g.point(k+1, shift(g.ref, u, n), u), true
}

// anaphoric matches expressions about the day last mentioned: "that day",
// "the same day", "the next day", "earlier in the day".
func (g *tagger) anaphoric(i int) (cand, bool) {
	k, off := i, 0
	switch {
	case g.is(k, "earlier", "later") && g.is(k+1, "in") && g.is(k+2, "the") && g.is(k+3, "day"):
		k += 4
	case g.is(k, "earlier", "later") && g.is(k+1, "that") && g.is(k+2, "day"):
		k += 3
	case g.is(k, "that") && g.is(k+1, "day") && !g.is(k+2, "of", "when", "that"):
		k += 2
	case g.is(k, "the") && g.is(k+1, "same", "next", "following", "previous") && g.is(k+2, "day"):
		if g.is(k+1, "next", "following") {
			off = 1
		} else if g.is(k+1, "previous") {
			off = -1
		}
		k += 3
	default:
		return cand{}, false
	}
	day := g.lastDay
	if a, ok := g.recent(); ok && a.unit == uDay && !g.is(i+1, "in") {
		day = a.t // "The envoy arrived on 4 August. The same day ...": the day just told
	}
	return g.point(k, day.AddDate(0, 0, off), uDay), true
}

// generic matches the vague references: "now", "currently", "recently",
// "the past", "the future", "soon", "at the time", "these days".
func (g *tagger) generic(i int) (cand, bool) {
	ref := func(j int, v string) (cand, bool) { return cand{j: j, typ: TypeDate, val: v}, true }
	switch {
	case g.is(i, "now", "currently", "nowadays"):
		return ref(i+1, "PRESENT_REF")
	case g.is(i, "current") && g.tok(i+1) != nil && g.tok(i+1).kind == kWord && !g.is(i+1, "account", "accounts", "affairs", "events"):
		return ref(i+1, "PRESENT_REF")
	case g.is(i, "these") && g.is(i+1, "days"), g.is(i, "at") && g.is(i+1, "present"):
		return ref(i+2, "PRESENT_REF")
	case g.is(i, "recently", "lately"):
		return ref(i+1, "PAST_REF")
	case g.is(i, "the") && g.is(i+1, "past") && !g.durationFollows(i+2):
		return ref(i+2, "PAST_REF")
	case g.is(i, "at") && g.is(i+1, "the") && g.is(i+2, "time") && !g.is(i+3, "of"):
		return ref(i+3, "PAST_REF")
	case g.is(i, "the") && g.is(i+1, "future"), g.is(i, "the") && g.is(i+1, "near") && g.is(i+2, "future"):
		j := i + 2
		if g.is(i+1, "near") {
			j++
		}
		return ref(j, "FUTURE_REF")
	case g.is(i, "soon") && !g.is(i+1, "after", "as"), g.is(i, "future") && g.is(i-1, "in", "near"):
		return ref(i+1, "FUTURE_REF")
	}
	return cand{}, false
}

// unitAt reports whether token i is a time unit noun.
func (g *tagger) unitAt(i int) bool {
	t := g.tok(i)
	return t != nil && t.lw != nil && t.lw.unit != uNone
}

// durationFollows reports whether a number or unit follows at i ("the past
// three years", "the past year").
func (g *tagger) durationFollows(i int) bool {
	if g.unitAt(i) {
		return true
	}
	_, k, ok := g.number(i)
	return ok && g.unitAt(k)
}

// deictic matches "today", "yesterday", "tomorrow", "tonight", optionally
// with a part of the day ("yesterday morning").
func (g *tagger) deictic(i int) (cand, bool) {
	off := 0
	switch {
	case g.is(i, "today"):
	case g.is(i, "yesterday"):
		off = -1
	case g.is(i, "tomorrow"):
		off = 1
	case g.is(i, "tonight"):
		c := g.point(i+1, g.ref, uDay)
		c.typ, c.val = TypeTime, c.val+"TNI"
		return c, true
	default:
		return cand{}, false
	}
	day := g.ref.AddDate(0, 0, off)
	c := g.point(i+1, day, uDay)
	if p := g.partOfDay(i + 1); p != "" {
		c.j, c.typ, c.val = i+2, TypeTime, c.val+"T"+p
	}
	return c, true
}

// partOfDay returns MO, AF, EV or NI when token i is a part of the day.
func (g *tagger) partOfDay(i int) string {
	t := g.tok(i)
	if t == nil || t.lw == nil {
		return ""
	}
	return t.lw.part
}
