package events

import (
	"dateline/models"
	"dateline/models/extract/doc"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// summary is a short clean clause for the event: the clause text without
// long quotations, leading connectives or a dangling pronoun.
func (sc *sentenceCtx) summary(seg *segment, ev models.ExtractedEvent) string {
	if d := ev.Deadline; d != nil && d.Demand != "" {
		return deadlineSummary(ev.Kind, d)
	}
	if ev.Kind == models.KindStatement && ev.Cameo == CameoStatement {
		if q, ok := sc.statementQuote(ev.Actors); ok {
			return q // `Trump: "They're wily characters"`
		}
	}
	var b strings.Builder
	from, to := sc.summarySpan(seg)
	if ev.Kind == models.KindStatement {
		from, to = sc.reportedStart(seg, from, to)
		to = sc.reportedEnd(seg, to)
	}
	for i := from; i < to; i++ {
		t := sc.toks[i]
		if sc.masked[i] && ev.Kind != models.KindStatement {
			continue // a statement keeps its quoted words: they are what was said
		}
		w := sc.f.src.Slice(t.Start, t.End)
		if i == from {
			var skip int
			w, skip = sc.subjectWord(i, seg, w)
			i += skip
		}
		if b.Len() > 0 && (!t.Punct || t.Key == "(" || t.Key == "\"" || t.Key == "“") && !(i > 0 && sc.toks[i-1].End == t.Start) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return tidySummary(b.String())
}

// reportedEnd extends a statement's summary that would stop at its
// reporting verb and date ("Zelensky said on Saturday") over the clause it
// reports, when that clause follows as the next segment: "Zelensky said on
// Saturday that decisions made without Ukraine would be ...". Otherwise it
// returns to.
func (sc *sentenceCtx) reportedEnd(seg *segment, to int) int {
	verb := -1
	for _, c := range seg.cues {
		if c.kind == models.KindStatement {
			verb = c.i + c.n
		}
	}
	if verb < 0 || to != seg.to {
		return to
	}
	for k := verb; k < seg.to; k++ {
		if t := sc.toks[k]; !t.Punct && !sc.f.lang.ReportTail[t.Key] && !inTimex(seg.dates, t.Start) {
			return to // the clause says more than who spoke and when
		}
	}
	for i := range sc.segs {
		if &sc.segs[i] == seg && i+1 < len(sc.segs) {
			next := &sc.segs[i+1]
			if len(next.cues) > 0 && hasDatable(next.dates) || sc.masked[next.from] {
				return to // the next clause is an event of its own, or a quotation
			}
			return sc.beforeTrailingTime(next)
		}
	}
	return to
}

// beforeTrailingTime returns where clause seg ends without a comma and the
// time words after it ("..., a day" of "..., a day after the envoy met
// Putin", cut off by the next clause).
func (sc *sentenceCtx) beforeTrailingTime(seg *segment) int {
	for k := seg.to - 1; k > seg.from; k-- {
		t := sc.toks[k]
		if t.Key == "," {
			return k
		}
		if !t.Punct && !inTimex(sc.txs, t.Start) {
			break
		}
	}
	return seg.to
}

// reportedStart extends a statement whose clause follows what it reports
// ("China and India will resume direct flights by the end of October, the
// two governments announced on Wednesday, the latest sign of a thaw") back
// over the reported clause, and ends it after the verb and its date, before
// any aside. Otherwise it returns from and to.
func (sc *sentenceCtx) reportedStart(seg *segment, from, to int) (int, int) {
	si := slices.IndexFunc(sc.segs, func(sg segment) bool { return sg.from == seg.from })
	if si <= 0 || seg.from == 0 || sc.toks[seg.from-1].Key != "," && sc.toks[seg.from].Key != "," {
		return from, to
	}
	prev := &sc.segs[si-1]
	if !sc.mayBeReported(prev) {
		return from, to // no reported clause: "After lashing Toomey, Clinton urged ..."
	}
	verb := -1
	for _, c := range seg.cues {
		if c.kind == models.KindStatement && c.i-seg.from <= 6 {
			verb = c.i + c.n
			break
		}
	}
	if verb < 0 || sc.f.lang.LeadWords[sc.toks[seg.from].Key] {
		return from, to
	}
	return sc.reportedSpan(seg, prev, verb, from, to)
}

// mayBeReported reports whether clause prev, before a statement's clause,
// may be what it reports: a clause with no cue of its own that does not
// open with a preposition, an opener or a participle.
func (sc *sentenceCtx) mayBeReported(prev *segment) bool {
	first := sc.toks[prev.from].Key
	return !(len(prev.cues) > 0 || sc.masked[prev.from] || sc.f.lang.Prepositions[first] || sc.f.lang.Openers[first] || sc.f.lang.AdverbialOpeners[first] ||
		sc.f.lang.LeadWords[first] || strings.HasSuffix(first, "ing") || strings.HasSuffix(first, "ed"))
}

// reportedSpan returns the summary of a statement after what it reports:
// from the reported clause prev to the end of the verb (ending at token
// verb) and its date, before an aside.
func (sc *sentenceCtx) reportedSpan(seg, prev *segment, verb, from, to int) (int, int) {
	end := to
	for k := verb; k < to; k++ {
		t := sc.toks[k]
		if t.Key == "," {
			end = k // "..., the latest sign of a thaw": an aside
			break
		}
		if !t.Punct && !sc.f.lang.ReportTail[t.Key] && !inTimex(seg.dates, t.Start) {
			return from, to // the statement reports a clause of its own: "said Friday that ..."
		}
	}
	return prev.from, end
}

// statementQuote summarises a statement by the direct quotation its
// sentence holds or closes: the speaker's surname and the words.
func (sc *sentenceCtx) statementQuote(actors []string) (string, bool) {
	for _, q := range sc.f.quotes {
		if q.Kind != models.QuoteDirect || q.End <= sc.s.Start || q.Start >= sc.s.End || strings.TrimSpace(q.Text) == "" {
			continue
		}
		who := ""
		if q.Speaker != nil {
			who = *q.Speaker
		} else if len(actors) > 0 {
			who = actors[0]
		}
		if who == "" {
			continue
		}
		words := strings.Join(strings.Fields(q.Text), " ")
		if r := []rune(words); len(r) > 140 {
			cut := 140
			for cut > 100 && r[cut] != ' ' {
				cut--
			}
			words = strings.TrimRight(string(r[:cut]), " ,;:") + "…"
		}
		return shortName(sc.f.lang, who) + ": \u201c" + strings.TrimRight(words, " ,") + "\u201d", true
	}
	return "", false
}

// deadlineSummary writes a deadline or ultimatum from its parts.
func deadlineSummary(kind string, d *models.Deadline) string {
	s := "Deadline"
	if d.SetBy != "" {
		s += " set by " + d.SetBy
	}
	if kind == models.KindUltimatum {
		s = "Ultimatum"
		if d.SetBy != "" {
			s += " from " + d.SetBy
		}
	}
	s += ": " + d.Demand
	if d.Consequence != "" {
		s += "; otherwise " + d.Consequence
	}
	return s
}

// summarySpan returns the tokens of a clause worth summarising: without
// leading connectives and adverbial phrases, or a trailing distance that
// belongs to the next clause ("..., a day" before "after the envoy met").
func (sc *sentenceCtx) summarySpan(seg *segment) (int, int) {
	from := seg.from
	for from < seg.to-1 && (sc.toks[from].Punct || sc.f.lang.LeadWords[sc.toks[from].Key] || sc.masked[from]) {
		from++
	}
	from = sc.skipAdverbial(from, seg.to)
	if k := sc.afterLeadingDate(from, seg.to); k > from {
		from = k // "Last month, Rubio met Lavrov" -> "Rubio met Lavrov" (the date is the event's)
	}
	to := seg.to
	if to < len(sc.toks) && (sc.toks[to].Key == "after" || sc.toks[to].Key == "before") {
		for to > from+1 && sc.toks[to-1].Punct {
			to--
		}
		if d, ok := sc.durationAt(sc.toks[to-1].Start); ok {
			for to > from+1 && (sc.toks[to-1].Start >= d.Start || sc.toks[to-1].Punct) {
				to--
			}
		}
	}
	return from, to
}

// subjectWord names the subject a clause opens with when it is a pronoun
// or "the president": "His last visit" -> "Witkoff's last visit". skip
// says how many more tokens the replacement covers.
func (sc *sentenceCtx) subjectWord(i int, seg *segment, w string) (string, int) {
	t := sc.toks[i]
	switch {
	case (t.Key == "it" || t.Key == "they") && i > 0:
		if before := eventActors(sc.f.lang, sc.plain, sc.s.Start, t.Start, sc.f.ctx); len(before) > 0 {
			return before[0], 0
		}
	case isPronoun(t.Key) && sc.subjectAt(i) != "":
		w = shortName(sc.f.lang, sc.subjectAt(i))
		if t.Key == "his" || t.Key == "her" {
			w += "'s"
		}
		return w, 0
	case t.Key == "the" && i+1 < seg.to && sc.toks[i+1].Key == "president" && !nextIsName(sc.toks, i+1):
		if p := sc.f.ctx.lastWithRole(t.Start, "President"); p != "" {
			return shortName(sc.f.lang, p), 1
		}
	}
	return w, 0
}

// skipAdverbial skips a leading phrase set off by a comma ("In a
// high-stakes mission, U.S. envoy ...") when a clause with its own subject follows.
func (sc *sentenceCtx) skipAdverbial(from, to int) int {
	if !sc.f.lang.AdverbialOpeners[sc.toks[from].Key] {
		return from
	}
	for k := from + 1; k < to-3 && k < from+12; k++ {
		if sc.toks[k].Punct && sc.toks[k].Key == "," {
			return k + 1
		}
	}
	return from
}

// afterLeadingDate returns the token after "<date>," opening a clause, or from.
func (sc *sentenceCtx) afterLeadingDate(from, to int) int {
	j := timexAt(sc.txs, sc.toks[from].Start)
	if j < 0 {
		return from
	}
	k := from
	for k < to && sc.toks[k].Start < sc.txs[j].End {
		k++
	}
	if k+1 < to && sc.toks[k].Punct && sc.toks[k].Key == "," {
		return k + 1
	}
	return from
}

// shortName is how a summary names a person: the surname.
func shortName(lg *doc.Language, name string) string {
	if kind, _ := actorInfo(lg, name); kind == doc.ActorPerson {
		f := strings.Fields(name)
		return f[len(f)-1]
	}
	return name
}

// tidySummary trims dangling punctuation and unbalanced quotation marks and
// keeps the summary to about 200 characters.
func tidySummary(s string) string {
	s = strings.TrimSpace(s)
	if n := strings.Count(s, "\"") + strings.Count(s, "“") + strings.Count(s, "”"); n%2 == 1 {
		s = strings.NewReplacer("\"", "", "“", "", "”", "").Replace(s)
	}
	s = strings.TrimLeft(s, " ,;:-—–")
	for {
		t := strings.TrimRight(s, " ,;:-—–.")
		for _, q := range []string{"\"", "”", "'", "’"} {
			if strings.HasSuffix(t, ","+q) {
				t = strings.TrimSuffix(t, ","+q) + q
			}
		}
		for _, v := range danglingVerbs {
			t = strings.TrimSuffix(t, v)
		}
		if t == s {
			break
		}
		s = t
	}
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each bad byte written as U+FFFD
	}
	if utf8.RuneCountInString(s) > 200 {
		r := []rune(s)
		cut := 200
		for cut > 150 && r[cut] != ' ' {
			cut--
		}
		s = strings.TrimRight(string(r[:cut]), " ,;:") + "…"
	}
	// The first letter in capitals, without a copy when it is one already.
	if c, size := utf8.DecodeRuneInString(s); size > 0 {
		if u := unicode.ToUpper(c); u != c {
			s = string(u) + s[size:]
		}
	}
	return s
}

// danglingVerbs end a clause cut before its complement ("Trump's call with
// Zelensky came").
var danglingVerbs = []string{" came", " comes", " was", " were", " is", " are"}
