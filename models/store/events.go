package store

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"dateline/models"
)

// storedEvent is the part of an events row that merging looks at.
type storedEvent struct {
	ID     uint
	Actors string
}

// events stores the article's events. An event already known (same date and
// kind, and an actor in common, or the same deadline) gets one more
// EventSource instead of a second row; see eventKey.
func (w *writer) events(a *models.ExtractedArticle, articleID uint, reg map[string]personRef, r *SaveResult) error {
	for i := range a.Events {
		ev := &a.Events[i]
		sortAt, ok := PeriodStart(ev.Date)
		if !ok {
			r.SkippedEvents++
			continue
		}
		actors, err := w.actors(ev.Actors, reg)
		if err != nil {
			return err
		}
		id, isNew, err := w.event(ev, sortAt, actors)
		if err != nil {
			return err
		}
		if isNew {
			r.NewEvents++
		} else {
			r.MergedEvents++
		}
		err = w.tx.Exec(`INSERT INTO event_sources (event_id, article_id, sentence, expression, "start", "end")
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			id, articleID, ev.Sentence, ev.Expression, ev.Start, ev.End).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// actors returns the canonical names of an event's actors, without repeats.
func (w *writer) actors(names []string, reg map[string]personRef) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		c, err := w.canonicalActor(n, reg)
		if err != nil {
			return nil, err
		}
		if c != "" && !seen[models.Slug(c)] {
			seen[models.Slug(c)] = true
			out = append(out, c)
		}
	}
	return out, nil
}

// event finds the stored event ev repeats or inserts a new one, returning
// its id and whether it is new. Merging fills in what the stored event
// lacked: actors are united, empty deadline fields and CAMEO code filled.
// Inside the writer's IMMEDIATE transaction nobody else writes between the
// look-up and the insert; the unique key catches the rest.
func (w *writer) event(ev *models.ExtractedEvent, sortAt time.Time, actors []string) (uint, bool, error) {
	kind := ev.Kind
	if kind == "" {
		kind = models.KindOther
	}
	match, err := w.matchEvent(ev, kind, actors)
	if err != nil {
		return 0, false, err
	}
	var dl models.Deadline
	if ev.Deadline != nil {
		dl = *ev.Deadline
	}
	if match.ID == 0 {
		var ids []uint
		err := w.tx.Raw(`INSERT INTO events (key, date, granularity, sort_at, kind, cameo, summary, actors,
			deadline_set_by, deadline_demand, deadline_consequence, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)
			ON CONFLICT (key) DO NOTHING RETURNING id`,
			eventKey(ev, kind, actors), ev.Date, ev.Granularity, sortAt, kind, ev.Cameo, ev.Summary,
			strings.Join(actors, "; "), dl.SetBy, dl.Demand, dl.Consequence).Scan(&ids).Error
		if err != nil || len(ids) == 1 {
			return first1(ids), err == nil, err
		}
		if err := w.tx.Raw(`SELECT id, actors FROM events WHERE key = ?`, eventKey(ev, kind, actors)).Scan(&match).Error; err != nil {
			return 0, false, err
		}
	}
	err = w.tx.Exec(`UPDATE events SET actors = ?,
		cameo = CASE WHEN cameo = '' THEN ? ELSE cameo END,
		summary = CASE WHEN summary = '' THEN ? ELSE summary END,
		deadline_set_by = CASE WHEN deadline_set_by = '' THEN ? ELSE deadline_set_by END,
		deadline_demand = CASE WHEN deadline_demand = '' THEN ? ELSE deadline_demand END,
		deadline_consequence = CASE WHEN deadline_consequence = '' THEN ? ELSE deadline_consequence END
		WHERE id = ?`, unionActors(match.Actors, actors), ev.Cameo, ev.Summary,
		dl.SetBy, dl.Demand, dl.Consequence, match.ID).Error
	return match.ID, false, err
}

// matchEvent returns the stored event with ev's date and kind that shares
// an actor with it (any one of that date and kind for deadlines and
// ultimatums; for events without actors, the one with the same key).
func (w *writer) matchEvent(ev *models.ExtractedEvent, kind string, actors []string) (storedEvent, error) {
	var cands []storedEvent
	if err := w.tx.Raw(`SELECT id, actors FROM events WHERE date = ? AND kind = ? ORDER BY id`,
		ev.Date, kind).Scan(&cands).Error; err != nil {
		return storedEvent{}, err
	}
	if len(cands) == 0 {
		return storedEvent{}, nil
	}
	if kind == models.KindDeadline || kind == models.KindUltimatum {
		return cands[0], nil
	}
	mine := map[string]bool{}
	for _, a := range actors {
		mine[models.Slug(a)] = true
	}
	for _, c := range cands {
		for _, a := range splitActors(c.Actors) {
			if mine[models.Slug(a)] {
				return c, nil
			}
		}
	}
	return storedEvent{}, nil
}

// eventKey is the unique key of a new event: date and kind, then the sorted
// actor slugs; a deadline is one per date; an event without actors is told
// apart by its summary for statements and "other", and is one per date and
// kind otherwise.
func eventKey(ev *models.ExtractedEvent, kind string, actors []string) string {
	key := ev.Date + "|" + kind
	switch {
	case kind == models.KindDeadline || kind == models.KindUltimatum:
		return key
	case len(actors) > 0:
		slugs := make([]string, len(actors))
		for i, a := range actors {
			slugs[i] = models.Slug(a)
		}
		sort.Strings(slugs)
		return key + "|" + strings.Join(slugs, ",")
	case kind == models.KindStatement || kind == models.KindOther:
		what := ev.Summary
		if what == "" {
			what = ev.Sentence
		}
		return key + "|~" + models.QuoteKey(what)
	}
	return key + "|"
}

func splitActors(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// unionActors adds the actors missing from a stored "; "-separated list.
func unionActors(stored string, actors []string) string {
	list := splitActors(stored)
	seen := map[string]bool{}
	for _, a := range list {
		seen[models.Slug(a)] = true
	}
	for _, a := range actors {
		if !seen[models.Slug(a)] {
			seen[models.Slug(a)] = true
			list = append(list, a)
		}
	}
	return strings.Join(list, "; ")
}

func first1(ids []uint) uint {
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

// PeriodStart returns the first instant (UTC) of the period a normalised
// date names: 2025-08-06T14:00, 2025-08-06, 2025-W33 (ISO week, from its
// Monday), 2025-08, 2025-Q3, 2025-H2, 2025. ok is false for values that name
// no period on the calendar (PAST_REF, XXXX-08, P2D, "").
func PeriodStart(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02T15", "2006-01-02", "2006-01", "2006"} {
		if len(v) == len(layout) {
			if t, err := time.Parse(layout, v); err == nil {
				return t.UTC(), true
			}
		}
	}
	if len(v) < 7 || v[4] != '-' {
		return time.Time{}, false
	}
	year, err := strconv.Atoi(v[:4])
	if err != nil {
		return time.Time{}, false
	}
	n, err := strconv.Atoi(v[6:])
	if err != nil || n < 1 {
		return time.Time{}, false
	}
	switch v[5] {
	case 'W':
		if n > 53 {
			return time.Time{}, false
		}
		// ISO week 1 holds 4 January; its Monday starts week 1.
		jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		return monday.AddDate(0, 0, 7*(n-1)), true
	case 'Q':
		if n <= 4 {
			return time.Date(year, time.Month(3*n-2), 1, 0, 0, 0, 0, time.UTC), true
		}
	case 'H':
		if n <= 2 {
			return time.Date(year, time.Month(6*n-5), 1, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}
