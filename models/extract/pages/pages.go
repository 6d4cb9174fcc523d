package pages

import (
	"context"
	"strings"
	"time"

	"dateline/models"
	"dateline/models/extract/doc"
)

// splitPage splits pasted text into its articles: a single article (plain
// text or wire copy) or a news-aggregator page dump holding a main article
// and related ones.
//
// The page is read as runs of lines: prose runs (running text) and header
// runs (short lines: headlines, outlet names, ages, bullets, buttons). A
// header run holding an age ("21 hours ago", "Al Bawaba21 hours ago"), a
// "Published ..." line or a bare date opens one article per such line; the
// first run of the page and a headline over a wire dateline open one too.
// Other header runs are sub-headings, kept, unless they hold page furniture,
// which ends the current article and drops what follows up to the next
// header. Copies of one article (the same title, or one body the start of the
// other, as when a copy ends in "... Read more") are merged.
//
// Bodies are clean text, one paragraph per line, paragraphs separated by a
// blank line. Ages resolve against fetched (hour precision); with nothing to
// date an article, its PublishedAt stays nil. Empty input gives no articles.
func splitPage(page string, fetched *time.Time) []models.ExtractedArticle {
	arts, _ := SplitPageContext(context.Background(), page, fetched)
	return arts
}

// SplitPageContext is splitPage that stops with ETIMEOUT when ctx ends,
// checking it every few hundred lines and at every draft.
func SplitPageContext(ctx context.Context, page string, fetched *time.Time) ([]models.ExtractedArticle, error) {
	p := &poll{ctx: ctx}
	sp := splitter{fetched: fetched, poll: p}
	runs := toRuns(page, p)
	for i, r := range runs {
		if p.stop() {
			break
		}
		if r.prose {
			sp.prose(r.lines)
		} else {
			sp.header(r.lines, i == 0, nextProse(runs, i))
		}
	}
	if p.stop() || p.now() != nil {
		return nil, p.err
	}
	arts := finishDrafts(sp.drafts, fetched, p)
	if p.now() != nil {
		return nil, p.err
	}
	return arts, nil
}

// poll checks a context every pollEvery calls of stop, so that loops over
// lines pay for ctx.Err only now and then; err keeps the first failure.
type poll struct {
	ctx context.Context
	n   int
	err error
}

const pollEvery = 256

// stop reports whether the context has ended, looking every pollEvery calls.
func (p *poll) stop() bool {
	if p.err == nil && p.n%pollEvery == 0 {
		p.err = doc.Stopped(p.ctx)
	}
	p.n++
	return p.err != nil
}

// now checks the context at once and returns the first failure.
func (p *poll) now() error {
	if p.err == nil {
		p.err = doc.Stopped(p.ctx)
	}
	return p.err
}

// splitter holds the articles read so far and the one being read.
type splitter struct {
	fetched *time.Time
	poll    *poll // checked per line; once it stops, lines are skipped
	drafts  []*draft
	cur     *draft // nil before the first article and after furniture
	discard bool   // after furniture: drop text until the next header
}

func (sp *splitter) open(d *draft) {
	sp.drafts = append(sp.drafts, d)
	sp.cur, sp.discard = d, false
}

// prose adds running text to the current article. A paragraph opening with
// a wire dateline starts a new article (wire stories pasted back to back).
func (sp *splitter) prose(lines []string) {
	for _, l := range lines {
		if sp.poll.stop() {
			return
		}
		if _, _, ok := parseDateline(l, sp.fetched); ok && (sp.cur == nil || len(sp.cur.paras) > 0) {
			sp.open(&draft{})
		}
		if sp.cur == nil && !sp.discard {
			sp.open(&draft{})
		}
		if !sp.discard {
			sp.cur.add([]string{l})
		}
	}
}

// header reads a run of short lines: article headers, furniture, or
// sub-headings of the current article.
func (sp *splitter) header(lines []string, first bool, next string) {
	if heads := headerGroups(lines, first, sp.fetched); len(heads) > 0 {
		for _, d := range heads {
			sp.open(d)
		}
		return
	}
	if d, ok := plainHeader(lines, first, next, sp.fetched); ok {
		sp.open(d)
		return
	}
	if hasFurniture(lines) {
		sp.cur, sp.discard = nil, true
		return
	}
	if sp.cur != nil && !sp.discard {
		sp.cur.add(lines) // sub-headings
	}
}

// run is a stretch of the page: prose lines, or short header lines.
type run struct {
	lines []string
	prose bool
}

// toRuns cleans the page's lines and groups them into runs; blank lines
// separate nothing but are dropped.
func toRuns(page string, p *poll) []run {
	page = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u00a0", " ", "\u2028", "\n", "\u2029", "\n", "\t", " ").Replace(page)
	var runs []run
	for _, raw := range strings.Split(page, "\n") {
		if p.stop() {
			return nil
		}
		line := strings.Join(strings.Fields(raw), " ")
		if line == "" {
			continue
		}
		prose := isProse(line)
		if n := len(runs); n > 0 && runs[n-1].prose == prose {
			runs[n-1].lines = append(runs[n-1].lines, line)
			continue
		}
		runs = append(runs, run{lines: []string{line}, prose: prose})
	}
	return runs
}

// nextProse returns the first line of the prose run after runs[i], or "".
func nextProse(runs []run, i int) string {
	if i+1 < len(runs) && runs[i+1].prose {
		return runs[i+1].lines[0]
	}
	return ""
}

func hasFurniture(lines []string) bool {
	for _, l := range lines {
		if isFurniture(l) {
			return true
		}
	}
	return false
}

// draft is an article being read.
type draft struct {
	title, source string
	st            stamp
	paras         []string
	cut           bool // a copy cut short ("... Read more")

	normTitle, normBody string // comparison forms, set by normalize
}

// add appends paragraphs, cleaned of teasers; empty ones are dropped.
func (d *draft) add(lines []string) {
	for _, l := range lines {
		p, cut := cleanParagraph(l)
		d.cut = d.cut || cut
		if p != "" {
			d.paras = append(d.paras, p)
		}
	}
}

// plainHeader reads a header run with no age or date in it as the title of
// a new article when it opens the page, or when the text under it opens with
// a wire dateline. Lines under the title that are neither furniture nor
// bylines (a standfirst) become the first paragraphs.
func plainHeader(lines []string, first bool, next string, fetched *time.Time) (*draft, bool) {
	_, _, dateline := parseDateline(next, fetched)
	if !first && !dateline {
		return nil, false
	}
	d := &draft{}
	d.title, d.source = pickTitle(lines, "")
	if d.title == "" && !first {
		return nil, false
	}
	start := 0
	for i, l := range lines {
		if l == d.title {
			start = i + 1
			break
		}
	}
	d.add(leadLines(lines[start:], d))
	return d, true
}

// leadLines keeps the header lines under a title that read as text: not the
// title again, the outlet, furniture, a byline or a "Source:" line.
func leadLines(lines []string, d *draft) []string {
	var out []string
	for _, l := range lines {
		if l == d.title || l == d.source || isFurniture(l) || bylineRe.MatchString(l) || sourceLineRe.MatchString(l) {
			continue
		}
		if _, ok := bulletSource(l); ok {
			continue
		}
		out = append(out, l)
	}
	return out
}
