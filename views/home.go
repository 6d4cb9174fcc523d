package views

import (
	"sort"
	"time"

	"dateline/models"
	"dateline/models/threads"
)

// StoryCard is one story on the home page: its span, when it was last
// reported and its next (or last) deadline, with its leading key event.
type StoryCard struct {
	Story       models.Story
	First, Last string // the span, as ReaderView gives it
	Events      int
	Ahead       int
	Updated     *time.Time // the newest report of its events
	Deadline    *ThreadView
	Key         *ReaderEvent // its best weighed event
}

// NewStoryCard sums a story up from its digest and deadline threads at now.
func NewStoryCard(st models.Story, digest []models.EventDigest, ts []*threads.Thread, now time.Time) StoryCard {
	rv := NewReaderView(digest, ReaderQuery{}, now)
	c := StoryCard{Story: st, First: rv.First, Last: rv.Last, Events: rv.Events, Ahead: rv.AheadCount}
	for _, d := range digest {
		if d.LastAt != nil && (c.Updated == nil || d.LastAt.After(*c.Updated)) {
			c.Updated = d.LastAt
		}
	}
	if tv := NewThreadViews(ts, now); len(tv) > 0 {
		c.Deadline = &tv[0]
	}
	best := -1
	for i, e := range rv.Key {
		if !e.Pinned && (best < 0 || e.score > rv.Key[best].score) {
			best = i
		}
	}
	if best >= 0 {
		c.Key = &rv.Key[best]
	}
	return c
}

// SortCards puts the most recently reported stories first, stories with
// no dated report last by title.
func SortCards(cards []StoryCard) {
	sort.SliceStable(cards, func(i, j int) bool {
		a, b := cards[i].Updated, cards[j].Updated
		if (a == nil) != (b == nil) {
			return a != nil
		}
		if a != nil && !a.Equal(*b) {
			return a.After(*b)
		}
		return cards[i].Story.Title < cards[j].Story.Title
	})
}
