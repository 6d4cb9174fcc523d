package temporal

import (
	"strconv"
	"time"
)

// Narrative time. News counts from its publication time ("on Tuesday", "in
// March"); a story that narrates counts from the dates it tells. The tagger
// keeps two moving anchors as it reads:
//
//   - last: the last date or time named, whatever anchored it. Anaphora
//     count from it when it was named in this sentence or one of the two
//     before: "The envoy arrived on 4 August. Two days later he left" is 6
//     August, "A day earlier" 3 August, "The same day" 4 August, "the
//     following month" September, "that year" 2025.
//   - narr: the last date whose year the text wrote and that dates its
//     clause ("was signed on 3 December 1921", not "the August 1988
//     ceasefire" nor "since 1990"), at a day's or a month's precision, or
//     also a year alone in a text that narrates (narrativeText); or a
//     year-less date resolved from such a date. A year-less date
//     ("On 12 January", "in March", "in the spring") within two sentences
//     of it takes its year from it when that year is not the publication
//     year: the story is told from then, not from now. A narrative moves
//     forward, so "On 12 January" after "3 December 1921" is January
//     1922; a clause that looks back ("had", "earlier", "before") takes the
//     year before instead when the month comes after the anchor's.
//
// Anchors farther back than two sentences are not used: the story has
// moved on, and the publication time is the safer reference. The narrative
// anchor stays in its paragraph, and a clause about the future ("is due to
// be published in May") counts from now.

// anchor is a date the text named: its start, its precision and the
// sentence it was named in.
type anchor struct {
	t          time.Time
	unit       int
	sent, para int
	ok         bool
}

// anchorReach is how many sentences back an anchor still counts.
const anchorReach = 2

