package store

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"dateline/models"
)

// storedEvent is the part of an events row that merging looks at.
type storedEvent struct {
	ID                  uint
	Date, Granularity   string
	Actors              string
	Cameo               string
	Summary             string
	DeadlineSetBy       string
	DeadlineDemand      string
	DeadlineConsequence string
}

// storedEvents runs a query selecting storedEventCols.
func (w *writer) storedEvents(q string, args ...any) ([]storedEvent, error) {
	var out []storedEvent
	err := w.rows(q, args, func(r *sql.Rows) error {
		var e storedEvent
		err := r.Scan(&e.ID, &e.Date, &e.Granularity, &e.Actors, &e.Cameo, &e.Summary, &e.DeadlineSetBy, &e.DeadlineDemand, &e.DeadlineConsequence)
		out = append(out, e)
		return err
	})
	return out, err
}

// storedEventCols are the columns of storedEvent.
const storedEventCols = `id, date, granularity, actors, cameo, summary, deadline_set_by, deadline_demand, deadline_consequence`

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
		if err == nil {
			id, err = w.splitTarget(id, articleID, ev.Sentence)
		}
		if err != nil {
			return err
		}
		if isNew {
			r.NewEvents++
		} else {
			r.MergedEvents++
		}
		var change, dueEnd, on string
		var extend int
		if d := ev.Deadline; d != nil {
			change, dueEnd, on, extend = d.Change, d.DueEnd, d.On, d.ExtendDays
		}
		err = w.exec(`INSERT INTO event_sources (event_id, article_id, sentence, expression, "start", "end",
			deadline_change, due_end, changed_on, extend_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			id, articleID, ev.Sentence, ev.Expression, ev.Start, ev.End, change, dueEnd, on, extend)
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
	match, err := w.matchOrMerged(ev, kind, actors)
	if err != nil {
		return 0, false, err
	}
	var dl models.Deadline
	if ev.Deadline != nil {
		dl = *ev.Deadline
	}
	if match.ID == 0 {
		ids, err := w.ids(`INSERT INTO events (key, date, granularity, sort_at, kind, cameo, summary, actors,
			deadline_set_by, deadline_demand, deadline_consequence, deadline_target, subject, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)
			ON CONFLICT (key) DO NOTHING RETURNING id`,
			eventKey(ev, kind, actors), ev.Date, ev.Granularity, sortAt, kind, ev.Cameo, ev.Summary,
			strings.Join(actors, "; "), dl.SetBy, dl.Demand, dl.Consequence, dl.Target, ev.Subject)
		if err == nil && len(ids) == 1 {
			err = w.eventActors(ids[0], ev.Date, kind, actors)
		}
		if err == nil && len(ids) == 1 && len(actors) > 0 && kind != models.KindDeadline && kind != models.KindUltimatum {
			// No actor of it had an event that day in this kind (matchEvent
			// found none), so this one is now the first for each of them.
			slugs := make([]string, len(actors))
			for i, a := range actors {
				slugs[i] = models.Slug(a)
			}
			w.rememberEvent(storedEvent{ID: ids[0], Date: ev.Date, Granularity: ev.Granularity,
				Actors: strings.Join(actors, "; "), Cameo: ev.Cameo, Summary: ev.Summary,
				DeadlineSetBy: dl.SetBy, DeadlineDemand: dl.Demand, DeadlineConsequence: dl.Consequence}, kind, slugs...)
		}
		if err != nil || len(ids) == 1 {
			return first1(ids), err == nil, err
		}
		got, err := w.storedEvents(`SELECT `+storedEventCols+` FROM events WHERE key = ?`, eventKey(ev, kind, actors))
		if err != nil || len(got) != 1 {
			return 0, false, errOr(err, "event")
		}
		match = got[0]
	}
	match, err = w.refineDate(match, ev, sortAt, kind)
	if err != nil {
		return 0, false, err
	}
	if err := w.fillChangeDetails(match.ID, ev); err != nil {
		return 0, false, err
	}
	return match.ID, false, w.fillEvent(match, ev, kind, dl, actors)
}

// matchOrMerged is matchEvent's event, else the event an editor merged
// the one this report would make into (none when neither).
func (w *writer) matchOrMerged(ev *models.ExtractedEvent, kind string, actors []string) (storedEvent, error) {
	match, err := w.matchEvent(ev, kind, actors)
	if err != nil || match.ID != 0 {
		return match, err
	}
	return w.mergedTarget(ev, kind, actors)
}

// refineDate gives a stored day-level event the time of day a new report
// adds ("Wednesday" first, "Wednesday at 14:00" later), returning the
// event as stored now.
func (w *writer) refineDate(old storedEvent, ev *models.ExtractedEvent, sortAt time.Time, kind string) (storedEvent, error) {
	if len(ev.Date) <= len(old.Date) || !strings.HasPrefix(ev.Date, old.Date) {
		return old, nil
	}
	// A corrected event (version > 0) keeps the editor's date.
	err := w.exec(`UPDATE events SET date = ?, granularity = ?, sort_at = ? WHERE id = ? AND version = 0`,
		ev.Date, ev.Granularity, sortAt, old.ID)
	old.Date, old.Granularity = ev.Date, ev.Granularity
	w.updateKnownEvent(old, kind, nil)
	return old, err
}

// fillEvent adds what a new report of a stored event knows and the stored
// row lacks: more actors, a CAMEO code, a summary, deadline details. It
// writes only when something changes, sparing the FTS triggers.
func (w *writer) fillEvent(old storedEvent, ev *models.ExtractedEvent, kind string, dl models.Deadline, actors []string) error {
	upd := old
	upd.Actors = unionActors(old.Actors, actors)
	for _, f := range []struct {
		dst *string
		v   string
	}{{&upd.Cameo, ev.Cameo}, {&upd.Summary, ev.Summary},
		{&upd.DeadlineSetBy, dl.SetBy}, {&upd.DeadlineDemand, dl.Demand}, {&upd.DeadlineConsequence, dl.Consequence}} {
		if *f.dst == "" {
			*f.dst = f.v
		}
	}
	if upd == old {
		return nil
	}
	w.updateKnownEvent(upd, kind, nil)
	if upd.Actors != old.Actors {
		if err := w.eventActors(old.ID, old.Date, kind, actors); err != nil {
			return err
		}
		var added []string
		for _, a := range actors {
			if !strings.Contains("; "+strings.ToLower(old.Actors)+"; ", "; "+strings.ToLower(a)+"; ") {
				added = append(added, a)
			}
		}
		w.updateKnownEvent(upd, kind, added)
	}
	if upd.Summary != old.Summary {
		if err := w.exec(`UPDATE events SET summary = ? WHERE id = ? AND version = 0`, upd.Summary, old.ID); err != nil {
			return err
		}
	}
	// A corrected event (version > 0) keeps the editor's actors.
	return w.exec(`UPDATE events SET actors = CASE WHEN version > 0 THEN actors ELSE ? END, cameo = ?, deadline_set_by = ?, deadline_demand = ?,
		deadline_consequence = ? WHERE id = ?`, upd.Actors, upd.Cameo, upd.DeadlineSetBy,
		upd.DeadlineDemand, upd.DeadlineConsequence, old.ID)
}

// fillChangeDetails gives a stored event the target and subject a new
// report names when the row has none.
func (w *writer) fillChangeDetails(id uint, ev *models.ExtractedEvent) error {
	target := ""
	if ev.Deadline != nil {
		target = ev.Deadline.Target
	}
	if target == "" && ev.Subject == "" {
		return nil
	}
	return w.exec(`UPDATE events SET deadline_target = CASE WHEN deadline_target = '' THEN ? ELSE deadline_target END,
		subject = CASE WHEN subject = '' THEN ? ELSE subject END WHERE id = ? AND (deadline_target = '' AND ? <> '' OR subject = '' AND ? <> '')`,
		target, ev.Subject, id, target, ev.Subject)
}

// matchEvent returns the stored event with ev's date (a day and a time on
// that day count as one date) and kind that shares an actor with it; for
// deadlines and ultimatums, any one of that date and kind. Events without
// actors match by key only (see eventKey).
func (w *writer) matchEvent(ev *models.ExtractedEvent, kind string, actors []string) (storedEvent, error) {
	var got []storedEvent
	var err error
	day := dayKey(ev.Date)
	if kind == models.KindDeadline || kind == models.KindUltimatum {
		q, args := `SELECT `+storedEventCols+` FROM events WHERE date = ? AND kind = ? ORDER BY id LIMIT 1`, []any{day, kind}
		if _, ok := dayOf(ev.Date); ok {
			// [day, day+"U") holds "2025-08-06" and "2025-08-06T14:00" alone.
			// The same day as a sort_at range lets the (kind, sort_at) index
			// find them: given date and kind alone, SQLite walked every event
			// of the kind (a million events: 3 ms a deadline, ingest 30 times
			// slower than on an empty database).
			from, _ := PeriodStart(day)
			q = `SELECT ` + storedEventCols + ` FROM events WHERE kind = ? AND sort_at >= ? AND sort_at < ?
				AND date >= ? AND date < ? ORDER BY id LIMIT 1`
			args = []any{kind, from, from.Add(24 * time.Hour), day, day + "U"}
		}
		got, err = w.storedEvents(q, args...)
		return firstEvent(got), err
	}
	for _, a := range actors {
		slug := models.Slug(a)
		if e, ok := w.knownEvent(slug, day, kind); ok {
			return e, nil
		}
		got, err = w.storedEvents(`SELECT `+storedEventCols+` FROM events WHERE id =
			(SELECT min(event_id) FROM event_actors WHERE slug = ? AND day = ? AND kind = ?)`,
			slug, day, kind)
		if err != nil || len(got) > 0 {
			if len(got) > 0 {
				w.rememberEvent(got[0], kind, slug)
			}
			return firstEvent(got), err
		}
	}
	return storedEvent{}, nil
}

// matchKey names the first event of an actor on a day in a kind, what
// matchEvent looks up.
func matchKey(slug, day, kind string) string { return slug + "|" + day + "|" + kind }

// knownEvent is the event matchEvent found, or the writer stored, for an
// actor on a day in a kind earlier in this transaction. Ingest batches
// carry many reports of the same events; this spares a query for each.
func (w *writer) knownEvent(slug, day, kind string) (storedEvent, bool) {
	id, ok := w.eventMatches[matchKey(slug, day, kind)]
	if !ok {
		return storedEvent{}, false
	}
	e, ok := w.knownEvents[id]
	return e, ok
}

// rememberEvent keeps e as the first event of each of slugs on e's day in
// kind (see knownEvent); only for what the database holds as that first
// event.
func (w *writer) rememberEvent(e storedEvent, kind string, slugs ...string) {
	if w.eventMatches == nil {
		w.eventMatches, w.knownEvents = map[string]uint{}, map[uint]storedEvent{}
	}
	for _, slug := range slugs {
		w.eventMatches[matchKey(slug, dayKey(e.Date), kind)] = e.ID
	}
	w.knownEvents[e.ID] = e
}

// updateKnownEvent keeps the writer's copy of a stored event in step with
// an update; actors added to it may be matched to an earlier event of
// theirs, so their look-ups go to the database again.
func (w *writer) updateKnownEvent(e storedEvent, kind string, added []string) {
	if _, ok := w.knownEvents[e.ID]; ok {
		w.knownEvents[e.ID] = e
	}
	for _, a := range added {
		delete(w.eventMatches, matchKey(models.Slug(a), dayKey(e.Date), kind))
	}
}

// eventActors records the actors of event id for matchEvent.
func (w *writer) eventActors(id uint, date, kind string, actors []string) error {
	for _, a := range actors {
		if err := w.exec(`INSERT INTO event_actors (event_id, slug, day, kind) VALUES (?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, id, models.Slug(a), dayKey(date), kind); err != nil {
			return err
		}
	}
	return nil
}

