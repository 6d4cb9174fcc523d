package store

import (
	"context"
	"testing"
	"time"

	"dateline/models"
)

// TestFeeds adds, lists, polls and removes feeds: the story is created
// with the first feed, the same address twice is a conflict, due feeds
// follow next_fetch_at, items are recorded once, and removing a feed
// drops its items.
func TestFeeds(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		f := models.Feed{StorySlug: "talks", URL: "https://wire.example/feed", Keywords: []string{"envoy", "truce talks"}}
		if err := s.AddFeed(ctx, &f, now); err != nil || f.ID == 0 || f.StoryID == 0 {
			t.Fatalf("AddFeed: %+v %v", f, err)
		}
		if _, err := s.StoryBySlug(ctx, "talks"); err != nil {
			t.Fatalf("the story was not created: %v", err)
		}
		dup := models.Feed{StorySlug: "talks", URL: f.URL}
		if err := s.AddFeed(ctx, &dup, now); models.ErrorCode(err) != models.ECONFLICT {
			t.Errorf("same feed twice: %v, want ECONFLICT", err)
		}
		bad := models.Feed{StorySlug: "talks", URL: "https://x.example/", Keywords: []string{"a\nb"}}
		if err := s.AddFeed(ctx, &bad, now); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("keyword with a newline: %v, want EINVALID", err)
		}
		other := models.Feed{StorySlug: "talks", URL: "http://127.0.0.1:9/feed", AllowPrivate: true}
		if err := s.AddFeed(ctx, &other, now); err != nil {
			t.Fatal(err)
		}
		all, err := s.Feeds(ctx)
		if err != nil || len(all) != 2 || all[0].StorySlug != "talks" || len(all[0].Keywords) != 2 ||
			all[0].Keywords[1] != "truce talks" || all[0].AllowPrivate || !all[1].AllowPrivate {
			t.Fatalf("Feeds: %+v %v", all, err)
		}
		if mine, err := s.StoryFeeds(ctx, f.StoryID); err != nil || len(mine) != 2 {
			t.Errorf("StoryFeeds: %d %v", len(mine), err)
		}
		if none, err := s.StoryFeeds(ctx, f.StoryID+1); err != nil || len(none) != 0 {
			t.Errorf("StoryFeeds of another story: %d %v", len(none), err)
		}
		due, err := s.DueFeeds(ctx, now, time.Hour)
		if err != nil || len(due) != 2 {
			t.Fatalf("DueFeeds before any poll: %d %v", len(due), err)
		}
		polled := all[0]
		polled.ETag, polled.LastModified, polled.LastStatus, polled.NewItems = `"v1"`, "Thu, 07 Aug 2025 11:00:00 GMT", models.FeedOK, 1
		polled.LastFetchAt, polled.NextFetchAt = &now, ptr(now.Add(time.Hour))
		items := []models.FeedItem{{Key: "g1", Link: "https://wire.example/1", Outcome: "ingested"},
			{Key: "g2", Link: "https://wire.example/2", Outcome: "skipped: no keyword"}}
		if err := s.RecordFeedPoll(ctx, polled, items, now); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordFeedPoll(ctx, polled, items, now); err != nil {
			t.Fatalf("recording the same items again: %v", err)
		}
		due, err = s.DueFeeds(ctx, now.Add(time.Minute), time.Hour)
		if err != nil || len(due) != 1 || due[0].ID != other.ID {
			t.Errorf("DueFeeds after a poll: %+v %v", due, err)
		}
		if due, _ = s.DueFeeds(ctx, now.Add(time.Minute), 30*time.Second); len(due) != 2 {
			t.Errorf("DueFeeds polling every 30 s: %d feeds", len(due))
		}
		if due, _ = s.DueFeeds(ctx, now.Add(2*time.Hour), time.Hour); len(due) != 2 {
			t.Errorf("DueFeeds once the poll is due again: %d feeds", len(due))
		}
		all, _ = s.Feeds(ctx)
		if g := all[0]; g.ETag != `"v1"` || g.LastStatus != models.FeedOK || g.NewItems != 1 || g.LastFetchAt == nil || !g.LastFetchAt.Equal(now) {
			t.Errorf("the poll's status was not kept: %+v", g)
		}
		failing := polled
		failing.Failures, failing.LastStatus, failing.NextFetchAt = 2, models.FeedError, ptr(now.Add(4*time.Hour))
		if err := s.RecordFeedPoll(ctx, failing, nil, now); err != nil {
			t.Fatal(err)
		}
		if due, _ = s.DueFeeds(ctx, now.Add(2*time.Hour), time.Hour); len(due) != 1 {
			t.Errorf("a failing feed before its backoff ran out is due: %+v", due)
		}
		if due, _ = s.DueFeeds(ctx, now.Add(5*time.Hour), time.Hour); len(due) != 2 {
			t.Errorf("a failing feed after its backoff is not due: %d feeds", len(due))
		}
		seen, err := s.SeenFeedItems(ctx, f.ID, []string{"g1", "g2", "g3"})
		if err != nil || !seen["g1"] || !seen["g2"] || seen["g3"] {
			t.Errorf("SeenFeedItems: %v %v", seen, err)
		}
		if seen, _ := s.SeenFeedItems(ctx, other.ID, []string{"g1"}); seen["g1"] {
			t.Error("an item of one feed is seen by another")
		}
		if err := s.RemoveFeed(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveFeed(ctx, f.ID); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("removing twice: %v, want ENOTFOUND", err)
		}
		if err := s.RecordFeedPoll(ctx, polled, items, now); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("recording a removed feed's poll: %v, want ENOTFOUND", err)
		}
		var n int64
		s.rdb.Raw(`SELECT count(*) FROM feed_items`).Scan(&n)
		if n != 0 {
			t.Errorf("%d items left of the removed feed", n)
		}
	})
}
