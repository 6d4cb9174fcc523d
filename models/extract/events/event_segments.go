package events

import (
	"slices"
	"sort"

	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/temporal"
)

// segment is one clause of a sentence: tokens [from, to) of the sentence's
// tokens, the datable time expressions inside it and its event cues.
type segment struct {
	from, to int
	dates    []models.Timex
	cues     []cue
}

// cue is an event word at token i of a sentence, n words long.
type cue struct {
	kind string
	i, n int
}

// datable reports whether a time expression names a calendar period an
// event can be dated by ("2025-08-06", "2025-W33"), not a duration or a
// vague reference.
func datable(t models.Timex) bool {
	if t.Type != "DATE" && t.Type != "TIME" || t.Value == "" || t.Value[0] < '0' || t.Value[0] > '9' {
		return false
	}
	return temporal.Granularity(t.Value) != models.GranUnknown
}

// timexAt returns the index in txs of the expression starting at rune s, or -1.
// txs are in text order and do not overlap, so a binary search finds it:
// a sentence with thousands of dates (a dump without full stops) stays
// n log n instead of quadratic.
func timexAt(txs []models.Timex, s int) int {
	if len(txs) <= 4 { // a sentence's few: asked of every token, a scan beats a search
		for i := range txs {
			if txs[i].Start >= s {
				if txs[i].Start == s {
					return i
				}
				return -1
			}
		}
		return -1
	}
	i := sort.Search(len(txs), func(k int) bool { return txs[k].Start >= s })
	if i < len(txs) && txs[i].Start == s {
		return i
	}
	return -1
}

// inTimex reports whether rune offset p lies inside one of txs.
func inTimex(txs []models.Timex, p int) bool {
	if len(txs) <= 4 {
		for i := len(txs) - 1; i >= 0; i-- {
			if txs[i].Start <= p {
				return p < txs[i].End
			}
		}
		return false
	}
	i := sort.Search(len(txs), func(k int) bool { return txs[k].Start > p })
	return i > 0 && p < txs[i-1].End
}

// splitClauses cuts a sentence's tokens into clauses at semicolons, dashes,
// subordinating words and the "that" after a reporting verb, and collects
// each clause's dates and cues. Masked tokens (inside long quotations) give
// no cues.
func splitClauses(lg *doc.Language, toks []doc.Token, masked []bool, txs []models.Timex) []segment {
	var segs []segment
	start := 0
	cut := func(i int) {
		if i > start {
			segs = append(segs, segment{from: start, to: i})
		}
		start = i
	}
	sc := &clauseScan{toks, masked, txs}
	for i := 0; i < len(toks); i++ {
		if !mayBreakClause(toks[i]) {
			continue
		}
		for _, r := range clauseBreakRules {
			if r.mark != toks[i].Punct {
				continue // a rule reads either marks or words
			}
			if ok, skip := r.at(sc, i); ok {
				cut(i)
				i += skip
				break
			}
		}
	}
	cut(len(toks))
	var out []segment
	for _, sg := range segs {
		out = append(out, splitAtCommas(lg, sg, toks, masked, txs)...)
	}
	for si := range out {
		fillSegment(lg, &out[si], toks, masked, txs)
	}
	return out
}

// clauseScan is what the clause-break rules read: a sentence's tokens,
// which are masked (inside long quotations), and its time expressions.
type clauseScan struct {
	toks   []doc.Token
	masked []bool
	txs    []models.Timex
}

// clauseRule starts a new clause at token i when at says so; skip is how
// many tokens after i the break itself takes. A rule reads marks (mark)
// or words, never both.
type clauseRule struct {
	name string
	mark bool
	at   func(sc *clauseScan, i int) (ok bool, skip int)
}

// mayBreakClause is true for every token a clause-break rule may fire at:
// a mark, a capitalised word, "that", a subordinator or a subject pronoun.
// Most words are none of these, so the rules are asked about few tokens
// (TestMayBreakClause checks the rules never fire elsewhere).
func mayBreakClause(t doc.Token) bool {
	return t.Punct || t.Upper || t.Key == "that" || t.Is(doc.ClsClauseBreak|doc.ClsSubjectPronoun)
}

