package chartimg

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"dateline/models"
	"dateline/views"
)

// The sizes the images are promised at: the timeline picture, the share
// card of og:image (1200x630, what social sites show large) and the
// deadline card.
const (
	TimelineW, TimelineH = 960, 480
	ShareW, ShareH       = 1200, 630
	DeadlineW, DeadlineH = 800, 420
)

// MaxEvents is the most events a timeline picture draws: the latest ones.
// A story page lists at most 200, so this bounds the work without losing
// any in practice.
const MaxEvents = 400

// Timeline is what a timeline picture shows.
type Timeline struct {
	Title   string
	Entries []models.TimelineEntry // ordered by date, as the store returns them
	Footer  string                 // outlets, updated, credit
	Theme   views.Theme
	// Transparent leaves the background out.
	Transparent bool
	W, H        int // TimelineW x TimelineH when zero
}

// dot is one event placed on the time axis.
type dot struct {
	at       time.Time
	kind     string
	when     string
	summary  string
	pinned   bool
	deadline bool
}

// TimelineScene lays out a story's events on a time axis, one row per
// kind in the order of kinds.txt, deadlines as dashed lines, with the
// latest events written out under the axis and the footer at the bottom.
func TimelineScene(t Timeline) (*Scene, error) {
	if t.W <= 0 || t.H <= 0 {
		t.W, t.H = TimelineW, TimelineH
	}
	fs, err := newFaces()
	if err != nil {
		return nil, err
	}
	defer fs.close()
	dots := timelineDots(t.Entries)
	th := t.Theme
	s := &Scene{W: t.W, H: t.H, Title: clip(t.Title, 300)}
	if !t.Transparent {
		s.Background = th.Background
	}
	u := float64(t.W) / TimelineW
	pad := 24 * u
	inner := float64(t.W) - 2*pad
	title := fs.fit(clip(t.Title, 300), 22*u, true, inner)
	s.text(pad, pad+22*u, title, 22*u, true, anchorStart, th.Ink)
	s.Desc = describe(dots)
	s.text(pad, pad+44*u, s.Desc, 13*u, false, anchorStart, th.Muted)
	footerY := float64(t.H) - pad
	s.text(pad, footerY, fs.fit(clip(t.Footer, 500), 12*u, false, inner), 12*u, false, anchorStart, th.Muted)
	nLatest := min(len(dots), 3)
	if t.H >= ShareH {
		nLatest = min(len(dots), 4)
	}
	latestTop := footerY - 22*u - float64(nLatest)*20*u
	plot := box{x0: pad, y0: pad + 64*u, x1: float64(t.W) - pad, y1: latestTop - 30*u}
	if len(dots) == 0 {
		s.text(float64(t.W)/2, (plot.y0+plot.y1)/2, "No dated events yet.", 16*u, false, anchorMiddle, th.Muted)
		return s, nil
	}
	drawAxes(s, fs, plot, dots, th, u)
	latest(s, fs, dots[len(dots)-nLatest:], pad, latestTop+16*u, inner, th, u)
	return s, nil
}

// box is a rectangle by its corners.
type box struct{ x0, y0, x1, y1 float64 }

