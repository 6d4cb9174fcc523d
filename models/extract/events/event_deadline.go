package events

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/extract/people"
)

// deadline fills in who set a deadline, what it demands and what follows if
// it passes, from the patterns news copy uses: "X's deadline for Y to do Z
// or face W", "unless Y does Z by Friday, X will impose W", "X has given Y
// until Friday to do Z or face W". Parts it cannot find stay empty.
func (sc *sentenceCtx) deadline(seg *segment, date models.Timex) *models.Deadline {
	d := &models.Deadline{Date: date.Value, SetBy: sc.setter(seg)}
	d.Demand = sc.demand()
	d.Consequence = sc.consequence()
	return d
}

// setter is the first person the sentence names, or the person the
// previous sentence was about when this one starts with a pronoun.
func (sc *sentenceCtx) setter(seg *segment) string {
	if isPronoun(sc.toks[0].Key) && sc.subjectAt(0) != "" {
		return sc.subjectAt(0)
	}
	if seg.from > 0 {
		// "..., two days before the Friday deadline President Donald Trump set"
		if p := sc.f.ctx.firstPersonIn(sc.toks[seg.from].Start, sc.toks[seg.to-1].End); p != "" {
			return p
		}
	}
	if p := sc.f.ctx.firstPersonIn(sc.s.Start, sc.s.End); p != "" {
		return p
	}
	for _, a := range people.ActorsIn(sc.f.lang, sc.s.Text) {
		if !isMedia(sc.f.lang, a) {
			return a
		}
	}
	return ""
}

// find returns the index of the first unmasked token from i with one of keys, or -1.
func (sc *sentenceCtx) find(i int, keys ...string) int {
	for ; i < len(sc.toks); i++ {
		if sc.masked[i] {
			continue
		}
		for _, k := range keys {
			if sc.toks[i].Key == k {
				return i
			}
		}
	}
	return -1
}

// span returns the text of tokens [i, j).
func (sc *sentenceCtx) span(i, j int) string {
	if i < 0 || j > len(sc.toks) || i >= j {
		return ""
	}
	return strings.TrimSpace(string(sc.f.r[sc.toks[i].Start:sc.toks[j-1].End]))
}

// phraseEnd returns the first token from i that ends a noun or verb phrase:
// punctuation, "or", or a time expression.
func (sc *sentenceCtx) phraseEnd(i int, stops ...string) int {
	for ; i < len(sc.toks); i++ {
		t := sc.toks[i]
		if t.Punct && t.Key != "-" && t.Key != "'" || inTimex(sc.txs, t.Start) && !sc.modifierYear(i) {
			return i
		}
		for _, s := range stops {
			if t.Key == s {
				return i
			}
		}
	}
	return i
}

// modifierYear reports whether token i is a year standing before a noun
// inside a phrase ("restore the 2015 nuclear deal"), not a date ending it.
func (sc *sentenceCtx) modifierYear(i int) bool {
	t := sc.toks[i]
	if i == 0 || i+1 >= len(sc.toks) || t.End-t.Start != 4 || !unicode.IsDigit(sc.f.r[t.Start]) {
		return false
	}
	prev, next := sc.toks[i-1].Key, sc.toks[i+1]
	return (prev == "the" || prev == "a" || prev == "its" || prev == "their") && !next.Punct && !next.Upper
}

// clauseSubject returns the first token of the subject ending before token
// k: the words back to the nearest "that", comma, dash or reporting verb
// ("Araghchi said on Wednesday that European powers had until ..." ->
// "European powers").
func (sc *sentenceCtx) clauseSubject(k int) int {
	j := k
	for j > 0 && k-j < 8 {
		t := sc.toks[j-1]
		if t.Punct || t.Key == "that" || t.Is(doc.ClsReportingVerb) || inTimex(sc.txs, t.Start) {
			break
		}
		j--
	}
	return j
}

// demand reads what the deadline demands.
func (sc *sentenceCtx) demand() string {
	for _, k := range []string{"unless", "demanding", "demanded", "demands", "demand"} {
		if d := sc.demandAfter(k); d != "" {
			return d
		}
	}
	if d := sc.demandOfGift(); d != "" {
		return d
	}
	for _, k := range []string{"deadline", "ultimatum", "until"} {
		if d := sc.demandOfDeadline(k); d != "" {
			return d
		}
	}
	return ""
}

