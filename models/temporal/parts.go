package temporal

import (
	"strconv"
	"strings"
)

// Compound and historical forms: parts of periods ("the last quarter of
// 2019", "the first week of June", "the final weeks of 2019"), seasons
// with years ("the winter of 1940"), years before the common era ("49
// BC"), and halves in durations ("three and a half years").

// partWords name the part of a period a phrase picks: its modifier, and
// for quarters and halves the ordinal "last" and "final" stand for.
var partWords = map[string]mod{
	"first": modStart, "opening": modStart, "early": modStart, "second": modMid, "third": modMid,
	"last": modEnd, "final": modEnd, "closing": modEnd, "late": modEnd,
}

// partOf matches "the last quarter of 2019" (2019-Q4), "the second half
// of 1989" (1989-H2), and parts too small or too vague for a value of
// their own, which keep the whole period's value with a modifier: "the
// first week of June" (2025-06, START), "the final weeks of 2019" (2019,
// END), "the last days of August".
func (g *tagger) partOf(i int) (cand, bool) {
	k := i
	if g.lower(k) != "the" {
		return cand{}, false
	}
	k++
	m, ok := partWords[g.lower(k)]
	if !ok {
		return cand{}, false
	}
	w := g.lower(k)
	k++
	unit := g.lower(k)
	if !g.is(k+1, "of") {
		return cand{}, false
	}
	whole, ok := g.dateAt(k + 2)
	if !ok {
		return cand{}, false
	}
	year := len(whole.val) == 4 && whole.val[0] != 'X'
	switch unit {
	case "quarter", "half":
		if !year && unit == "half" && (m == modStart || w == "second") {
			whole.mod = modEnd // "the second half of June"
			if m == modStart {
				whole.mod = modStart
			}
			return whole, true
		}
		if !year {
			return cand{}, false
		}
		n := map[string]int{"first": 1, "second": 2, "third": 3, "last": 4, "final": 4}[w]
		u := "Q"
		if unit == "half" {
			u, n = "H", min(n, 2)
		}
		if n == 0 || u == "H" && w == "third" {
			return cand{}, false
		}
		return cand{j: whole.j, typ: TypeDate, val: whole.val + "-" + u + strconv.Itoa(n)}, true
	case "week", "weeks", "days", "months", "part", "stages", "hours":
		if unit == "months" && !year {
			return cand{}, false
		}
		whole.mod = m
		return whole, true
	}
	return cand{}, false
}

// seasonYear matches a season with its year: "the winter of 1940",
// "summer 2019", "spring of 2020" (1940-WI, 2019-SU, 2020-SP).
func (g *tagger) seasonYear(i int) (cand, bool) {
	k := i
	if g.lower(k) == "the" {
		k++
	}
	t := g.tok(k)
	if t == nil || t.lw == nil || t.lw.season == "" {
		return cand{}, false
	}
	k++
	if g.is(k, "of") {
		k++
	}
	y, ok := g.writtenYear(k)
	if !ok {
		return cand{}, false
	}
	return cand{j: k + 1, typ: TypeDate, val: y + "-" + t.lw.season}, true
}

// writtenYear reads a four-digit year written at token k ("1940").
func (g *tagger) writtenYear(k int) (string, bool) {
	if g.yearNum(k) {
		return pad(g.toks[k].num, 4), true
	}
	return "", false
}

// bcYear matches years before the common era, "49 BC", "490 B.C.",
// "300 BCE" (BC0049, BC0490, BC0300), centuries before it ("the 5th
// century BC": BC04), and years of the era written with AD ("AD 79":
// 0079).
func (g *tagger) bcYear(i int) (cand, bool) {
	if n := g.tok(i + 1); g.toks[i].kind == kWord && g.toks[i].cap && g.lower(i) == "ad" && n != nil && n.kind == kNum && n.sp && n.raw[0] != '0' && n.num <= 2100 {
		return cand{j: i + 2, typ: TypeDate, val: pad(g.toks[i+1].num, 4)}, true
	}
	k := i
	if g.lower(k) == "the" {
		k++
	}
	t := g.tok(k)
	if t == nil || t.kind != kNum || t.num < 1 || t.num > 9999 {
		return cand{}, false
	}
	if c, ok := g.century(k); ok {
		if j, ok := g.bcAfter(c.j); ok {
			n, _ := strconv.Atoi(c.val)
			return cand{j: j, typ: TypeDate, val: "BC" + pad(n, 2)}, true
		}
		return cand{}, false
	}
	if k != i {
		return cand{}, false
	}
	if j, ok := g.bcAfter(k + 1); ok {
		return cand{j: j, typ: TypeDate, val: "BC" + pad(t.num, 4)}, true
	}
	return cand{}, false
}