// clauseBreakRules are tried in order at each token; the first that fires
// cuts the sentence there.
var clauseBreakRules = []clauseRule{
	{"semicolon or dash", true, func(sc *clauseScan, i int) (bool, int) {
		t := sc.toks[i]
		return t.Punct && (t.Key == ";" || t.Key == "—" || t.Key == "–"), 0
	}},
	{"double hyphen", true, func(sc *clauseScan, i int) (bool, int) {
		return sc.toks[i].Punct && sc.toks[i].Key == "-" && keyAt(sc.toks, i+1) == "-", 1
	}},
	{"spaced hyphen", true, func(sc *clauseScan, i int) (bool, int) { // a spaced hyphen used as a dash
		t := sc.toks[i]
		return t.Punct && t.Key == "-" && i > 0 && i+1 < len(sc.toks) && sc.toks[i-1].End < t.Start && sc.toks[i+1].Start > t.End, 0
	}},
	{"subordinator", false, func(sc *clauseScan, i int) (bool, int) { // "after the talks", not "after Friday"
		return sc.toks[i].Is(doc.ClsClauseBreak) && !sc.masked[i] && !(i+1 < len(sc.toks) && timexAt(sc.txs, sc.toks[i+1].Start) >= 0), 0
	}},
	{"reported clause", false, func(sc *clauseScan, i int) (bool, int) { // "said Wednesday that", "said he"
		t := sc.toks[i]
		return (t.Key == "that" || t.Is(doc.ClsSubjectPronoun)) && !sc.masked[i] && afterReporting(sc.toks, sc.txs, i), 0
	}},
	{"subject after a clause verb", false, func(sc *clauseScan, i int) (bool, int) {
		// "said Trump plans to ..."; not after "told", whose object follows
		t := sc.toks[i]
		return t.Upper && i > 0 && sc.toks[i-1].Is(doc.ClsSaidVerb) && !sc.masked[i] && !inTimex(sc.txs, t.Start), 0
	}},
}

// splitAtCommas cuts a clause with two or more different dates at its
// commas, each piece running to the next dated piece, so that "Trump will
// meet Putin on August 15, he announced on Friday, the day his deadline ran
// out" gives the meeting its date and the deadline another. With no comma
// between two dates it cuts at a clause conjunction ("arrived in Moscow on
// Wednesday and met Putin on Thursday").
func splitAtCommas(lg *doc.Language, sg segment, toks []doc.Token, masked []bool, txs []models.Timex) []segment {
	var dated []int   // token indices of the dates' first tokens
	var seen []string // their values, each once
	for i := sg.from; i < sg.to; i++ {
		if j := timexAt(txs, toks[i].Start); j >= 0 && !masked[i] && datable(txs[j]) && !slices.Contains(seen, txs[j].Value) && !afterSince(toks, toks[i].Start) {
			seen = append(seen, txs[j].Value)
			dated = append(dated, i)
		}
	}
	if len(dated) < 2 {
		return []segment{sg}
	}
	var out []segment
	start := sg.from
	for n := 1; n < len(dated); n++ {
		// Cut at the last comma before the next date, so a date opening
		// the sentence ("Last month, Rubio met Lavrov") keeps its clause.
		cut := -1
		for i := dated[n] - 1; i > dated[n-1]; i-- {
			if toks[i].Punct && toks[i].Key == "," && !masked[i] {
				cut = i
				break
			}
		}
		if cut < 0 {
			cut = conjunctionAfter(lg, toks, masked, txs, dated[n-1], dated[n])
		}
		if cut >= 0 {
			out = append(out, segment{from: start, to: cut})
			start = cut + 1
		}
	}
	if start < sg.to {
		out = append(out, segment{from: start, to: sg.to})
	}
	return out
}

// afterReporting reports whether token i follows a reporting verb, with
// only a time expression or "on" between ("said Wednesday that", "said he").
func afterReporting(toks []doc.Token, txs []models.Timex, i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		switch {
		case toks[k].Is(doc.ClsReportingVerb):
			return true
		case inTimex(txs, toks[k].Start), toks[k].Key == "on" && k+1 < i && inTimex(txs, toks[k+1].Start):
		default:
			return false
		}
	}
	return false
}

// fillSegment finds the dates and cues of one clause.
func fillSegment(lg *doc.Language, s *segment, toks []doc.Token, masked []bool, txs []models.Timex) {
	from, to := toks[s.from].Start, toks[s.to-1].End
	for _, t := range txs {
		if t.Start >= from && t.End <= to && !maskedAt(toks, masked, t.Start) && !afterSince(toks, t.Start) {
			s.dates = append(s.dates, t)
		}
	}
	for i := s.from; i < s.to; i++ {
		if masked[i] || toks[i].Punct || inTimex(txs, toks[i].Start) {
			continue
		}
		if kind, n := cueAt(lg, toks[:s.to], i); kind != "" {
			if scareQuoted(toks, i, n) {
				continue // called the memorandum an "ultimatum": a word, not a happening
			}
			s.cues = append(s.cues, cue{kind: kind, i: i, n: n})
			i += n - 1
		}
	}
}

