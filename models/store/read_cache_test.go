package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dateline/models"

	"gorm.io/gorm"
)

// fillStories saves n one-event articles a day apart, each with one quote
// by speaker, into story slug.
func fillStories(t *testing.T, st *Store, slug, speaker string, from time.Time, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		pub := from.AddDate(0, 0, i)
		body := fmt.Sprintf(`%s met envoys on %d. "Talk %d," %s said.`, speaker, i, i, speaker)
		talk := fmt.Sprintf("Talk %d by %s", i, speaker)
		sp := speaker
		a := models.ExtractedArticle{Title: fmt.Sprintf("%s %s %d", slug, speaker, i), Source: "Wire", URL: fmt.Sprintf("https://x.test/%s/%s/%d", slug, strings.ReplaceAll(speaker, " ", "-"), i),
			PublishedAt: &pub, PublishedPrecision: models.PrecDay, Body: body,
			Events: []models.ExtractedEvent{{Date: pub.Format("2006-01-02"), Granularity: models.GranDay, Kind: models.KindMeeting,
				Summary: fmt.Sprintf("%s meeting %d", slug, i), Sentence: body, Start: 0, End: len(body), Actors: []string{speaker}}},
			Quotes: []models.ExtractedQuote{{Text: talk, Kind: models.QuoteDirect, Speaker: &sp, Start: 1, End: 5}},
		}
		if _, err := st.SaveArticle(context.Background(), a, SaveOptions{StorySlug: slug, StoryTitle: slug}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLatestEvents checks that the latest n events are the same whether
// they are found among the latest events of the database or, for a story
// that has few there, from the story's whole list.
func TestLatestEvents(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	old := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	fillStories(t, st, "old", "Vladimir Putin", old, 6)
	fillStories(t, st, "new", "Donald Trump", old.AddDate(1, 0, 0), 8)
	defer func(w int) { latestWindow = w }(latestWindow)
	for _, w := range []int{3, 100} {
		latestWindow = w
		for _, slug := range []string{"old", "new"} {
			story, err := st.StoryBySlug(ctx, slug)
			mustRead(t, err)
			all, err := st.Timeline(ctx, story, models.Filter{})
			mustRead(t, err)
			last, err := st.Timeline(ctx, story, models.Filter{Limit: 4})
			mustRead(t, err)
			if want := summaries(all)[len(all)-4:]; !slices.Equal(summaries(last), want) {
				t.Errorf("window %d, story %s: latest 4 = %v, want %v", w, slug, summaries(last), want)
			}
		}
	}
}

// TestTimelinePages reads a story's timeline a page at a time, each page
// the latest events before the oldest of the page after it, and checks that
// the pages make up the whole timeline in order: with events sharing a
// date (ordered by id), another story's events in between, and the latest
// events of the database looked through or not.
func TestTimelinePages(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	fillStories(t, st, "paged", "Donald Trump", day, 8)
	fillStories(t, st, "other", "Vladimir Putin", day.AddDate(0, 0, 2), 8)
	fillStories(t, st, "paged", "Marco Rubio", day, 8) // the same days
	story, err := st.StoryBySlug(ctx, "paged")
	mustRead(t, err)
	all, err := st.Timeline(ctx, story, models.Filter{})
	mustRead(t, err)
	if len(all) != 16 {
		t.Fatalf("%d events, want 16", len(all))
	}
	defer func(w int) { latestWindow = w }(latestWindow)
	for _, w := range []int{2, 5, 100} {
		latestWindow = w
		var got []models.TimelineEntry
		before := uint(0)
		for pages := 0; ; pages++ {
			page, err := st.Timeline(ctx, story, models.Filter{Limit: 3, Before: before})
			mustRead(t, err)
			got = append(page, got...)
			if len(page) < 3 || pages > 10 {
				break
			}
			before = page[0].Event.ID
		}
		if !slices.Equal(entryIDs(got), entryIDs(all)) {
			t.Errorf("window %d: pages %v, want %v", w, entryIDs(got), entryIDs(all))
		}
	}
	if page, err := st.Timeline(ctx, story, models.Filter{Limit: 3, Before: 999999}); err != nil || len(page) != 0 {
		t.Errorf("before an unknown event: %d events, %v", len(page), err)
	}
}

func entryIDs(es []models.TimelineEntry) []uint {
	var ids []uint
	for _, e := range es {
		ids = append(ids, e.Event.ID)
	}
	return ids
}

// TestStorySpeakersCache checks the speaker counts of a whole story, and
// that new articles change them (the cache follows the database), whether
// saved through the same store or through another one on the database (as
// an ingest beside a server, or a second server on PostgreSQL).
func TestStorySpeakersCache(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st := openTest(t)
		other, err := Open(st.path)
		mustRead(t, err)
		defer other.Close()
		day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		fillStories(t, st, "talks", "Vladimir Putin", day, 3)
		counts := func() []models.SpeakerCount {
			story, err := st.StoryBySlug(ctx, "talks")
			mustRead(t, err)
			c, err := st.StorySpeakers(ctx, story, nil, true)
			mustRead(t, err)
			n, err := st.TimelineCount(ctx, story, models.Filter{})
			mustRead(t, err)
			return append(c, models.SpeakerCount{Name: "events", Quotes: int(n)})
		}
		want := []models.SpeakerCount{{Name: "Vladimir Putin", Slug: "vladimir-putin", Quotes: 3}, {Name: "events", Quotes: 3}}
		for i := 0; i < 2; i++ { // the second time from the cache, unless the database moved
			if got := counts(); !slices.Equal(got, want) {
				t.Fatalf("counts %v, want %v", got, want)
			}
		}
		fillStories(t, st, "talks", "Donald Trump", day.AddDate(0, 1, 0), 4)
		want = []models.SpeakerCount{{Name: "Donald Trump", Slug: "donald-trump", Quotes: 4},
			{Name: "Vladimir Putin", Slug: "vladimir-putin", Quotes: 3}, {Name: "events", Quotes: 7}}
		if got := counts(); !slices.Equal(got, want) {
			t.Fatalf("after a new article: counts %v, want %v", got, want)
		}
		fillStories(t, other, "talks", "Marco Rubio", day.AddDate(0, 2, 0), 2)
		want = []models.SpeakerCount{want[0], want[1], {Name: "Marco Rubio", Slug: "marco-rubio", Quotes: 2},
			{Name: "events", Quotes: 9}}
		if got := counts(); !slices.Equal(got, want) {
			t.Fatalf("after an article saved by another store: counts %v, want %v", got, want)
		}
		if st.storyCache() == nil {
			t.Error("no story cache")
		}
	})
}