// bcAfter reads "BC", "B.C.", "BCE" or "B.C.E." at token k and returns
// the token after it.
func (g *tagger) bcAfter(k int) (int, bool) {
	if g.is(k, "bc", "bce") && g.toks[k].cap {
		return k + 1, true
	}
	// B.C. and B.C.E. as letters and stops
	if g.is(k, "b") && g.punct(k+1, ".") && g.is(k+2, "c") && g.glued(k+1) && g.glued(k+2) {
		j := k + 3
		if g.punct(j, ".") && g.glued(j) {
			j++
		}
		if g.is(j, "e") && g.glued(j) {
			j++
			if g.punct(j, ".") && g.glued(j) {
				j++
			}
		}
		return j, true
	}
	return k, false
}

// halfBefore reads the half of "three and a half years" and "2 1/2
// years" after the count that ends at token k: it returns the token of
// the unit and whether a half was read.
func (g *tagger) halfBefore(k int) (int, bool) {
	if g.is(k, "and") && g.is(k+1, "a") && g.is(k+2, "half") && g.unitAt(k+3) {
		return k + 3, true // "three and a half years"
	}
	if t := g.tok(k); t != nil && t.kind == kNum && t.num == 1 && g.punct(k+1, "/") && g.glued(k+1) && g.tok(k+2) != nil && g.toks[k+2].num == 2 && g.glued(k+2) && g.unitAt(k+3) {
		return k + 3, true // "2 1/2 years"
	}
	return k, false
}

// halfAfterUnit reads "and a half" after a unit ("a year and a half").
func (g *tagger) halfAfterUnit(j int) (int, bool) {
	if g.is(j, "and") && g.is(j+1, "a") && g.is(j+2, "half") {
		return j + 3, true
	}
	return j, false
}

// halves write n and a half units in ISO 8601, in the next smaller unit
// where the half is whole: n*mul+add, then the tail ("P3Y6M", "P10DT12H"
// for a week and a half, "PT5H30M").
var halves = map[int]struct {
	prefix   string
	mul, add int
	tail     string
}{
	uYear: {"P", 1, 0, "Y6M"}, uMonth: {"P", 1, 0, "M15D"}, uWeek: {"P", 7, 3, "DT12H"}, uDay: {"P", 1, 0, "DT12H"},
	uHour: {"PT", 1, 0, "H30M"}, uMinute: {"PT", 1, 0, "M30S"}, uDecade: {"P", 10, 5, "Y"}, uCentury: {"P", 100, 50, "Y"},
}

// halfDuration writes n and a half units of u (see halves).
func halfDuration(n, u int) string {
	h, ok := halves[u]
	if !ok {
		return durationValue(n, u, false)
	}
	return h.prefix + strconv.Itoa(n*h.mul+h.add) + h.tail
}

// countAdjectives may stand between a count and its unit: "eleven
// straight days", "three consecutive years", "two full weeks".
var countAdjectives = map[string]bool{"straight": true, "consecutive": true, "full": true, "successive": true, "whole": true, "more": true, "further": true, "long": true}

// durationMods are TIMEX3's modifiers of a counted duration, by the word
// before the count.
var durationMods = map[string]mod{
	"nearly": modLessThan, "almost": modLessThan, "about": modApprox, "around": modApprox,
	"roughly": modApprox, "some": modApprox, "approximately": modApprox, "over": modMoreThan,
}

// zones are the time zones a clock time may be given in, as written.
var zones = map[string]bool{"gmt": true, "utc": true, "bst": true, "cet": true, "cest": true, "eet": true, "eest": true,
	"est": true, "edt": true, "cst": true, "cdt": true, "pst": true, "pdt": true, "msk": true, "et": true, "pt": true, "z": true}

// zoneIn returns the time zone written in tokens [i, j) ("UTC"), or "".
func (g *tagger) zoneIn(i, j int) string {
	for k := i; k < j; k++ {
		if t := &g.toks[k]; t.kind == kWord && t.cap && zones[strings.ToLower(t.raw)] {
			return strings.ToUpper(t.raw)
		}
	}
	return ""
}