// demandOfGift reads "gave Russia 50 days to reach a ceasefire or face
// ...": whom the time was given, "to", and what they are to do.
func (sc *sentenceCtx) demandOfGift() string {
	for g := 0; g < len(sc.toks); g++ {
		if !sc.f.lang.GiveVerbs[sc.toks[g].Key] || sc.masked[g] {
			continue
		}
		for k := g + 2; k < len(sc.toks) && k <= g+7; k++ {
			x := timexAt(sc.txs, sc.toks[k].Start)
			if x < 0 || sc.txs[x].Type != "DURATION" {
				continue
			}
			to := sc.tokenAfter(sc.txs[x].End)
			if to < 0 || sc.toks[to].Key != "to" {
				return ""
			}
			e := sc.phraseEnd(to+1, "or", "unless", "by", "before")
			if e <= to+1 {
				return ""
			}
			return sc.span(g+1, k) + " to " + sc.span(to+1, e)
		}
	}
	return ""
}

// demandAfter returns the phrase after the demand word k ("unless Russia
// agrees to a ceasefire by Friday"), up to "by", "until" or "or".
func (sc *sentenceCtx) demandAfter(k string) string {
	u := sc.find(0, k)
	if u < 0 {
		return ""
	}
	if u+1 < len(sc.toks) && sc.toks[u+1].Key == "that" {
		u++
	}
	if e := sc.phraseEnd(u+1, "by", "until", "or"); e > u+1 {
		return sc.span(u+1, e)
	}
	return ""
}

// demandOfDeadline returns what a deadline word k asks for: "deadline for
// Russia to ...", "until Saturday at noon to ...", with who was given the
// time ("has given Russia until Friday to make progress").
func (sc *sentenceCtx) demandOfDeadline(k string) string {
	i := sc.find(0, k)
	if i < 0 {
		return ""
	}
	j := i + 1
	for j < len(sc.toks) && (inTimex(sc.txs, sc.toks[j].Start) ||
		(sc.toks[j].Key == "at" || sc.toks[j].Key == "on") && j+1 < len(sc.toks) && inTimex(sc.txs, sc.toks[j+1].Start)) {
		j++ // "until Saturday at noon to ..."
	}
	if k != "until" {
		// "deadline for Russia to ...", "the deadline Trump set for Russia to ..."
		f := sc.find(i+1, "for")
		if f < 0 || f > i+6 {
			return ""
		}
		j = f + 1
	}
	e := sc.phraseEnd(j, "or", "expires", "expired", "passes", "passed", "runs", "ran", "lapses", "lapsed", "ends", "ended",
		"looms", "looming", "approaches", "nears", "was", "is", "were", "are", "would", "will")
	if e <= j {
		return ""
	}
	d := strings.TrimPrefix(sc.span(j, e), "to ")
	if strings.HasSuffix(d, " to") || k != "until" && !strings.Contains(d, " to ") {
		return "" // "cut his deadline for Russia to 10 or 12 days", "his deadline for Russia on Monday": no demand
	}
	if k == "until" {
		return sc.untilWhom(i) + d
	}
	return d
}

// untilWhom returns who was given until a date ("has given Russia until
// Friday": "Russia to "; "Hamas has until Saturday": "Hamas to "), the
// "until" at token i; "" when the sentence does not say.
func (sc *sentenceCtx) untilWhom(i int) string {
	if g := sc.find(0, "given", "gave", "give", "giving"); g >= 0 && g+1 < i {
		return sc.span(g+1, i) + " to "
	}
	if i >= 2 && sc.f.lang.HasVerbs[sc.toks[i-1].Key] {
		return sc.span(sc.clauseSubject(i-1), i-1) + " to "
	}
	return ""
}

