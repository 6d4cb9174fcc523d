package store

import (
	"context"
	"testing"
	"time"

	"dateline/models"
)

// TestStoryVersion: the stamp stays while nothing changes and moves when an
// article adds an event, when an event is pinned or hidden, and when the
// story is edited; the recent events come newest stored first.
func TestStoryVersion(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s, story := readFixture(t)
		ctx := context.Background()
		v1, err := s.StoryVersion(ctx, story)
		if err != nil || v1.Stamp == "" || v1.Events != 2 {
			t.Fatalf("first version: %+v %v", v1, err)
		}
		if again, _ := s.StoryVersion(ctx, story); again != v1 {
			t.Errorf("nothing changed, yet %+v -> %+v", v1, again)
		}
		pub := time.Date(2025, 8, 9, 10, 0, 0, 0, time.UTC)
		body := "The minister flew to Geneva on Saturday for the talks."
		a := models.ExtractedArticle{Title: "Geneva", Source: "Wire One", URL: "https://example.test/3", PublishedAt: &pub, Body: body,
			Events: []models.ExtractedEvent{{Date: "2025-08-09", Granularity: models.GranDay, Kind: models.KindMeeting,
				Summary: "Minister flies to Geneva", Sentence: body, Start: 0, End: len(body)}}}
		if _, err := s.SaveArticle(ctx, a, SaveOptions{StorySlug: "deadline"}); err != nil {
			t.Fatal(err)
		}
		v2, err := s.StoryVersion(ctx, story)
		if err != nil || v2.Stamp == v1.Stamp || v2.Events != 3 {
			t.Fatalf("after a new event: %+v -> %+v (%v)", v1, v2, err)
		}
		recent, err := s.StoryRecentEvents(ctx, story, 2)
		if err != nil || len(recent) != 2 || recent[0].Summary != "Minister flies to Geneva" {
			t.Fatalf("recent events: %+v %v", recent, err)
		}
		if err := s.SetEventState(ctx, story.ID, recent[1].ID, models.StoryEventHidden); err != nil {
			t.Fatal(err)
		}
		v3, _ := s.StoryVersion(ctx, story)
		if v3.Stamp == v2.Stamp || v3.Events != 2 {
			t.Errorf("after hiding an event: %+v -> %+v", v2, v3)
		}
		story.Title = "Deadline, renamed"
		if err := s.UpdateStory(ctx, &story, time.Now()); err != nil {
			t.Fatal(err)
		}
		if v4, _ := s.StoryVersion(ctx, story); v4.Stamp == v3.Stamp {
			t.Errorf("after an edit the stamp stayed %s", v4.Stamp)
		}
		times, err := s.ArticleTimes(ctx, []uint{1, 99})
		if err != nil || len(times) != 1 || times[1].IsZero() {
			t.Errorf("ArticleTimes: %v %v", times, err)
		}
	})
}
