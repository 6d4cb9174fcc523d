package store

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"dateline/models"
)

// TestFeedEditsLogged: a feed added, polled and removed from the editor's
// view is logged with who did it and the feed's fields; refused changes
// store and log nothing.
func TestFeedEditsLogged(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		root := testUser(t, s, "root", models.RoleAdmin, "battery staple")
		for _, slug := range []string{"talks", "other"} {
			if err := s.CreateStory(ctx, &models.Story{Slug: slug, Title: slug}, now); err != nil {
				t.Fatal(err)
			}
		}
		f := models.Feed{StorySlug: "talks", URL: "http://127.0.0.1:9/feed", AllowPrivate: true, Keywords: []string{"envoy", "truce"}}
		if err := s.AddFeedBy(ctx, &f, root, now); err != nil || f.ID == 0 {
			t.Fatalf("AddFeedBy: %+v %v", f, err)
		}
		refused := []struct {
			name string
			f    models.Feed
			code string
		}{
			{"same address", models.Feed{StorySlug: "talks", URL: f.URL}, models.ECONFLICT},
			{"bad address", models.Feed{StorySlug: "talks", URL: "ftp://wire.example/"}, models.EINVALID},
			{"bad keyword", models.Feed{StorySlug: "talks", URL: "https://wire.example/", Keywords: []string{" "}}, models.EINVALID},
			{"no such story", models.Feed{StorySlug: "nope", URL: "https://wire.example/"}, models.ENOTFOUND},
		}
		for _, tt := range refused {
			if err := s.AddFeedBy(ctx, &tt.f, root, now); models.ErrorCode(err) != tt.code {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			}
		}
		if _, err := s.StoryBySlug(ctx, "nope"); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("adding a feed to a missing story made it: %v", err)
		}
		talks, _ := s.StoryBySlug(ctx, "talks")
		other, _ := s.StoryBySlug(ctx, "other")
		if got, err := s.StoryFeed(ctx, talks.ID, f.ID); err != nil || got.URL != f.URL || !got.AllowPrivate {
			t.Errorf("StoryFeed: %+v %v", got, err)
		}
		if _, err := s.StoryFeed(ctx, other.ID, f.ID); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("another story's feed: %v", err)
		}
		polled := f
		polled.LastStatus, polled.NewItems = models.FeedOK, 2
		if err := s.LogFeedPoll(ctx, f, polled, root, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveFeedBy(ctx, other.ID, f.ID, root, now); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("removing through another story: %v", err)
		}
		if err := s.RemoveFeedBy(ctx, talks.ID, f.ID, root, now.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if feeds, _ := s.Feeds(ctx); len(feeds) != 0 {
			t.Errorf("feeds left: %+v", feeds)
		}
		edits, err := s.Edits(ctx, models.EditStoryFeed, f.ID)
		if err != nil || len(edits) != 3 {
			t.Fatalf("edits: %+v %v", edits, err)
		}
		want := []map[string]string{
			{"attached": "yes", "url": f.URL, "keywords": "envoy, truce", "allow_private": "yes"},
			{"polled": "yes", "status": "ok", "new_items": "2"},
			{"attached": "no", "url": f.URL},
		}
		for i, e := range edits {
			var after map[string]string
			if err := json.Unmarshal([]byte(e.AfterJSON), &after); err != nil {
				t.Fatal(err)
			}
			if e.Username != "root" || e.StoryID == nil || *e.StoryID != talks.ID {
				t.Errorf("edit %d: by %s in story %v", i, e.Username, e.StoryID)
			}
			for k, v := range want[i] {
				if after[k] != v {
					t.Errorf("edit %d: %s = %q, want %q (%s)", i, k, after[k], v, e.AfterJSON)
				}
			}
		}
	})
}