// backfillEventActors fills event_actors for events stored before it existed.
func backfillEventActors(ctx context.Context, tx *sql.Tx, d dialect) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, date, kind, actors FROM events`)
	if err != nil {
		return err
	}
	type ev struct {
		id                 uint
		date, kind, actors string
	}
	var evs []ev
	for rows.Next() {
		var e ev
		if err := rows.Scan(&e.id, &e.date, &e.kind, &e.actors); err != nil {
			rows.Close()
			return err
		}
		evs = append(evs, e)
	}
	rows.Close()
	for _, e := range evs {
		for _, a := range splitActors(e.actors) {
			if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO event_actors (event_id, slug, day, kind)
				VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`), e.id, models.Slug(a), dayKey(e.date), e.kind); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

func firstEvent(evs []storedEvent) storedEvent {
	if len(evs) == 0 {
		return storedEvent{}
	}
	return evs[0]
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
	// Most reports of a known event name actors it has already, written
	// the same way: those need no slugs.
	var missing []string
	for _, a := range actors {
		if !slices.Contains(list, a) {
			missing = append(missing, a)
		}
	}
	if len(missing) == 0 {
		return strings.Join(list, "; ")
	}
	actors = missing
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
	if err != nil || !allDigits(v[:4]) || !allDigits(v[6:]) {
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

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// dayOf returns the day (YYYY-MM-DD) of a day or time value.
func dayOf(v string) (string, bool) {
	if len(v) < 10 || (len(v) > 10 && v[10] != 'T') {
		return "", false
	}
	if _, err := time.Parse("2006-01-02", v[:10]); err != nil {
		return "", false
	}
	return v[:10], true
}

// dayKey is the day of a day or time value, else the value itself.
func dayKey(v string) string {
	if d, ok := dayOf(v); ok {
		return d
	}
	return v
}