// parsePoint reads a DATE or TIME value into its first day and its unit:
// "1921", "1921-12", "1921-12-03", "1921-12-03T09:30" (a day), "2025-W32",
// "2025-Q3", "2025-H2" and seasons (quarter-sized). ok is false for
// anything else (durations, PAST_REF, values with X).
func parsePoint(v string) (time.Time, int, bool) {
	if len(v) < 4 || !digits(v[:4]) {
		return time.Time{}, 0, false
	}
	y, _ := strconv.Atoi(v[:4])
	day := func(m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	if len(v) == 4 {
		return day(1, 1), uYear, true
	}
	if v[4] != '-' || len(v) < 7 {
		return time.Time{}, 0, false
	}
	if digits(v[5:7]) {
		n, _ := strconv.Atoi(v[5:7])
		if n < 1 || n > 12 {
			return time.Time{}, 0, false
		}
		if len(v) == 7 {
			return day(n, 1), uMonth, true
		}
		if len(v) >= 10 && v[7] == '-' && digits(v[8:10]) {
			if d, _ := strconv.Atoi(v[8:10]); d >= 1 && d <= 31 {
				return day(n, d), uDay, true
			}
		}
		return time.Time{}, 0, false
	}
	switch {
	case v[5] == 'W' && len(v) >= 8 && digits(v[6:8]):
		w, _ := strconv.Atoi(v[6:8])
		if w < 1 || w > 53 {
			return time.Time{}, 0, false
		}
		jan4 := day(1, 4) // ISO week 1 holds 4 January
		monday := jan4.AddDate(0, 0, 1-isoWeekday(jan4)+7*(w-1))
		return monday, uWeek, true
	case v[5] == 'Q' && len(v) == 7 && v[6] >= '1' && v[6] <= '4':
		return day(3*int(v[6]-'1')+1, 1), uQuarter, true
	case v[5] == 'H' && len(v) == 7 && (v[6] == '1' || v[6] == '2'):
		return day(6*int(v[6]-'1')+1, 1), uQuarter, true
	case len(v) == 7:
		if m, ok := seasonStart[v[5:7]]; ok {
			return day(m, 1), uQuarter, true
		}
	}
	return time.Time{}, 0, false
}

// digits reports whether s is all ASCII digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// sentenceAt returns the index of the sentence holding token i, counting
// sentence ends (".", "!", "?" before a capital or a line) as the tagger
// moves forward; i never goes back.
func (g *tagger) sentenceAt(i int) int {
	for ; g.scan < i && g.scan < len(g.toks); g.scan++ {
		t := &g.toks[g.scan]
		if t.nl && g.scan > 0 {
			g.para++
		}
		if t.kind != kPunct || t.raw != "." && t.raw != "!" && t.raw != "?" {
			continue
		}
		if n := g.tok(g.scan + 1); n == nil || n.sp && (n.cap || n.kind != kWord) {
			g.sent++
		}
	}
	return g.sent
}

// remember updates the anchors with the expression c matched at tokens
// [i, c.j).
func (g *tagger) remember(i int, c cand) {
	if c.typ != TypeDate && c.typ != TypeTime {
		return
	}
	t, u, ok := parsePoint(c.val)
	if !ok {
		return
	}
	a := anchor{t: t, unit: u, sent: g.cur, para: g.para, ok: true}
	g.last = a
	if c.narr || g.yearWritten(i, c.j) && g.adverbial(i) && (u <= uMonth || g.narrative) {
		g.narr = a
	}
}

// adverbial reports whether the expression at token i dates its clause:
// it opens the sentence or follows "in", "on", "at", "during" or "by"
// ("was signed on 3 December 1921"), unlike one that modifies a noun
// ("the August 1988 ceasefire") or bounds a stretch ("since 1990").
func (g *tagger) adverbial(i int) bool {
	p := g.tok(i - 1)
	if p == nil || p.kind == kPunct && (p.raw == "." || p.raw == "!" || p.raw == "?") || g.toks[i].nl {
		return true
	}
	return g.is(i-1, "in", "on", "at", "during", "by") && !g.is(i-2, "the", "a", "an")
}

// narrativeText reports whether the text narrates another time than the
// reference time's: it writes out at least two years, and three in four
// of them lie two years or more from the reference year. Then a year
// alone ("The war began in 1914") anchors the dates after it too.
func (g *tagger) narrativeText() bool {
	if !g.anchored {
		return false
	}
	n, far := 0, 0
	for k := range g.toks {
		if g.yearNum(k) && g.yearContext(k) {
			n++
			if d := g.toks[k].num - g.ref.Year(); d <= -2 || d >= 2 {
				far++
			}
		}
	}
	return n >= 2 && 4*far >= 3*n
}

// yearWritten reports whether tokens [i, j) write a year out ("1921",
// "49 BC"), as opposed to one taken from the reference time.
func (g *tagger) yearWritten(i, j int) bool {
	for k := i; k < j; k++ {
		if t := &g.toks[k]; t.kind == kNum && len(t.raw) >= 3 && (g.yearNum(k) || g.is(k+1, "bc", "bce")) {
			return true
		}
	}
	return false
}

// recent returns the last date named in this sentence or the two before.
func (g *tagger) recent() (anchor, bool) {
	if !g.last.ok || g.cur-g.last.sent > anchorReach {
		return anchor{}, false
	}
	return g.last, true
}

// narrating returns the narrative anchor a year-less date at the current
// sentence takes its year from, when the text narrates another year.
func (g *tagger) narrating() (anchor, bool) {
	a := g.narr
	if !g.anchored || !a.ok || g.cur-a.sent > anchorReach || a.para != g.para || a.t.Year() == g.ref.Year() {
		return anchor{}, false
	}
	return a, true
}

// narrYear picks the year of month m, day d (0 for a whole month) told
// after anchor a in the clause of tokens [i, j): the anchor's year, the
// next when the date comes before the anchor's (the story moves forward),
// or, in a clause that looks back, the one before when it comes after.
func (g *tagger) narrYear(a anchor, m, d, i, j int) int {
	y := a.t.Year()
	if a.unit >= uYear {
		return y
	}
	am, ad := int(a.t.Month()), a.t.Day()
	if a.unit > uDay || d == 0 {
		ad, d = 0, 0
	}
	before, after := m < am || m == am && d < ad, m > am || m == am && d > ad
	switch {
	case g.looksBack(i, j) && after:
		return y - 1
	case !g.looksBack(i, j) && before:
		return y + 1
	}
	return y
}

// looksBack reports whether the clause around tokens [i, j) tells of
// something before the narrative's time: a past perfect ("had
// ratified") or "earlier", "before", "previously".
func (g *tagger) looksBack(i, j int) bool {
	for k, n := i-1, 0; k >= 0 && n < 10 && !g.boundary(k); k, n = k-1, n+1 {
		if g.is(k, "had", "earlier", "before", "previously") {
			return true
		}
	}
	for k, n := j, 0; k < len(g.toks) && n < 6 && !g.boundary(k); k, n = k+1, n+1 {
		if g.is(k, "had") {
			return true
		}
	}
	return false
}

// narrMonth resolves a year-less month m (day d, 0 for none) at tokens
// [i, j) from the narrative anchor; ok is false when the text does not
// narrate.
func (g *tagger) narrMonth(m, d, i, j int) (int, bool) {
	a, ok := g.narrating()
	if !ok || g.direction(i, j) == dirFuture {
		return 0, false // "is due to be published in May": from now
	}
	return g.narrYear(a, m, d, i, j), true
}

// fromLast resolves an anaphoric unit ("that year", "the following
// month", "the same week") n units from the last date named, at the
// precision of unit u; ok is false without a recent date at least as
// precise as u.
func (g *tagger) fromLast(j, u, n int) (cand, bool) {
	a, ok := g.recent()
	if !ok || a.unit > u || u > uYear {
		return cand{}, false
	}
	c := g.point(j, shift(a.t, u, n), u)
	_, c.narr = g.narrating() // moves the narrative anchor only while the text narrates
	return c, true
}
