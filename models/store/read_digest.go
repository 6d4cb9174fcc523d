package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"dateline/models"
)

// maxDigestEvents bounds the events a story's digest holds (a few hundred
// bytes each): of a story past it, the reader's view weighs, counts and
// lists the earliest maxDigestEvents by date; the exports and the API
// still hold every event.
const maxDigestEvents = 200_000

// StoryDigest returns every event of story st (hidden ones left out) with
// the number of articles reporting it, its outlets and its first report,
// ordered by date. It is cached until the next write: the reader's view
// ranks, filters and searches it in memory on every request.
func (s *Store) StoryDigest(ctx context.Context, st models.Story) ([]models.EventDigest, error) {
	return cached(ctx, s, fmt.Sprintf("digest %d %s", st.ID, st.Rules), func() ([]models.EventDigest, error) {
		return s.storyDigest(ctx, st)
	})
}

func (s *Store) storyDigest(ctx context.Context, st models.Story) ([]models.EventDigest, error) {
	sc, err := storyEventsCond(st)
	if err != nil {
		return nil, err
	}
	var out []models.EventDigest
	err = s.rdb.WithContext(ctx).Table("events AS e").
		Select("e.id, e.date, e.granularity, e.sort_at, e.kind, e.summary, e.actors, e.cameo, e.version").
		Where(sc.sql, sc.args...).Order("e.sort_at, e.id").Limit(maxDigestEvents).Scan(&out).Error
	if err != nil {
		return nil, dbError(err, "loading the events of %s", st.Slug)
	}
	at := make(map[uint]int, len(out))
	for i := range out {
		at[out[i].ID] = i
	}
	if err := s.digestSources(ctx, sc, out, at); err != nil {
		return nil, err
	}
	var pinned []uint
	err = s.rdb.WithContext(ctx).Table("story_events").Where("story_id = ? AND state = ?", st.ID, models.StoryEventPinned).
		Pluck("event_id", &pinned).Error
	for _, id := range pinned {
		if i, ok := at[id]; ok {
			out[i].Pinned = true
		}
	}
	return out, dbError(err, "loading pinned events")
}

// digestRow is one (event, outlet) pair of a story's reports.
type digestRow struct {
	EventID uint
	Name    *string
	N       int
	First   any // a time on PostgreSQL, text on SQLite
	Last    any
}

// sqliteTimes are the layouts SQLite keeps times in, as the driver writes them.
var sqliteTimes = []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05Z07:00", "2006-01-02"}

// asTime reads an aggregate's time: nil when NULL or unreadable.
func asTime(v any) *time.Time {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case []byte:
		return asTime(string(x))
	case string:
		ok := false
		for _, l := range sqliteTimes {
			var err error
			if t, err = time.Parse(l, x); err == nil {
				ok = true
				break
			}
		}
		if !ok {
			return nil
		}
	default:
		return nil
	}
	t = t.UTC()
	return &t
}

