// Package temporal finds time expressions in text and normalises them
// against an explicit reference time (the article's publication time).
//
// The scanner is purpose-built: the text is cut once into tokens whose
// lower-cased words are looked up in a small lexicon, and expressions are
// matched by hand-written rules that start only at tokens the lexicon marks
// as possible triggers (numbers, month and weekday names, "last", "ago" ...).
// No general date-parsing library runs on this path.
package temporal

import (
	"strings"
	"sync"
	"time"

	"dateline/models"
)

// Types of time expressions (TIMEX3).
const (
	TypeDate     = "DATE"
	TypeTime     = "TIME"
	TypeDuration = "DURATION"
	TypeSet      = "SET"
)

// Tag finds the time expressions of text, resolved against ref. Offsets are
// rune offsets into text, end exclusive. It never fails.
func Tag(text string, ref time.Time) []models.Timex {
	return tag(text, ref.UTC(), true)
}

// TagUnanchored finds the time expressions of text when no reference time is
// known: relative expressions keep XXXX placeholders ("XXXX-WXX-3" for
// "Wednesday", "XXXX-04" for "April").
func TagUnanchored(text string) []models.Timex {
	return tag(text, time.Time{}, false)
}

var tokenPool = sync.Pool{New: func() any { b := make([]token, 0, 1024); return &b }}

// tag scans text once, matching at each trigger token and keeping the
// longest expression; anchored says whether ref is a real reference time.
func tag(text string, ref time.Time, anchored bool) []models.Timex {
	bp := tokenPool.Get().(*[]token)
	g := &tagger{toks: tokenize(text, *bp), ref: ref, anchored: anchored}
	g.lastDay = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	g.narrative = g.narrativeText()
	out := make([]models.Timex, 0, len(g.toks)/32+4)
	for i := 0; i < len(g.toks); {
		g.cur = g.sentenceAt(i)
		c, ok := g.matchAt(i)
		if !ok {
			i++
			continue
		}
		s, e := g.toks[i].rs, g.toks[c.j-1].re
		tx := models.Timex{Text: runeSlice(text, g.toks[i], g.toks[c.j-1]), Start: s, End: e, Type: c.typ, Value: c.val}
		zone := ""
		if c.typ == TypeTime {
			zone = g.zoneIn(i, c.j)
		}
		if c.mod != modNone || zone != "" {
			tx.TimexAttrs = &models.TimexAttrs{Mod: modNames[c.mod], Zone: zone}
		}
		out = append(out, tx)
		g.prevEnd, g.prevDay = c.j, c.day
		g.remember(i, c)
		if !c.day.IsZero() && !c.day.After(g.ref) {
			// Only days up to the reference time anchor "earlier in the day":
			// a deadline on Friday is not the day the story is about.
			g.lastDay = c.day
		}
		i = c.j
	}
	*bp = g.toks[:0]
	tokenPool.Put(bp)
	return out
}

// runeSlice returns the text from the start of token a to the end of token b.
func runeSlice(text string, a, b token) string {
	return text[a.bs : b.bs+len(b.raw)]
}

// cand is one matched expression: tokens [i, j), its type and value, and
// the day it denotes when it denotes exactly one day (for "that day").
type cand struct {
	j        int
	typ, val string
	day      time.Time
	narr     bool // its year came from the narrative anchor
	mod      mod  // TIMEX3 modifier (models.Timex.Mod)
}

// mod is a TIMEX3 modifier, small so that matchers return cands cheaply.
type mod uint8

const (
	modNone mod = iota
	modStart
	modMid
	modEnd
	modApprox
	modLessThan
	modMoreThan
)

// modNames are the TIMEX3 names of the modifiers.
var modNames = [...]string{"", "START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN"}

// tagger holds the tokens of one text and its reference time.
type tagger struct {
	toks     []token
	ref      time.Time
	anchored bool
	lastDay  time.Time // the last day an expression resolved to, for "that day"
	prevEnd  int       // the token after the last expression
	prevDay  time.Time // the day of the last expression, zero if not a day
	// the narrative anchors (anchor.go) and the sentence being read
	last, narr      anchor
	cur, sent, scan int
	para            int
	narrative       bool // the text narrates (narrativeText)
}

// tok returns token i, or nil outside the text.
func (g *tagger) tok(i int) *token {
	if i < 0 || i >= len(g.toks) {
		return nil
	}
	return &g.toks[i]
}