// consequence reads what follows if the deadline passes: "or face W",
// "will impose W".
func (sc *sentenceCtx) consequence() string {
	for _, k := range []string{"face", "impose", "imposing", "slap"} {
		i := sc.find(0, k)
		if i < 0 {
			continue
		}
		if e := sc.phraseEnd(i+1, "expires", "expired", "passes", "runs", "ends", "if", "unless", "including"); e > i+1 {
			return sc.span(i+1, e)
		}
	}
	// ", or Tehran would end its cooperation with the watchdog"
	for o := sc.find(1, "or"); o > 0; o = sc.find(o+1, "or") {
		if sc.toks[o-1].Key != "," {
			continue
		}
		if w := sc.find(o+1, "would", "will"); w > o+1 && w <= o+4 {
			if e := sc.phraseEnd(o+1, "if", "unless"); e > w+1 {
				return sc.span(o+1, e)
			}
		}
	}
	return ""
}

// relativeDeadline dates a deadline given as a distance from the happening
// just reported: "This was just 48 hours before Trump's deadline ...
// expires" follows the sentence that dated the arrival.
func (sc *sentenceCtx) relativeDeadline() (models.ExtractedEvent, bool) {
	if sc.f.lastDate == "" {
		return models.ExtractedEvent{}, false
	}
	for _, t := range sc.txs {
		if t.Type != "DURATION" {
			continue
		}
		k := sc.tokenAfter(t.End)
		if k < 0 || sc.toks[k].Key != "before" || sc.find(k, "deadline", "ultimatum") < 0 {
			continue
		}
		days, ok := durationDays(t.Value)
		if !ok {
			continue
		}
		anchor, err := time.Parse("2006-01-02", sc.f.lastDate)
		if err != nil {
			continue
		}
		date := models.Timex{Text: t.Text, Start: t.Start, End: t.End, Type: "DATE",
			Value: anchor.AddDate(0, 0, days).Format("2006-01-02")}
		seg := sc.segmentOf(sc.find(k, "deadline", "ultimatum"))
		ev := models.ExtractedEvent{Date: date.Value, Granularity: models.GranDay, Kind: models.KindDeadline,
			Cameo: CameoUltimatum, Sentence: sc.s.Text, Expression: t.Text + " before", Start: sc.s.Start, End: sc.s.End}
		ev.Actors = sc.actors(seg.from, seg.to)
		ev.Deadline = sc.deadline(seg, date)
		ev.Deadline.Change, ev.Deadline.Target = sc.changeOf(seg), sc.targetOf()
		if ev.Deadline.SetBy != "" && !slices.Contains(ev.Actors, ev.Deadline.SetBy) {
			ev.Actors = append([]string{ev.Deadline.SetBy}, ev.Actors...)
		}
		ev.Summary = sc.summary(seg, ev)
		return ev, true
	}
	return models.ExtractedEvent{}, false
}

// tokenAfter returns the index of the first token starting at or after rune offset p, or -1.
func (sc *sentenceCtx) tokenAfter(p int) int {
	i := sort.Search(len(sc.toks), func(k int) bool { return sc.toks[k].Start >= p })
	if i == len(sc.toks) {
		return -1
	}
	return i
}

// segmentOf returns the clause holding token i.
func (sc *sentenceCtx) segmentOf(i int) *segment {
	for k := range sc.segs {
		if i >= sc.segs[k].from && i < sc.segs[k].to {
			return &sc.segs[k]
		}
	}
	return &sc.segs[0]
}

// durationDays converts a duration value of whole days or hours ("P2D",
// "PT48H") to days.
func durationDays(v string) (int, bool) {
	var num string
	mult := 1
	switch {
	case strings.HasPrefix(v, "PT") && strings.HasSuffix(v, "H"):
		num = v[2 : len(v)-1]
		mult = -24 // divide
	case strings.HasPrefix(v, "P") && strings.HasSuffix(v, "D"):
		num = v[1 : len(v)-1]
	case strings.HasPrefix(v, "P") && strings.HasSuffix(v, "W"):
		num, mult = v[1:len(v)-1], 7
	default:
		return 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 {
		return 0, false
	}
	if mult < 0 {
		if n%24 != 0 {
			return 0, false
		}
		return n / 24, true
	}
	return n * mult, true
}
