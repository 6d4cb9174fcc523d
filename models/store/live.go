package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"dateline/models"
)

// StoryVersion returns the stamp of st's timeline (see models.StoryVersion).
// Open pages poll it, so it is cached until the database next changes: a
// poll between two writes costs a look at the cache.
func (s *Store) StoryVersion(ctx context.Context, st models.Story) (models.StoryVersion, error) {
	sc, err := storyEventsCond(st)
	if err != nil {
		return models.StoryVersion{}, err
	}
	key := fmt.Sprintf("version %d %d", st.ID, st.UpdatedAt.UnixNano())
	return cached(ctx, s, key, func() (models.StoryVersion, error) {
		var ev struct{ N, MaxID int64 }
		err := s.rdb.WithContext(ctx).Table("events AS e").Where(sc.sql, sc.args...).
			Select("count(*) AS n, COALESCE(max(e.id), 0) AS max_id").Scan(&ev).Error
		var maxSource int64
		if err == nil {
			err = s.rdb.WithContext(ctx).Raw(`SELECT COALESCE(max(es.id), 0) FROM event_sources es
				WHERE es.event_id IN (SELECT e.id FROM events e WHERE `+sc.sql+`)`, sc.args...).Scan(&maxSource).Error
		}
		var marks struct{ N, Pinned int64 }
		if err == nil {
			err = s.rdb.WithContext(ctx).Raw(`SELECT count(*) AS n, COALESCE(sum(CASE WHEN state = 'pinned' THEN 1 ELSE 0 END), 0) AS pinned
				FROM story_events WHERE story_id = ?`, st.ID).Scan(&marks).Error
		}
		if err != nil {
			return models.StoryVersion{}, dbError(err, "reading the version of %s", st.Slug)
		}
		h := sha256.Sum256(fmt.Appendf(nil, "%d %d %d %d %d %d", st.UpdatedAt.UnixNano(), ev.N, ev.MaxID, maxSource, marks.N, marks.Pinned))
		return models.StoryVersion{Stamp: hex.EncodeToString(h[:8]), Events: ev.N}, nil
	})
}

// StoryRecentEvents returns the n events of st that dateline learned of
// last (by when they were stored, not by their dates), newest first.
// Hidden events are left out, pinned ones kept, as on the timeline.
func (s *Store) StoryRecentEvents(ctx context.Context, st models.Story, n int) ([]models.Event, error) {
	sc, err := storyEventsCond(st)
	if err != nil {
		return nil, err
	}
	// Cached until the next write, as feed readers poll: callers must not
	// change the events.
	key := fmt.Sprintf("recent %d %d %d", st.ID, st.UpdatedAt.UnixNano(), n)
	return cached(ctx, s, key, func() ([]models.Event, error) {
		var ids []uint
		err := s.rdb.WithContext(ctx).Table("events AS e").Where(sc.sql, sc.args...).
			Order("e.created_at DESC, e.id DESC").Limit(n).Pluck("e.id", &ids).Error
		if err != nil {
			return nil, dbError(err, "reading the recent events of %s", st.Slug)
		}
		var events []models.Event
		if len(ids) == 0 {
			return events, nil
		}
		err = s.rdb.WithContext(ctx).Where("id IN ?", ids).Order("created_at DESC, id DESC").Find(&events).Error
		return events, dbError(err, "reading the recent events of %s", st.Slug)
	})
}

// ArticleTimes returns when each of the articles ids was stored.
func (s *Store) ArticleTimes(ctx context.Context, ids []uint) (map[uint]time.Time, error) {
	out := map[uint]time.Time{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID        uint
		CreatedAt time.Time
	}
	if err := s.rdb.WithContext(ctx).Raw(`SELECT id, created_at FROM articles WHERE id IN ?`, ids).Scan(&rows).Error; err != nil {
		return nil, dbError(err, "reading article times")
	}
	for _, r := range rows {
		out[r.ID] = r.CreatedAt.UTC()
	}
	return out, nil
}