// is reports whether token i is one of words (lower case).
func (g *tagger) is(i int, words ...string) bool {
	t := g.tok(i)
	if t == nil || t.kind != kWord {
		return false
	}
	if t.lw != nil {
		// a lexicon word: its lower-cased form is at hand
		for _, w := range words {
			if t.lw.w == w {
				return true
			}
		}
		return false
	}
	for _, w := range words {
		if len(w) == len(t.raw) && strings.EqualFold(t.raw, w) {
			return true
		}
	}
	return false
}

// lower returns token i in lower case.
func (g *tagger) lower(i int) string {
	t := g.tok(i)
	if t == nil {
		return ""
	}
	if t.lw != nil {
		return t.lw.w
	}
	return strings.ToLower(t.raw)
}

// punct reports whether token i is the punctuation mark p.
func (g *tagger) punct(i int, p string) bool {
	t := g.tok(i)
	return t != nil && t.kind == kPunct && t.raw == p
}

// glued reports whether token i follows token i-1 with no space between.
func (g *tagger) glued(i int) bool {
	t := g.tok(i)
	return t != nil && !t.sp
}

// boundary reports whether token i ends a clause for tense detection.
func (g *tagger) boundary(i int) bool {
	t := g.tok(i)
	if t == nil {
		return true
	}
	if t.kind == kPunct {
		switch t.raw {
		case ":":
			// the colon of a clock time ("10:00") ends nothing
			prev, next := g.tok(i-1), g.tok(i+1)
			return prev == nil || next == nil || prev.kind != kNum || next.kind != kNum || next.sp
		case ".", "!", "?", ";", "\"", "“", "”":
			return true
		}
	}
	return false
}

// direction decides whether an underspecified expression at tokens [i, j)
// points to the past or the future of the reference time, from the
// preposition before it and the nearest tense cue in its clause.
func (g *tagger) direction(i, j int) int {
	p := i - 1
	if g.is(p, "on", "the", "this") {
		p--
	}
	switch {
	case g.is(p, "until", "till"):
		if !g.pastAfter(j) {
			return dirFuture // "postponed until Saturday"
		}
	case g.is(p, "by", "before", "through", "from"):
		if !g.pastBefore(p) && !g.pastAfter(j) {
			return dirFuture
		}
	case g.is(p, "since"):
		return dirPast
	case g.is(p, "to", "until") && g.is(p-1, "extended", "postponed", "delayed", "prolonged", "back", "moved"):
		return dirFuture // "extended to 10 November": the new end lies ahead of the old
	case g.is(p, "as") && g.is(p-1, "soon", "early") && g.is(p-2, "as"):
		return dirFuture
	}
	if (g.punct(j, "'") || g.punct(j, "’")) && g.is(j+1, "s") && !g.is(j+2, "deadline") {
		return dirPast // "Friday's ruling": a reported happening
	}
	if g.is(j, "deadline") || g.is(j+2, "deadline") && g.is(j+1, "s") {
		return dirFuture // "the Friday deadline": the one ahead
	}
	bound := g.is(p, "until", "till", "by", "before", "through", "from")
	for k, n := i-1, 0; k >= 0 && n < 14 && !g.boundary(k); k, n = k-1, n+1 {
		if d := g.cue(k); d != dirNone {
			if d == dirPast && g.is(k-1, "have") && g.is(k-2, "would", "could", "should", "might", "may", "must") {
				return dirNearest // "would have ended in mid-October": a time that did not come to pass
			}
			if d == dirFuture && g.is(k, "to") && !bound && !intentWords[g.lower(k-1)] && g.pastBefore(k) {
				return dirPast // "staged celebrations to mark the entry on Friday": a purpose, at the past verb's time
			}
			return d
		}
	}
	for k, n := j, 0; k < len(g.toks) && n < 8 && !g.boundary(k); k, n = k+1, n+1 {
		if d := g.cue(k); d != dirNone {
			return d
		}
	}
	return dirNearest
}

// pastBefore reports whether the clause before token i is in the past tense
// ("was killed by Friday" is not a deadline).
func (g *tagger) pastBefore(i int) bool {
	for k, n := i-1, 0; k >= 0 && n < 8 && !g.boundary(k); k, n = k-1, n+1 {
		if g.is(k, "has", "have", "been") {
			continue // "has given Russia until Friday": perfect, the deadline is ahead
		}
		if d := g.cue(k); d != dirNone {
			return d == dirPast
		}
	}
	return false
}

