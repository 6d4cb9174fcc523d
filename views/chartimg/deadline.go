package chartimg

import (
	"strings"
	"time"

	"dateline/models"
	"dateline/views"
)

// Card is what a deadline card picture shows: the story's lead thread
// (nil when it has none).
type Card struct {
	Story       string
	Thread      *views.ThreadView
	Footer      string
	Theme       views.Theme
	Transparent bool
}

// maxChanges is the most history rows a card lists (the latest ones).
const maxChanges = 5

// CardScene lays out a deadline card: what kind of end it is, the thread's
// title, due date and status, what was demanded and what follows, the
// step chart of its due date and its latest changes.
func CardScene(c Card) (*Scene, error) {
	fs, err := newFaces()
	if err != nil {
		return nil, err
	}
	defer fs.close()
	th := c.Theme
	s := &Scene{W: DeadlineW, H: DeadlineH, Title: clip(c.Story, 300)}
	if !c.Transparent {
		s.Background = th.Background
	}
	const pad = 22.0
	inner := float64(DeadlineW) - 2*pad
	s.text(pad, DeadlineH-pad+6, fs.fit(clip(c.Footer, 500), 12, false, inner), 12, false, anchorStart, th.Muted)
	t := c.Thread
	if t == nil {
		s.Desc = "No deadline in this story yet"
		s.text(pad, pad+20, fs.fit(s.Title, 20, true, inner), 20, true, anchorStart, th.Ink)
		s.text(DeadlineW/2, DeadlineH/2, "No deadline in this story yet.", 16, false, anchorMiddle, th.Muted)
		return s, nil
	}
	head := "DEADLINE"
	if t.Kind == models.KindExpiry {
		head = "ENDS"
	}
	s.Desc = strings.TrimSpace(t.Title + ", due " + t.When + ", " + t.StatusText)
	s.text(pad, pad+12, head, 13, true, anchorStart, th.Accent)
	s.text(pad, pad+36, fs.fit(clip(t.Title, 300), 19, true, inner), 19, true, anchorStart, th.Ink)
	s.text(pad, pad+72, fs.fit(t.When, 28, true, inner/2), 28, true, anchorStart, th.Ink)
	status := th.Accent
	if !t.Open {
		status = th.Muted
	}
	s.text(pad, pad+98, fs.fit(t.StatusText, 17, true, inner/2), 17, true, anchorStart, status)
	colW := inner/2 - 12
	y := pad + 128
	if t.Kind != models.KindExpiry {
		y = field(s, fs, "DEMANDED", t.Demand, pad, y, colW, th)
		y = field(s, fs, "WHAT FOLLOWS", t.Consequence, pad, y, colW, th)
	}
	history(s, fs, t.Changes, pad, y+4, colW, DeadlineH-pad-28, th)
	stepChart(s, fs, t, box{x0: pad + inner/2 + 12, y0: pad + 60, x1: DeadlineW - pad, y1: DeadlineH - pad - 40}, th)
	return s, nil
}

// field writes a labelled value of at most two lines and returns the y
// below it.
func field(s *Scene, fs *faces, label, value string, x, y, w float64, th views.Theme) float64 {
	s.text(x, y, label, 11, true, anchorStart, th.Muted)
	y += 18
	colour := th.Ink
	if value == "" {
		value, colour = "not stated", th.Muted
	}
	for _, l := range fs.wrap(clip(value, 400), 14, false, w, 2) {
		s.text(x, y, l, 14, false, anchorStart, colour)
		y += 18
	}
	return y + 8
}

// history lists the thread's latest changes while they fit above bottom.
func history(s *Scene, fs *faces, changes []views.ChangeView, x, y, w, bottom float64, th views.Theme) {
	if len(changes) > maxChanges {
		changes = changes[len(changes)-maxChanges:]
	}
	for _, ch := range changes {
		if y > bottom {
			return
		}
		line := ch.Type
		if ch.OnText != "" {
			line += " on " + ch.OnText
		}
		if ch.Type != "passed" && ch.Type != "dropped" && ch.DueText != "" {
			line += ": due " + ch.DueText
		}
		s.text(x, y, fs.fit(clip(line, 200), 13, false, w), 13, false, anchorStart, th.Ink)
		y += 18
	}
}

// stepChart draws the due date set by each change (y) against the day of
// the change (x) as steps, when the history has two dated changes or more.
func stepChart(s *Scene, fs *faces, t *views.ThreadView, p box, th views.Theme) {
	type pt struct{ on, due time.Time }
	var pts []pt
	for _, c := range t.History {
		on, err1 := time.Parse("2006-01-02", c.On)
		due, err2 := time.Parse("2006-01-02", c.Due[:min(len(c.Due), 10)])
		if err1 == nil && err2 == nil {
			pts = append(pts, pt{on, due})
		}
	}
	if len(pts) < 2 {
		return
	}
	lo, hi := pts[0].due, pts[0].due
	for _, q := range pts {
		lo, hi = minTime(lo, q.due), maxTime(hi, q.due)
	}
	if !hi.After(lo) {
		lo, hi = lo.AddDate(0, 0, -1), hi.AddDate(0, 0, 1)
	}
	from, to := pts[0].on, pts[len(pts)-1].on
	if !to.After(from) {
		to = from.AddDate(0, 0, 1)
	}
	p.x0 += 70 // the due-date labels
	x := func(d time.Time) float64 { return p.x0 + (p.x1-p.x0)*float64(d.Sub(from))/float64(to.Sub(from)) }
	y := func(d time.Time) float64 { return p.y1 - (p.y1-p.y0)*float64(d.Sub(lo))/float64(hi.Sub(lo)) }
	s.text(p.x0-70, p.y0-18, "DUE DATE AT EACH CHANGE", 11, true, anchorStart, th.Muted)
	for _, d := range []time.Time{lo, hi} {
		s.line(p.x0, y(d), p.x1, y(d), 1, th.Rule, false)
		s.text(p.x0-8, y(d)+4, d.Format("2 Jan"), 12, false, anchorEnd, th.Muted)
	}
	s.line(p.x0, p.y1+10, p.x1, p.y1+10, 1, th.Muted, false)
	s.text(p.x0, p.y1+26, from.Format("2 Jan"), 12, false, anchorStart, th.Muted)
	s.text(p.x1, p.y1+26, to.Format("2 Jan"), 12, false, anchorEnd, th.Muted)
	mark := th.Accent
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		s.line(x(a.on), y(a.due), x(b.on), y(a.due), 2.5, mark, false)
		s.line(x(b.on), y(a.due), x(b.on), y(b.due), 2.5, mark, false)
	}
	for _, q := range pts {
		s.circle(x(q.on), y(q.due), 5, mark, th.Background, "on "+q.on.Format("2 Jan 2006")+": due "+q.due.Format("2 Jan 2006"))
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