// digestSources adds to the digest out (indexed by event id in at) its
// reports, counted by outlet in one grouped query.
func (s *Store) digestSources(ctx context.Context, sc cond, out []models.EventDigest, at map[uint]int) error {
	sqlRows, err := s.rdb.WithContext(ctx).Raw(`SELECT es.event_id, src.name, count(*), min(a.published_at), max(a.published_at)
		FROM event_sources es JOIN articles a ON a.id = es.article_id LEFT JOIN sources src ON src.id = a.source_id
		WHERE es.event_id IN (SELECT e.id FROM events AS e WHERE `+sc.sql+`)
		GROUP BY es.event_id, src.name`, sc.args...).Rows()
	if err != nil {
		return dbError(err, "counting the reports of the story")
	}
	defer sqlRows.Close()
	var rows []digestRow
	for sqlRows.Next() {
		var r digestRow
		if err := sqlRows.Scan(&r.EventID, &r.Name, &r.N, &r.First, &r.Last); err != nil {
			return dbError(err, "counting the reports of the story")
		}
		rows = append(rows, r)
	}
	if err := sqlRows.Err(); err != nil {
		return dbError(err, "counting the reports of the story")
	}
	// Most reports first, then by name, so an event's outlets read the same
	// on every request.
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].N != rows[j].N {
			return rows[i].N > rows[j].N
		}
		return deref(rows[i].Name) < deref(rows[j].Name)
	})
	for _, r := range rows {
		i, ok := at[r.EventID]
		if !ok {
			continue
		}
		d := &out[i]
		d.Articles += r.N
		if name := deref(r.Name); name != "" {
			d.Outlets = append(d.Outlets, name)
		}
		if t := asTime(r.First); t != nil && (d.FirstAt == nil || t.Before(*d.FirstAt)) {
			d.FirstAt = t
		}
		if t := asTime(r.Last); t != nil && (d.LastAt == nil || t.After(*d.LastAt)) {
			d.LastAt = t
		}
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// EntriesByID returns the timeline entries of the events ids (their first
// sources, quotes and source counts, as Timeline gives them), in the order
// of ids; ids that name no event are left out. They are cached until the
// next write (a story page asks for the same key events each time) and
// shared by the callers, who only read them.
func (s *Store) EntriesByID(ctx context.Context, st models.Story, ids []uint) ([]models.TimelineEntry, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return cached(ctx, s, fmt.Sprintf("entries %d %v", st.ID, ids), func() ([]models.TimelineEntry, error) {
		return s.entriesByID(ctx, st, ids)
	})
}

func (s *Store) entriesByID(ctx context.Context, st models.Story, ids []uint) ([]models.TimelineEntry, error) {
	var events []models.Event
	if err := s.rdb.WithContext(ctx).Where("id IN ?", ids).Find(&events).Error; err != nil {
		return nil, dbError(err, "loading events")
	}
	order := make(map[uint]int, len(ids))
	for i, id := range ids {
		order[id] = i
	}
	sort.Slice(events, func(i, j int) bool { return order[events[i].ID] < order[events[j].ID] })
	counts, err := s.entrySources(ctx, events)
	if err != nil {
		return nil, err
	}
	var pinned []uint
	err = s.rdb.WithContext(ctx).Table("story_events").Where("story_id = ? AND state = ?", st.ID, models.StoryEventPinned).
		Pluck("event_id", &pinned).Error
	if err != nil {
		return nil, dbError(err, "loading pinned events")
	}
	return s.entries(ctx, events, counts, pinned)
}

// maxEvidence bounds the distinct sentences an event page lists.
const maxEvidence = 50

// EventEvidence returns the distinct sentences reporting event id, those
// carried by most articles first (at most maxEvidence), each with its
// outlets named once, and the number of distinct sentences in all.
func (s *Store) EventEvidence(ctx context.Context, id uint) ([]models.Evidence, int, error) {
	var rows []struct {
		Sentence string
		Name     *string
		N        int
		First    uint
	}
	err := s.rdb.WithContext(ctx).Raw(`SELECT es.sentence AS sentence, src.name AS name, count(*) AS n, min(es.article_id) AS first
		FROM event_sources es JOIN articles a ON a.id = es.article_id LEFT JOIN sources src ON src.id = a.source_id
		WHERE es.event_id = ? GROUP BY es.sentence, src.name`, id).Scan(&rows).Error
	if err != nil {
		return nil, 0, dbError(err, "loading the evidence of event %d", id)
	}
	at := map[string]int{}
	var out []models.Evidence
	for _, r := range rows {
		i, ok := at[r.Sentence]
		if !ok {
			i = len(out)
			at[r.Sentence] = i
			out = append(out, models.Evidence{Sentence: r.Sentence, ArticleID: r.First})
		}
		e := &out[i]
		e.Articles += r.N
		e.ArticleID = min(e.ArticleID, r.First)
		if name := deref(r.Name); name != "" {
			e.Outlets = append(e.Outlets, name)
		}
	}
	for i := range out {
		sort.Strings(out[i].Outlets)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Articles != out[j].Articles {
			return out[i].Articles > out[j].Articles
		}
		return out[i].ArticleID < out[j].ArticleID
	})
	return out[:min(len(out), maxEvidence)], len(out), nil
}
