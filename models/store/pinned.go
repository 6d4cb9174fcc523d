package store

import (
	"context"

	"dateline/models"
)

// maxPinned bounds the pinned events a story page loads whatever its
// filters; editors pin a handful, this keeps a runaway script's thousands
// from making the page slow.
const maxPinned = 100

// PinnedTimeline returns the events pinned in story st, ordered by date,
// as Timeline's entries (marked pinned), at most maxPinned of them, the
// latest. A story page shows them whatever its filters and however long
// the story is.
func (s *Store) PinnedTimeline(ctx context.Context, st models.Story) ([]models.TimelineEntry, error) {
	var events []models.Event
	err := s.rdb.WithContext(ctx).Table("events AS e").Select("e.*").
		Joins("JOIN story_events se ON se.event_id = e.id AND se.story_id = ? AND se.state = ?", st.ID, models.StoryEventPinned).
		Order("e.sort_at DESC, e.id DESC").Limit(maxPinned).Find(&events).Error
	if err != nil {
		return nil, dbError(err, "loading the pinned events of %s", st.Slug)
	}
	for i, j := 0, len(events)-1; i < j; i, j = i+1, j-1 {
		events[i], events[j] = events[j], events[i]
	}
	counts, err := s.entrySources(ctx, events)
	if err != nil {
		return nil, err
	}
	ids := make([]uint, len(events))
	for i, ev := range events {
		ids[i] = ev.ID
	}
	return s.entries(ctx, events, counts, ids)
}