// pastAfter reports whether the first tense cue after token j is past
// ("Until Thursday, they had not called").
func (g *tagger) pastAfter(j int) bool {
	for k, n := j, 0; k < len(g.toks) && n < 8 && !g.boundary(k); k, n = k+1, n+1 {
		if d := g.cue(k); d != dirNone {
			return d == dirPast
		}
	}
	return false
}

// cue returns the tense direction token k signals, dirNone if none.
func (g *tagger) cue(k int) int {
	t := &g.toks[k]
	if t.kind != kWord {
		return dirNone
	}
	if t.past {
		if g.is(k-1, "be", "being", "to") {
			return dirNone // "to be published": passive infinitive, no tense
		}
		if g.is(k-1, "is", "are", "am") {
			if g.is(k, "planned", "scheduled", "expected", "slated", "tipped", "set") {
				return dirFuture // "is planned for mid-September"
			}
			return dirNone // a present passive: "is located in"
		}
		return dirPast
	}
	if t.lw == nil && t.raw == "to" || g.is(k, "to") {
		if n := g.tok(k + 1); n != nil && n.kind == kWord && !n.cap && n.lw == nil && !n.past && !pluralNoun(n.raw) {
			return dirFuture // "planned to leave on Thursday", not "went back to talks in March"
		}
		return dirNone
	}
	if t.lw == nil && g.is(k, "effect", "force") {
		return g.effectTense(k) // "take effect on Monday": ahead; "took effect": past
	}
	if t.lw == nil || t.lw.month != 0 && t.cap {
		return dirNone
	}
	if t.lw.future {
		if t.lw.w == "going" && !g.is(k+1, "to") {
			return dirNone
		}
		if t.lw.w == "deadline" && !g.is(k+1, "of", "for") && g.pastVerbBefore(k, 3) {
			return dirPast // "met the deadline on Sunday", "dropped his deadline on Monday"
		}
		return dirFuture
	}
	if t.lw.past {
		return dirPast
	}
	return dirNone
}

// intentWords before "to" and a verb look ahead: "planned to leave on
// Thursday" is the coming Thursday even in the past tense.
var intentWords = map[string]bool{
	"planned": true, "plans": true, "plan": true, "planning": true, "want": true, "wants": true, "wanted": true,
	"decided": true, "agreed": true, "promised": true, "vowed": true, "pledged": true, "threatened": true,
	"expected": true, "expects": true, "hoped": true, "hopes": true, "aimed": true, "aims": true, "sought": true,
	"seeks": true, "intends": true, "intended": true, "scheduled": true, "set": true, "due": true, "ready": true,
	"prepared": true, "preparing": true, "likely": true, "about": true, "going": true, "offered": true,
	"asked": true, "urged": true, "invited": true, "told": true, "called": true, "able": true, "unable": true,
	"tried": true, "trying": true, "try": true, "order": true, "ordered": true, "allowed": true,
}

// pluralNoun reports whether a word after "to" reads as a plural noun
// rather than an infinitive: it ends in -s but not -ss ("talks", not
// "discuss").
func pluralNoun(w string) bool {
	n := len(w)
	return n > 3 && (w[n-1] == 's' || w[n-1] == 'S') && w[n-2] != 's' && w[n-2] != 'S'
}

// effectTense is the direction "take effect" and "come into force" give:
// the present looks ahead ("The duties take effect on Monday"), the past
// back; anything else gives none.
func (g *tagger) effectTense(k int) int {
	v := k - 1
	if g.is(v, "into", "in") {
		v--
	}
	switch {
	case g.is(v, "take", "takes", "come", "comes", "go", "goes", "enter", "enters", "taking", "coming", "entering"):
		return dirFuture
	case g.is(v, "took", "came", "went", "entered", "taken", "gone"):
		return dirPast
	}
	return dirNone
}

// pastVerbBefore reports whether one of the n tokens before k is a past
// verb ("met the deadline", "dropped his deadline").
func (g *tagger) pastVerbBefore(k, n int) bool {
	for j := k - 1; j >= 0 && j >= k-n && !g.boundary(j); j-- {
		if t := &g.toks[j]; t.kind == kWord && (t.past || t.lw != nil && t.lw.past) {
			return true
		}
	}
	return false
}
