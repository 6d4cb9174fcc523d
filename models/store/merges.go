package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"dateline/models"
)

// maxSplit bounds the reports one split moves (an event page shows
// models.EventSourcesPage of them at a time).
const maxSplit = 1000

// MergeEvents merges event mergedID into event keepID: the merged event's
// reports (but a second one by an article that reports both), actors and
// story pins move to the kept event (a story that hid the kept event keeps
// it hidden; one that hid the merged event does not hide the kept one), and the merged event
// is gone; its id then redirects to the kept one (MergedInto), and a later
// report that would have made or joined it joins the kept one. Both events
// must still be at the versions the editor's form showed, else nothing
// changes and the error is ECONFLICT, with both events as they are now.
// The kept event's version goes up by one, and the merge is logged on both
// events as an edit by u at now. It returns the kept and the merged event
// (as the merged one was).
func (s *Store) MergeEvents(ctx context.Context, keepID uint, keepVersion int, mergedID uint, mergedVersion int, u models.User, now time.Time) (models.Event, models.Event, error) {
	if keepID == mergedID {
		return models.Event{}, models.Event{}, models.Errorf(models.EINVALID, "an event cannot be merged into itself")
	}
	var keep, merged models.Event
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := loadAt(tx, &keep, keepID, keepVersion); err != nil {
			return err
		}
		if err := loadAt(tx, &merged, mergedID, mergedVersion); err != nil {
			return err
		}
		return mergeInTx(tx, &keep, merged, u, now)
	})
	if models.ErrorCode(err) == models.ECONFLICT {
		keep, merged = models.Event{}, models.Event{}
		_ = s.db.WithContext(ctx).Where("id = ?", keepID).First(&keep).Error
		_ = s.db.WithContext(ctx).Where("id = ?", mergedID).First(&merged).Error
	}
	return keep, merged, err
}

// loadAt reads event id into ev, failing with ENOTFOUND when there is none
// and ECONFLICT when it is no longer at version.
func loadAt(tx *gorm.DB, ev *models.Event, id uint, version int) error {
	if err := tx.Where("id = ?", id).First(ev).Error; err != nil {
		return dbError(err, "no event %d", id)
	}
	if ev.Version != version {
		return models.Errorf(models.ECONFLICT, "event %d was changed by someone else since version %d (it is at version %d)", id, version, ev.Version)
	}
	return nil
}