// yearBeforeQuarter dates the comparisons of earnings reports: "a year
// ago", "a year earlier", "last year" and "year-ago" in a text about a
// quarter, right after a quarter was named, are that quarter a year
// before ("profit rose in the third quarter from $2 million a year ago":
// the third quarter of last year).
func (g *tagger) yearBeforeQuarter(i, j, u, n, sign int) (cand, bool) {
	if u != uYear || n != 1 || sign >= 0 || !g.anchored {
		return cand{}, false
	}
	a, ok := g.recent()
	if !ok || a.unit != uQuarter || !g.quarterTalk(i) {
		return cand{}, false
	}
	return g.point(j, shift(a.t, uYear, -1), uQuarter), true
}

// yearAgoPeriod matches the adjectives of earnings reports, "year-ago"
// and "year-earlier", with what they modify: "the year-earlier third
// quarter" (last year's third quarter), "the year-ago period" (the
// quarter just named, a year before), a bare "year-earlier" (last year).
func (g *tagger) yearAgoPeriod(i int) (cand, bool) {
	k := i
	if w := g.lower(k); w == "the" || w == "a" {
		k++
	}
	if g.is(k, "comparable", "corresponding") {
		k++
	}
	if !g.is(k, "year") || !g.punct(k+1, "-") || !g.is(k+2, "ago", "earlier") || !g.glued(k+1) || !g.glued(k+2) {
		return cand{}, false
	}
	k += 3
	if c, ok := g.ordinalPeriod(k, k); ok && len(c.val) == 7 {
		y, _ := strconv.Atoi(c.val[:4])
		c.val = pad(y-1, 4) + c.val[4:]
		return c, true
	}
	j := k
	if g.is(j, "period", "quarter") {
		j++
	}
	if c, ok := g.yearBeforeQuarter(i, j, uYear, 1, -1); ok {
		return c, true
	}
	if !g.anchored {
		return cand{}, false
	}
	if j > k && (g.is(k, "quarter") || g.quarterTalk(i)) {
		// the last completed quarter, a year before
		return cand{j: j, typ: TypeDate, val: unitValue(addMonths(g.ref, -15), uQuarter)}, true
	}
	return g.point(j, shift(g.ref, uYear, -1), uYear), true
}

// spokenYearAt reads a year said in words at token k, as broadcast
// transcripts write them: "nineteen ninety-six", "nineteen eighty",
// "nineteen oh five", "two thousand", "two thousand and one". It returns
// the year and the token after it.
func (g *tagger) spokenYearAt(k int) (int, int, bool) {
	switch {
	case g.is(k, "nineteen", "eighteen", "twenty") && !g.is(k, "twenty") || g.is(k, "twenty") && g.is(k+1, "oh", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"):
		c := g.toks[k].lw.num * 100
		j := k + 1
		if g.is(j, "oh") {
			if t := g.tok(j + 1); t != nil && t.lw != nil && t.lw.num >= 1 && t.lw.num <= 9 {
				return c + t.lw.num, j + 2, true
			}
			return 0, k, false
		}
		if g.is(j, "hundred") {
			return c, j + 1, true
		}
		n, e, ok := g.number(j)
		if !ok || n < 10 || n > 99 || g.tok(j).kind == kNum {
			return 0, k, false
		}
		return c + n, e, true
	case g.is(k, "two") && g.is(k+1, "thousand"):
		j := k + 2
		if g.is(j, "and") {
			j++
		}
		if n, e, ok := g.number(j); ok && n >= 1 && n <= 99 && g.tok(j).kind != kNum && !g.unitAt(e) {
			return 2000 + n, e, true
		}
		return 2000, k + 2, true
	}
	return 0, k, false
}

// spokenYear matches a year said in words where a year is expected: after
// "in", "of", "since", "the year" and the like ("in nineteen ninety-six",
// "the year two thousand").
func (g *tagger) spokenYear(i int) (cand, bool) {
	k := i
	if t := g.tok(i); t == nil || t.lw == nil || t.lw.num < 0 && t.lw.w != "the" {
		return cand{}, false // a number word, or "the year two thousand"
	}
	if g.is(k, "the") && g.is(k+1, "year") {
		k += 2
	} else if !g.is(i-1, "in", "of", "since", "until", "by", "from", "year", "before", "after", "during", "through") {
		return cand{}, false
	}
	y, j, ok := g.spokenYearAt(k)
	if !ok {
		return cand{}, false
	}
	return cand{j: j, typ: TypeDate, val: pad(y, 4)}, true
}