// scareQuoted reports whether the cue toks[i:i+n] stands alone between
// quotation marks.
func scareQuoted(toks []doc.Token, i, n int) bool {
	if i == 0 || i+n >= len(toks) {
		return false
	}
	open, close := toks[i-1].Key, toks[i+n].Key
	return (open == "\"" || open == "“" || open == "‘") && (close == "\"" || close == "”" || close == "’")
}

// afterSince reports whether the expression at rune p follows "since": the
// start of a period ("talks since 2022") dates nothing that happened in it.
func afterSince(toks []doc.Token, p int) bool {
	i := tokenAt(toks, p)
	return i > 0 && toks[i-1].Key == "since"
}

// tokenAt returns the index of the token starting at rune p, or -1; toks
// are in text order.
func tokenAt(toks []doc.Token, p int) int {
	i := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= p })
	if i < len(toks) && toks[i].Start == p {
		return i
	}
	return -1
}

// maskedAt reports whether the token starting at rune p is masked: dates
// inside a quotation belong to the speaker's words.
func maskedAt(toks []doc.Token, masked []bool, p int) bool {
	i := tokenAt(toks, p)
	return i >= 0 && masked[i]
}

// maskQuotes marks the tokens inside quotations of six words or more: what
// a speaker says ("Putin will stop killing people") is not a happening the
// article reports, while short scare quotes ("a 'highly productive
// meeting'") stay readable.
func maskQuotes(r []rune, toks []doc.Token) []bool {
	masked := make([]bool, len(toks))
	open, first := -1, true
	for i, t := range toks {
		if !t.Punct || !isQuoteMark(r[t.Start]) {
			continue
		}
		if open < 0 {
			if opensQuote(r, t.Start) {
				open = i
			} else if first && i >= 3 {
				// The closing mark of a quotation the sentence splitter cut:
				// "... his economy stinks,' Trump said on Tuesday."
				for k := 0; k <= i; k++ {
					masked[k] = true
				}
			}
			first = false
			continue
		}
		first = false
		if i-open-1 >= 6 || open == 0 && i-open-1 >= 3 {
			for k := open; k <= i; k++ {
				masked[k] = true
			}
		}
		open = -1
	}
	return masked
}

// isQuoteMark reports whether c is a quotation mark.
func isQuoteMark(c rune) bool {
	switch c {
	case '"', '“', '”', '\'', '‘', '’', '«', '»':
		return true
	}
	return false
}

// opensQuote reports whether the mark at p can open a quotation: at the
// start or after a space or opening bracket.
func opensQuote(r []rune, p int) bool {
	if p == 0 {
		return true
	}
	c := r[p-1]
	return c == ' ' || c == '\n' || c == '(' || c == '[' || c == '\t' || c == '—'
}

// opensClause reports whether the words from token i may open a clause of
// their own after a conjunction: not a date or a preposition, which go on
// the phrase before ("in her 2000 and 2006 races", "in 2005 and through
// this year").
func opensClause(lg *doc.Language, toks []doc.Token, txs []models.Timex, i int) bool {
	if i >= len(toks) || toks[i].Punct || inTimex(txs, toks[i].Start) {
		return false
	}
	return !lg.Prepositions[toks[i].Key]
}

// conjunctionAfter returns the clause conjunction that closes the dated
// clause whose date starts at token d, before the next date at token
// next: right after the date and up to three words more ("arrived in
// Moscow on Wednesday and met Putin on Thursday"), opening a clause; -1
// when there is none ("McCrory and other officials" is one subject).
func conjunctionAfter(lg *doc.Language, toks []doc.Token, masked []bool, txs []models.Timex, d, next int) int {
	k := d
	for k < next && inTimex(txs, toks[k].Start) {
		k++
	}
	for i := k; i < next && i <= k+3; i++ {
		if toks[i].Punct {
			return -1
		}
		if lg.ClauseConjunctions[toks[i].Key] && !masked[i] && opensClause(lg, toks, txs, i+1) {
			return i
		}
	}
	return -1
}