// TestStoryCacheNewFile checks that a database made anew at the same path
// does not answer from the old file's cache.
func TestStoryCacheNewFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	counts := func(n int) int64 {
		st, err := Open(path)
		mustRead(t, err)
		defer st.Close()
		fillStories(t, st, "talks", "Vladimir Putin", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), n)
		story, err := st.StoryBySlug(ctx, "talks")
		mustRead(t, err)
		c, err := st.TimelineCount(ctx, story, models.Filter{})
		mustRead(t, err)
		return c
	}
	if c := counts(3); c != 3 {
		t.Fatalf("first file: %d events, want 3", c)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(f)
	}
	if c := counts(2); c != 2 {
		t.Fatalf("new file at the same path: %d events, want 2", c)
	}
}

// TestStoryCacheVersionMovesOnCommit checks that the version the story
// cache is keyed on moves with every commit, including commits made with
// synchronous_commit=off on PostgreSQL: there the write-ahead log position,
// the key used before, stays put until the WAL writer catches up, and the
// cache served stale counts (CI runs its server with that setting).
func TestStoryCacheVersionMovesOnCommit(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st := openTest(t)
		c := st.storyCache()
		if c == nil {
			t.Fatal("no story cache")
		}
		fillStories(t, st, "talks", "Vladimir Putin", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), 1)
		prev, ok := c.current(ctx, st)
		if !ok {
			t.Fatal("the database version cannot be read")
		}
		for i := 0; i < 50; i++ {
			err := st.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
				if st.d.postgres() {
					if err := tx.Exec("SET LOCAL synchronous_commit TO off").Error; err != nil {
						return err
					}
				}
				return tx.Exec("UPDATE stories SET title = ? WHERE slug = ?", fmt.Sprintf("talks %d", i), "talks").Error
			})
			mustRead(t, err)
			v, ok := c.current(ctx, st)
			if !ok || v == prev {
				t.Fatalf("commit %d: version %q (readable %v), the same as before it", i, v, ok)
			}
			prev = v
		}
	})
}