// timelineDots keeps the dated entries, the latest MaxEvents of them.
func timelineDots(entries []models.TimelineEntry) []dot {
	var out []dot
	for _, en := range entries {
		ev := en.Event
		if ev.SortAt.IsZero() {
			continue
		}
		out = append(out, dot{at: ev.SortAt.UTC(), kind: ev.Kind, when: views.DisplayDate(ev.Date, ev.Granularity),
			summary: clip(ev.Summary, 300), pinned: en.Pinned,
			deadline: ev.Kind == models.KindDeadline || ev.Kind == models.KindUltimatum})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	if len(out) > MaxEvents {
		out = out[len(out)-MaxEvents:]
	}
	return out
}

// describe is the picture's one-line description: how many events, from
// when to when.
func describe(dots []dot) string {
	switch len(dots) {
	case 0:
		return "No dated events yet"
	case 1:
		return "1 event, " + dots[0].when
	}
	return fmt.Sprintf("%d events, %s to %s", len(dots), dots[0].when, dots[len(dots)-1].when)
}

// rowsOf lists the kinds present, in display order, unknown kinds last.
func rowsOf(dots []dot) []string {
	present := map[string]bool{}
	for _, d := range dots {
		present[d.kind] = true
	}
	var rows []string
	for _, k := range views.KindNames() {
		if present[k] {
			rows = append(rows, k)
			delete(present, k)
		}
	}
	var rest []string
	for k := range present {
		rest = append(rest, k)
	}
	slices.Sort(rest)
	return append(rows, rest...)
}

// drawAxes draws the kind rows, the time ticks, the deadline lines and
// the dots.
func drawAxes(s *Scene, fs *faces, p box, dots []dot, th views.Theme, u float64) {
	rows := rowsOf(dots)
	labelW := 0.0
	for _, k := range rows {
		labelW = max(labelW, fs.width(k, 13*u, false))
	}
	labelW = min(labelW, 140*u)
	p.x0 += labelW + 14*u
	from, to := span(dots)
	x := func(t time.Time) float64 {
		return p.x0 + (p.x1-p.x0)*float64(t.Sub(from))/float64(to.Sub(from))
	}
	rowH := (p.y1 - p.y0) / float64(len(rows))
	y := map[string]float64{}
	for i, k := range rows {
		y[k] = p.y0 + rowH*(float64(i)+0.5)
		s.line(p.x0, y[k], p.x1, y[k], 1, th.Rule, false)
		s.text(p.x0-10*u, y[k]+4.5*u, fs.fit(k, 13*u, false, labelW), 13*u, false, anchorEnd, th.Muted)
	}
	s.line(p.x0, p.y1, p.x1, p.y1, 1, th.Muted, false)
	for _, tk := range ticks(from, to) {
		tx := x(tk.at)
		s.line(tx, p.y1, tx, p.y1+5*u, 1, th.Muted, false)
		s.text(tx, p.y1+19*u, tk.label, 12*u, false, anchorMiddle, th.Muted)
	}
	lines := 0
	for _, d := range dots {
		if d.deadline && lines < 20 {
			s.line(x(d.at), p.y0-6*u, x(d.at), p.y1, 2*u, views.MarkColour(models.KindDeadline, th), true)
			lines++
		}
	}
	for _, d := range dots {
		r := 6 * u
		if d.pinned {
			r = 8 * u
		}
		s.circle(x(d.at), y[d.kind], r, views.MarkColour(d.kind, th), th.Background, d.when+": "+d.summary)
	}
}

// span is the time the axis covers: the events' first to last date with a
// margin of 4% each side, at least a day.
func span(dots []dot) (time.Time, time.Time) {
	from, to := dots[0].at, dots[len(dots)-1].at
	if to.Sub(from) < 24*time.Hour {
		mid := from.Add(to.Sub(from) / 2)
		from, to = mid.Add(-12*time.Hour), mid.Add(12*time.Hour)
	}
	m := to.Sub(from) / 25
	return from.Add(-m), to.Add(m)
}

// tick is one labelled mark of the time axis.
type tick struct {
	at    time.Time
	label string
}

// ticks picks four to eight round dates between from and to: days, weeks,
// months, quarters or years, whichever fits.
func ticks(from, to time.Time) []tick {
	steps := []struct {
		days   int
		months int
		layout string
	}{{1, 0, "2 Jan"}, {2, 0, "2 Jan"}, {7, 0, "2 Jan"}, {14, 0, "2 Jan"}, {0, 1, "Jan 2006"},
		{0, 2, "Jan 2006"}, {0, 3, "Jan 2006"}, {0, 6, "Jan 2006"}, {0, 12, "2006"}, {0, 24, "2006"}, {0, 60, "2006"}}
	for _, st := range steps {
		var out []tick
		// Months and years start on round values: every second month
		// from January, every fifth year from a multiple of five.
		t := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
		switch {
		case st.months >= 12:
			years := st.months / 12
			t = time.Date(from.Year()/years*years, 1, 1, 0, 0, 0, 0, time.UTC)
		case st.months > 0:
			t = time.Date(from.Year(), time.Month((int(from.Month())-1)/st.months*st.months+1), 1, 0, 0, 0, 0, time.UTC)
		}
		for ; !t.After(to) && len(out) <= 8; t = t.AddDate(0, st.months, st.days) {
			if !t.Before(from) {
				out = append(out, tick{at: t, label: t.Format(st.layout)})
			}
		}
		if len(out) <= 8 {
			return out
		}
	}
	return nil
}

// latest writes the last events out, newest first, each with a dot of
// its kind's colour.
func latest(s *Scene, fs *faces, dots []dot, x, y, w float64, th views.Theme, u float64) {
	for i := len(dots) - 1; i >= 0; i-- {
		d := dots[i]
		s.circle(x+5*u, y-4.5*u, 5*u, views.MarkColour(d.kind, th), "", "")
		when := d.when + " · "
		s.text(x+16*u, y, when, 14*u, true, anchorStart, th.Ink)
		ww := fs.width(when, 14*u, true)
		s.text(x+16*u+ww, y, fs.fit(d.summary, 14*u, false, w-16*u-ww), 14*u, false, anchorStart, th.Ink)
		y += 20 * u
	}
}
