package pages

import (
	"strings"
	"time"

	"dateline/models"
)

// signal reads a header line that dates an article: a "Published ..." line,
// a relative age (with the outlet glued in front, if any) or a bare date.
func signal(line string, fetched *time.Time) (source string, st stamp, ok bool) {
	if st, ok := parsePublishedLine(line, fetched); ok {
		return "", st, true
	}
	if src, st, ok := parseAge(line, fetched); ok {
		return src, st, true
	}
	if st, ok := parseDateOnly(line); ok {
		return "", st, true
	}
	return "", stamp{}, false
}

// headerGroups splits a header run at its dating lines, one article per
// line: the lines before it give the title and outlet, the bullets and
// title repeats after it belong to it, anything else after it opens the next
// header. Two dating lines in a row ("Published ...", "Updated ...") date one
// article. A run without dating lines gives nothing; so does a run opening
// with a date or "Published" line, unless it opens the page.
func headerGroups(lines []string, first bool, fetched *time.Time) []*draft {
	var out []*draft
	var cur *draft
	var pending []string
	for _, l := range lines {
		src, st, ok := signal(l, fetched)
		if ok && st.By != "age" && cur == nil && len(pending) == 0 && !first {
			// A date with no headline over it, inside a page, is a section
			// of the article (a timeline entry, an update stamp), not a new one.
			ok = false
		}
		switch {
		case ok && cur != nil && len(pending) == 0:
			cur.st = betterStamp(cur.st, st)
			if cur.source == "" {
				cur.source = src
			}
		case ok:
			d := &draft{st: st, source: src}
			d.title, d.source = pickTitle(pending, src)
			out, cur, pending = append(out, d), d, nil
		case cur == nil:
			pending = append(pending, l)
		default:
			pending = cur.after(l, pending)
		}
	}
	if cur != nil {
		if cur.title == "" && len(pending) > 0 {
			// the age came first ("Outlet · 3h", then the headline)
			cur.title, _ = pickTitle(pending[:1], "x")
		}
		cur.add(leadLines(pending, cur))
	}
	return out
}

// after takes line l of a header after the draft's dating line: a bullet
// right after it gives its outlet, a repeat of its title is dropped, and
// anything else is pending for the next header or the body. It returns the
// pending lines.
func (d *draft) after(l string, pending []string) []string {
	if s, isBullet := bulletSource(l); isBullet && len(pending) == 0 {
		if d.source == "" {
			d.source = s
		}
		return pending
	}
	if !sameText(l, d.title) || len(pending) > 0 {
		pending = append(pending, l)
	}
	return pending
}

// betterStamp prefers a resolved time, then a publication time over an
// update time, then the finer precision.
func betterStamp(a, b stamp) stamp {
	switch {
	case a.At == nil:
		if b.At != nil {
			return b
		}
	case b.At == nil:
	case a.By == "updated" && b.By != "updated":
		return b
	case a.Prec == models.PrecDay && b.Prec == models.PrecHour && b.By != "updated":
		return b
	}
	return a
}

// pickTitle finds the headline and the outlet among the header lines before
// a dating line. Lines up to the last piece of furniture are the previous
// page section. The outlet is the glued one if given, else a short last line
// under the headline ("Roya News"), else a "Source:" line or a bullet. The
// headline is a line printed twice in a row, else the first line of three or
// more words, else the first line.
func pickTitle(lines []string, glued string) (title, source string) {
	source = glued
	var cands []string
	for _, l := range lines {
		switch {
		case isFurniture(l):
			cands = cands[:0]
		case bylineRe.MatchString(l):
		case sourceLineRe.MatchString(l):
			source = firstNonEmpty(source, sourceLineRe.FindStringSubmatch(l)[1])
		default:
			if s, ok := bulletSource(l); ok {
				source = firstNonEmpty(source, s)
				continue
			}
			cands = append(cands, l)
		}
	}
	if n := len(cands); n >= 2 && len(strings.Fields(cands[n-1])) <= 5 && !sameText(cands[n-1], cands[n-2]) {
		if source == "" || sameText(source, cands[n-1]) {
			source, cands = cands[n-1], cands[:n-1]
		}
	}
	for i := 1; i < len(cands); i++ {
		if sameText(cands[i], cands[i-1]) {
			return cands[i], source
		}
	}
	for _, c := range cands {
		if len(strings.Fields(c)) >= 3 {
			return c, source
		}
	}
	if len(cands) > 0 {
		return cands[0], source
	}
	return "", source
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return strings.TrimSpace(b)
}

func sameText(a, b string) bool {
	return a != "" && normalizeText(a) == normalizeText(b)
}

// finishDrafts dates undated drafts from a wire dateline, drops empty ones,
// merges copies of one article and builds the articles.
func finishDrafts(drafts []*draft, fetched *time.Time, p *poll) []models.ExtractedArticle {
	var kept []*draft
	for _, d := range drafts {
		if p.now() != nil {
			return nil
		}
		if len(d.paras) == 0 {
			continue
		}
		if agency, st, ok := parseDateline(d.paras[0], fetched); ok {
			d.source = firstNonEmpty(d.source, agency)
			if d.st.By == "" {
				d.st = st
			}
		}
		if i := copyOf(kept, d); i >= 0 {
			mergeDraft(kept[i], d)
			continue
		}
		kept = append(kept, d)
	}
	out := make([]models.ExtractedArticle, 0, len(kept))
	for _, d := range kept {
		a := models.ExtractedArticle{Title: d.title, Source: d.source, Body: strings.Join(d.paras, "\n\n")}
		if d.st.At != nil {
			t := d.st.At.UTC()
			a.PublishedAt, a.PublishedPrecision, a.PublishedBy = &t, d.st.Prec, d.st.By
		}
		out = append(out, a)
	}
	return out
}

// copyOf returns the index of the draft d copies: the same title, or a body
// that starts the other's (one copy cut short), at least 80 letters long.
func copyOf(kept []*draft, d *draft) int {
	if len(kept) == 0 {
		return -1 // most pages hold one article: nothing to normalise for
	}
	d.normalize()
	for i, k := range kept {
		k.normalize()
		if d.normTitle != "" && d.normTitle == k.normTitle {
			return i
		}
		short, long := d.normBody, k.normBody
		if len(short) > len(long) {
			short, long = long, short
		}
		if len(short) >= 80 && strings.HasPrefix(long, short) {
			return i
		}
	}
	return -1
}

// mergeDraft folds copy d into k: the full body over a cut one, then the
// one with more paragraphs (a page's main copy keeps them, its related-box
// copy glues them), then the longer; the better publication time; any
// missing title or outlet.
func mergeDraft(k, d *draft) {
	kl, dl := len(strings.Join(k.paras, " ")), len(strings.Join(d.paras, " "))
	switch {
	case k.cut != d.cut:
		if k.cut {
			k.paras, k.cut = d.paras, false
		}
	case len(d.paras) > len(k.paras) || len(d.paras) == len(k.paras) && dl > kl:
		k.paras = d.paras
	}
	k.st = betterStamp(k.st, d.st)
	k.title = firstNonEmpty(k.title, d.title)
	k.source = firstNonEmpty(k.source, d.source)
	k.normTitle, k.normBody = "", ""
	k.normalize()
}

// normalize fills in the comparison forms of the title and body.
func (d *draft) normalize() {
	if d.normTitle == "" && d.normBody == "" {
		d.normTitle = normalizeText(d.title)
		d.normBody = normalizeText(strings.Join(d.paras, " "))
	}
}
