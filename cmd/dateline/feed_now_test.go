package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"dateline/models"
	"dateline/models/store"
)

// TestFeedPollNow: a poll asked for on the edit page polls the feed and
// returns its new status; while a poll of the feed is under way (the
// background poller's, say) it is refused as ECONFLICT and fetches
// nothing, and the background round leaves the busy feed alone.
func TestFeedPollNow(t *testing.T) {
	fs := newFeedServer(t)
	fs.set(func(fs *feedServer) { fs.items = []string{item(fs.URL, 1, "Envoy arrives")} })
	st, err := store.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	f := models.Feed{StorySlug: "talks", URL: fs.URL + "/feed"}
	if err := st.AddFeed(ctx, &f, time.Now()); err != nil {
		t.Fatal(err)
	}
	p := testPoller(t, st, fs.URL)
	if !p.claim(f.ID) {
		t.Fatal("a fresh poller has the feed claimed")
	}
	if _, err := p.pollNow(ctx, f); models.ErrorCode(err) != models.ECONFLICT {
		t.Errorf("poll of a busy feed: %v, want ECONFLICT", err)
	}
	if o := p.pollAll(ctx, []models.Feed{f}); len(o) != 1 || !o[0].Busy {
		t.Errorf("the background round polled a busy feed: %+v", o)
	}
	if n := fs.count("/feed"); n != 0 {
		t.Errorf("a busy feed was fetched %d times", n)
	}
	p.release(f.ID)
	got, err := p.pollNow(ctx, f)
	if err != nil || got.LastStatus != models.FeedOK || got.NewItems != 1 {
		t.Fatalf("poll now: %+v %v", got, err)
	}
	stored, err := st.StoryFeeds(ctx, got.StoryID)
	if err != nil || len(stored) != 1 || stored[0].LastStatus != models.FeedOK || stored[0].NewItems != 1 {
		t.Errorf("the poll was not recorded: %+v %v", stored, err)
	}
	if !p.claim(f.ID) {
		t.Error("the feed stayed claimed after its poll")
	}
}