// mergeInTx does MergeEvents' work in its transaction and reloads keep.
func mergeInTx(tx *gorm.DB, keep *models.Event, merged models.Event, u models.User, now time.Time) error {
	before := map[string]string{"merged in": "", "reports": strconv.Itoa(sourceCount(tx, keep.ID)), "actors": keep.Actors}
	mergedReports := sourceCount(tx, merged.ID)
	actors := unionActors(keep.Actors, splitActors(merged.Actors))
	dayKind := ""
	if merged.Kind == models.KindDeadline || merged.Kind == models.KindUltimatum {
		dayKind = dayKey(merged.Date) + "|" + merged.Kind
	}
	steps := []struct {
		q    string
		args []any
	}{
		{`UPDATE event_sources SET event_id = ? WHERE event_id = ? AND article_id NOT IN
			(SELECT article_id FROM event_sources WHERE event_id = ?)`, []any{keep.ID, merged.ID, keep.ID}},
		{`INSERT INTO event_actors (event_id, slug, day, kind) SELECT ?, slug, day, kind FROM event_actors
			WHERE event_id = ? ON CONFLICT DO NOTHING`, []any{keep.ID, merged.ID}},
		// Pins move; a hide does not: editors hide duplicates, and the
		// kept event is not one.
		{`INSERT INTO story_events (story_id, event_id, state) SELECT story_id, ?, state FROM story_events
			WHERE event_id = ? AND state = ? ON CONFLICT (story_id, event_id) DO NOTHING`, []any{keep.ID, merged.ID, models.StoryEventPinned}},
		{`UPDATE merged_events SET into_id = ? WHERE into_id = ?`, []any{keep.ID, merged.ID}},
		{`INSERT INTO merged_events (id, key, day_kind, into_id) VALUES (?, ?, ?, ?)`, []any{merged.ID, merged.Key, dayKind, keep.ID}},
		{`UPDATE event_splits SET from_id = ? WHERE from_id = ?`, []any{keep.ID, merged.ID}},
		{`UPDATE event_splits SET into_id = ? WHERE into_id = ?`, []any{keep.ID, merged.ID}},
		{`DELETE FROM event_splits WHERE from_id = into_id`, nil},
		{`DELETE FROM events WHERE id = ?`, []any{merged.ID}},
	}
	for _, st := range steps {
		if err := tx.Exec(st.q, st.args...).Error; err != nil {
			return dbError(err, "merging event %d into %d", merged.ID, keep.ID)
		}
	}
	// New reports of the merged event's actors on the kept event's day join it.
	for _, a := range splitActors(merged.Actors) {
		if err := tx.Exec(`INSERT INTO event_actors (event_id, slug, day, kind) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			keep.ID, models.Slug(a), dayKey(keep.Date), keep.Kind).Error; err != nil {
			return dbError(err, "merging event %d into %d", merged.ID, keep.ID)
		}
	}
	if err := bumpVersion(tx, keep.ID, keep.Version, "actors = ?,", actors); err != nil {
		return err
	}
	after := map[string]string{"merged in": describeEvent(merged, mergedReports), "reports": strconv.Itoa(sourceCount(tx, keep.ID)), "actors": actors}
	if err := logEdit(tx, u, now, models.EditEvent, keep.ID, nil, before, after); err != nil {
		return err
	}
	if err := logEdit(tx, u, now, models.EditEvent, merged.ID, nil, map[string]string{"merged into": ""},
		map[string]string{"merged into": "event " + strconv.FormatUint(uint64(keep.ID), 10)}); err != nil {
		return err
	}
	id := keep.ID
	*keep = models.Event{}
	return dbError(tx.Where("id = ?", id).First(keep).Error, "reading the kept event")
}

// bumpVersion raises event id's version by one when it is still at
// version, setting set (a "column = ?," list) with args first; ECONFLICT
// when another edit committed in between.
func bumpVersion(tx *gorm.DB, id uint, version int, set string, args ...any) error {
	res := tx.Exec(`UPDATE events SET `+set+` version = version + 1 WHERE id = ? AND version = ?`, append(args, id, version)...)
	if res.Error != nil {
		return dbError(res.Error, "changing event %d", id)
	}
	if res.RowsAffected == 0 { // PostgreSQL: another edit committed in between
		return models.Errorf(models.ECONFLICT, "event %d was changed by someone else since version %d", id, version)
	}
	return nil
}

// sourceCount is the number of reports of event id (0 when it cannot be read).
func sourceCount(tx *gorm.DB, id uint) int {
	var n int
	_ = tx.Raw(`SELECT count(*) FROM event_sources WHERE event_id = ?`, id).Scan(&n).Error
	return n
}

// describeEvent names an event in the edit log: its id, summary, date,
// kind and number of reports.
func describeEvent(ev models.Event, reports int) string {
	unit := "reports"
	if reports == 1 {
		unit = "report"
	}
	return fmt.Sprintf("event %d: %s (%s, %s; %d %s)", ev.ID, ev.Summary, ev.Date, ev.Kind, reports, unit)
}

// MergedInto returns the event that event id was merged into; ENOTFOUND
// when id was never merged.
func (s *Store) MergedInto(ctx context.Context, id uint) (uint, error) {
	var into []uint
	err := s.rdb.WithContext(ctx).Raw(`SELECT into_id FROM merged_events WHERE id = ?`, id).Scan(&into).Error
	if err == nil && len(into) == 0 {
		return 0, models.Errorf(models.ENOTFOUND, "no event %d", id)
	}
	return first1(into), dbError(err, "looking up event %d", id)
}

// SplitEvent moves the reports of event id by the articles articleIDs into
// a new event with its own summary, date, kind and actors (c), when event
// id is still at version: else nothing changes and the error is ECONFLICT,
// with the event as it is now. At least one report must stay. Later
// reports of event id by those articles, or in the same sentences, go to
// the new event. Both events are marked corrected (the old one's version
// goes up by one, the new one starts at 1) and the split is logged on both
// as an edit by u at now. It returns the event split and the new one.
func (s *Store) SplitEvent(ctx context.Context, id uint, version int, articleIDs []uint, c models.EventCorrection, u models.User, now time.Time) (models.Event, models.Event, error) {
	g, sortAt, err := checkCorrection(&c)
	if err != nil {
		return models.Event{}, models.Event{}, err
	}
	articleIDs = uniqueIDs(articleIDs)
	if len(articleIDs) == 0 || len(articleIDs) > maxSplit {
		return models.Event{}, models.Event{}, models.Errorf(models.EINVALID, "choose 1 to %d reports to split off", maxSplit)
	}
	var from, into models.Event
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := loadAt(tx, &from, id, version); err != nil {
			return err
		}
		into = models.Event{Key: fmt.Sprintf("split:%d:%d", id, now.UnixNano()), Date: c.Date, Granularity: g,
			SortAt: sortAt, Kind: c.Kind, Summary: c.Summary, Actors: c.Actors, Version: 1}
		return splitInTx(tx, &from, &into, articleIDs, u, now)
	})
	if models.ErrorCode(err) == models.ECONFLICT {
		from = models.Event{}
		_ = s.db.WithContext(ctx).Where("id = ?", id).First(&from).Error
	}
	return from, into, err
}

// uniqueIDs drops zero and repeated ids, keeping the order.
func uniqueIDs(ids []uint) []uint {
	seen := map[uint]bool{}
	out := ids[:0:0]
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// splitInTx does SplitEvent's work in its transaction: it stores into,
// moves the chosen reports, records them for later ingests and logs it.
func splitInTx(tx *gorm.DB, from, into *models.Event, articleIDs []uint, u models.User, now time.Time) error {
	var moved []models.EventSource
	if err := tx.Where("event_id = ? AND article_id IN ?", from.ID, articleIDs).Find(&moved).Error; err != nil {
		return dbError(err, "reading the reports of event %d", from.ID)
	}
	if len(moved) != len(articleIDs) {
		return models.Errorf(models.EINVALID, "%d of the %d articles chosen do not report event %d", len(articleIDs)-len(moved), len(articleIDs), from.ID)
	}
	total := sourceCount(tx, from.ID)
	if len(moved) >= total {
		return models.Errorf(models.EINVALID, "leave at least one report in event %d: split off fewer than its %d", from.ID, total)
	}
	err := tx.Raw(`INSERT INTO events (key, date, granularity, sort_at, kind, summary, actors, version, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, into.Key, into.Date, into.Granularity, into.SortAt,
		into.Kind, into.Summary, into.Actors, into.Version, now.UTC()).Scan(&into.ID).Error
	if err != nil {
		return dbError(err, "storing the new event")
	}
	if err := tx.Exec(`UPDATE event_sources SET event_id = ? WHERE event_id = ? AND article_id IN ?`, into.ID, from.ID, articleIDs).Error; err != nil {
		return dbError(err, "moving reports of event %d", from.ID)
	}
	for _, m := range moved {
		if err := tx.Exec(`INSERT INTO event_splits (from_id, into_id, article_id, sentence_key) VALUES (?, ?, ?, ?)`,
			from.ID, into.ID, m.ArticleID, models.QuoteKey(m.Sentence)).Error; err != nil {
			return dbError(err, "recording the split of event %d", from.ID)
		}
	}
	for _, a := range splitActors(into.Actors) {
		if err := tx.Exec(`INSERT INTO event_actors (event_id, slug, day, kind) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			into.ID, models.Slug(a), dayKey(into.Date), into.Kind).Error; err != nil {
			return dbError(err, "recording the actors of event %d", into.ID)
		}
	}
	if err := bumpVersion(tx, from.ID, from.Version, ""); err != nil {
		return err
	}
	left := strconv.Itoa(total - len(moved))
	if err := logEdit(tx, u, now, models.EditEvent, from.ID, nil, map[string]string{"reports": strconv.Itoa(total), "split off": ""},
		map[string]string{"reports": left, "split off": describeEvent(*into, len(moved))}); err != nil {
		return err
	}
	if err := logEdit(tx, u, now, models.EditEvent, into.ID, nil, map[string]string{},
		map[string]string{"split from": describeEvent(*from, total), "summary": into.Summary, "date": into.Date,
			"kind": into.Kind, "actors": into.Actors, "reports": strconv.Itoa(len(moved))}); err != nil {
		return err
	}
	id := from.ID
	*from, *into = models.Event{}, models.Event{ID: into.ID}
	if err := tx.Where("id = ?", id).First(from).Error; err != nil {
		return dbError(err, "reading event %d", id)
	}
	return dbError(tx.Where("id = ?", into.ID).First(into).Error, "reading the new event")
}

// splitTargetKey names a split-off report for eventRedirects: the event it
// was split from and its article ("a12") or sentence ("s" + QuoteKey).
func splitTargetKey(from uint, what string) string {
	return strconv.FormatUint(uint64(from), 10) + "|" + what
}

// eventRedirects are the editors' merges and splits, read once by a
// writer: where a new report of a merged event's key (or a deadline's day
// and kind) goes, and where a report split off an event goes.
type eventRedirects struct {
	byKey, byDayKind map[string]uint
	splits           map[string]uint // splitTargetKey -> new event
}

// redirects loads the editors' merges and splits on first use. They are
// editors' actions, so few: a writer reads them whole, once.
func (w *writer) redirects() (*eventRedirects, error) {
	if w.edited != nil {
		return w.edited, nil
	}
	r := &eventRedirects{byKey: map[string]uint{}, byDayKind: map[string]uint{}, splits: map[string]uint{}}
	err := w.rows(`SELECT key, day_kind, into_id FROM merged_events`, nil, func(rows *sql.Rows) error {
		var key, dk string
		var into uint
		err := rows.Scan(&key, &dk, &into)
		r.byKey[key] = into
		if dk != "" {
			r.byDayKind[dk] = into
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = w.rows(`SELECT from_id, into_id, article_id, sentence_key FROM event_splits`, nil, func(rows *sql.Rows) error {
		var from, into, article uint
		var skey string
		err := rows.Scan(&from, &into, &article, &skey)
		r.splits[splitTargetKey(from, "a"+strconv.FormatUint(uint64(article), 10))] = into
		if skey != "" {
			r.splits[splitTargetKey(from, "s"+skey)] = into
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	w.edited = r
	return r, nil
}

// mergedTarget is the kept event a new event of ev's key (or, for a
// deadline, day and kind) was merged into, if any.
func (w *writer) mergedTarget(ev *models.ExtractedEvent, kind string, actors []string) (storedEvent, error) {
	r, err := w.redirects()
	if err != nil {
		return storedEvent{}, err
	}
	into, ok := r.byKey[eventKey(ev, kind, actors)]
	if !ok && (kind == models.KindDeadline || kind == models.KindUltimatum) {
		into, ok = r.byDayKind[dayKey(ev.Date)+"|"+kind]
	}
	if !ok {
		return storedEvent{}, nil
	}
	got, err := w.storedEvents(`SELECT `+storedEventCols+` FROM events WHERE id = ?`, into)
	return firstEvent(got), err
}

// splitTarget is the event a report of event id by article articleID in
// sentence goes to: the one an editor split such reports off into, else id.
func (w *writer) splitTarget(id, articleID uint, sentence string) (uint, error) {
	r, err := w.redirects()
	if err != nil || len(r.splits) == 0 {
		return id, err
	}
	if into, ok := r.splits[splitTargetKey(id, "a"+strconv.FormatUint(uint64(articleID), 10))]; ok {
		return into, nil
	}
	if into, ok := r.splits[splitTargetKey(id, "s"+models.QuoteKey(sentence))]; ok && strings.TrimSpace(sentence) != "" {
		return into, nil
	}
	return id, nil
}
