package quotes

import (
	"regexp"
	"sort"
	"strings"

	"dateline/models"
)

// Granularities of a quote's said_at, by the shape of the TIMEX3 value.
var saidShapes = []struct {
	re   *regexp.Regexp
	gran string
}{
	{regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(T.*)?$`), "day"},
	{regexp.MustCompile(`^(\d{4}-W\d{2}-WE)$`), "weekend"},
	{regexp.MustCompile(`^(\d{4}-W\d{2})$`), "week"},
	{regexp.MustCompile(`^(\d{4}-\d{2})$`), "month"},
}

// saidValue returns the date of a time expression's value and its
// granularity, false for values no saying is placed at (a year, a
// duration, an unresolved "Tuesday", "recently").
func saidValue(v string) (string, string, bool) {
	for _, sh := range saidShapes {
		if m := sh.re.FindStringSubmatch(v); m != nil {
			return m[1], sh.gran, true
		}
	}
	return "", "", false
}

// saidAt finds when the words of c were said: a time expression of the
// attribution's sentence that belongs to the saying, not to what was
// said. One after the reporting verb and outside the reported words
// ("said on Tuesday that", "told CBS in an interview on Tuesday", "said
// of the Russians over the weekend"), or one opening the sentence before
// the speaker ("On Tuesday, Lavrov said"), or one between the speaker and
// the verb with no aside ("Lavrov on Monday said"). A date in an aside
// belongs to a clause about the speaker ("Trump, who met Putin on Friday,
// said") and is not taken.
func (f *quoteFinder) saidAt(c candidate, ctxS, ctxE int) (string, string, bool) {
	if !c.attr.found() || len(f.timexes) == 0 {
		return "", "", false
	}
	subjS := f.toks[c.attr.subjS].Start
	at := f.toks[c.attr.subjE-1].End // where the verb is looked for from
	if c.attr.cueTok >= 0 {
		at = f.toks[c.attr.cueTok].Start
	}
	si := f.sentAt(max(subjS, at))
	sS, sE := f.sents[si].Start, f.sents[si].End
	inWords := func(x models.Timex) bool {
		return x.Start < max(c.e, ctxE) && x.End > min(c.s, ctxS)
	}
	// After a cue that opens its content, the saying's time stands before
	// the content ("said on Tuesday that ..."); what follows the content
	// is the content's or another speaker's.
	limit := sE
	if cs := min(c.s, ctxS); cs > at {
		limit = cs
	}
	i := sort.Search(len(f.timexes), func(i int) bool { return f.timexes[i].End > sS })
	for ; i < len(f.timexes) && f.timexes[i].Start < sE; i++ {
		x := f.timexes[i]
		if !f.ofSaying(c, x, at, limit, sE) || inWords(x) && !inTrail(c.attr, x) {
			continue
		}
		if v, g, ok := saidValue(x.Value); ok {
			return v, g, true
		}
	}
	return "", "", false
}

// inTrail reports whether x lies in the venue closing the reported words
// of at ("..., in a statement on Tuesday").
func inTrail(at attribution, x models.Timex) bool {
	return at.trailE > 0 && x.Start >= at.trailS && x.End <= at.trailE
}

// ofSaying reports whether time expression x, in a sentence ending at
// offset sE, may tell when the words of c were said: in the venue closing
// them, after the cue at offset at (up to limit), opening the sentence
// before the speaker, or between the speaker and the cue with no aside.
func (f *quoteFinder) ofSaying(c candidate, x models.Timex, at, limit, sE int) bool {
	if inTrail(c.attr, x) {
		return true
	}
	if x.End > sE || (x.Start >= at && x.End > limit) {
		return false
	}
	subjS := f.toks[c.attr.subjS].Start
	after := x.Start >= at
	opening := x.End <= subjS && f.onlyPunctBetween(x.End, subjS)
	// "The G7 on Monday called for", "Lavrov last week said"
	between := x.Start >= f.toks[c.attr.subjE-1].End && x.End <= at && !strings.ContainsRune(string(f.r[subjS:at]), ',')
	return after || opening || between
}

// onlyPunctBetween reports whether nothing but spaces and punctuation
// stands between rune offsets a and b ("On Tuesday, Lavrov").
func (f *quoteFinder) onlyPunctBetween(a, b int) bool {
	for _, c := range f.r[a:b] {
		if c != ' ' && c != ',' && c != '\n' && c != '\u2014' && c != '-' {
			return false
		}
	}
	return true
}
