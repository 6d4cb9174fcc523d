package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"dateline/models"
)

// ftsIntact checks SQLite's full-text indexes against their content tables
// (FTS5's integrity-check with rank 1 compares the index to the rows).
func ftsIntact(t *testing.T, s *Store) {
	t.Helper()
	if s.d.postgres() {
		return
	}
	for _, f := range []string{"quotes_fts", "events_fts", "event_sources_fts"} {
		if err := s.db.Exec(`INSERT INTO ` + f + `(` + f + `, rank) VALUES ('integrity-check', 1)`).Error; err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// Quotes and event sentences enter the search index at the end of each
// write transaction (fts.go); rows of articles rolled back alone must stay
// out, and every kept row must be found.
func TestSearchIndexAfterBatches(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		good := envoyArticle("Good", "Good body.", "2025-08-06T15:00:00Z", "Pineapple talks went well", "Steve Witkoff")
		bad := envoyArticle("Bad", "Bad body.", "2025-08-06T15:00:00Z", "Walnut words never stored", "Steve Witkoff")
		bad.Quotes[0].Speaker = ptr("!!!")
		bad.Events[0].Sentence = "Walnut sentence never stored."
		other := envoyArticle("Other", "Other body.", "2025-08-07T15:00:00Z", "Apricot terms are final", "Steve Witkoff")
		other.Events[0].Sentence = "The envoy flew to Moscow with apricot terms."
		rs, err := s.SaveArticles(ctx, []models.ExtractedArticle{good, bad, other}, SaveOptions{})
		if err != nil || rs[0].Err != nil || rs[1].Err == nil || rs[2].Err != nil {
			t.Fatalf("first batch: %+v %v", rs, err)
		}
		third := envoyArticle("Third", "Third body.", "2025-08-08T15:00:00Z", "Pineapple talks went well", "Steve Witkoff")
		third.Events[0].Sentence = "Mango envoys met again in Moscow."
		if _, err := s.SaveArticle(ctx, third, SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		ftsIntact(t, s)
		for _, tc := range []struct {
			q              string
			quotes, events int
		}{
			{"pineapple", 1, 0}, {"apricot", 1, 1}, {"walnut", 0, 0}, {"mango", 0, 1},
		} {
			res, err := s.Search(ctx, tc.q, 10)
			if err != nil || len(res.Quotes) != tc.quotes || len(res.Events) != tc.events {
				t.Errorf("Search(%q) = %d quotes, %d events, %v; want %d, %d", tc.q, len(res.Quotes), len(res.Events), err, tc.quotes, tc.events)
			}
		}
	})
}

// The writer skips statements for copies of a quote met earlier in the same
// batch; the stored row must still take the first speaker given and the
// earliest time.
func TestQuoteCopiesInOneBatch(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		mk := func(title, published, speaker string) models.ExtractedArticle {
			a := envoyArticle(title, title+" body.", published, "Nothing is agreed until everything is agreed", speaker)
			a.Events = nil
			if speaker == "" {
				a.Quotes[0].Speaker, a.Quotes[0].SpeakerMention = nil, nil
			}
			return a
		}
		batch := []models.ExtractedArticle{
			mk("One", "2025-08-07T10:00:00Z", ""),
			mk("Two", "2025-08-08T10:00:00Z", ""),
			mk("Three", "2025-08-09T10:00:00Z", "Steve Witkoff"),
			mk("Four", "2025-08-05T10:00:00Z", ""),
			mk("Five", "2025-08-10T10:00:00Z", ""),
		}
		rs, err := s.SaveArticles(ctx, batch, SaveOptions{})
		if err != nil {
			t.Fatal(err)
		}
		news, merged := 0, 0
		for _, r := range rs {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			news, merged = news+r.NewQuotes, merged+r.MergedQuotes
		}
		if news != 1 || merged != 4 {
			t.Errorf("%d new, %d merged quotes; want 1, 4", news, merged)
		}
		var qs []models.Quote
		if err := s.rdb.Preload("Speaker").Find(&qs).Error; err != nil || len(qs) != 1 {
			t.Fatalf("quotes %+v %v", qs, err)
		}
		q := qs[0]
		if q.Speaker == nil || q.Speaker.Name != "Steve Witkoff" {
			t.Errorf("speaker %+v, want Steve Witkoff", q.Speaker)
		}
		if want := time.Date(2025, 8, 5, 10, 0, 0, 0, time.UTC); q.PlacedAt == nil || !q.PlacedAt.Equal(want) {
			t.Errorf("placed at %v, want %v", q.PlacedAt, want)
		}
		var apps int64
		s.rdb.Model(&models.QuoteAppearance{}).Count(&apps)
		if apps != 5 {
			t.Errorf("%d appearances, want 5", apps)
		}
		ftsIntact(t, s)
	})
}

// A database from before migration 5 still has the per-row insert
// triggers; write transactions must then leave indexing to them.
func TestSearchIndexBeforeMigration5(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, q := range []string{
		`CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
			INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END`,
		`CREATE TRIGGER event_sources_fts_ai AFTER INSERT ON event_sources BEGIN
			INSERT INTO event_sources_fts(rowid, sentence) VALUES (new.id, new.sentence); END`,
	} {
		if err := s.db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveArticle(ctx, envoyArticle("One", "One body.", "2025-08-06T15:00:00Z", "Plum harvest", "Steve Witkoff"), SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	ftsIntact(t, s)
	res, err := s.Search(ctx, "plum", 10)
	if err != nil || len(res.Quotes) != 1 {
		t.Errorf("Search(plum) = %+v %v", res.Quotes, err)
	}
}

// Search ranks only the newest searchCandidates matches of each index, so
// its time stops growing with the database.
func TestSearchRanksNewestCandidates(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		defer func(n int) { searchCandidates = n }(searchCandidates)
		searchCandidates = 2
		for i, day := range []string{"06", "07", "08"} {
			a := envoyArticle(fmt.Sprintf("Article %d", i), fmt.Sprintf("Body %d.", i), "2025-08-"+day+"T15:00:00Z",
				fmt.Sprintf("Quince number %d is ripe", i), "Steve Witkoff")
			a.Events[0].Date = "2025-08-" + day
			a.Events[0].Summary = fmt.Sprintf("Quince summit %d", i)
			if _, err := s.SaveArticle(ctx, a, SaveOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		res, err := s.Search(ctx, "quince", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Quotes) != 2 || len(res.Events) != 2 {
			t.Fatalf("%d quotes, %d events; want the 2 newest of each", len(res.Quotes), len(res.Events))
		}
		for _, q := range res.Quotes {
			if strings.Contains(q.Text, "number 0") {
				t.Errorf("the oldest quote was ranked: %q", q.Text)
			}
		}
		for _, e := range res.Events {
			if e.Date == "2025-08-06" {
				t.Errorf("the oldest event was ranked: %+v", e)
			}
		}
	})
}

// Whole words are searched first; the last word's prefix only widens a
// search that found fewer than the limit.
func TestSearchWholeWordsFirst(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		for i, quote := range []string{"The guns must cease now", "A ceasefire is near"} {
			a := envoyArticle(fmt.Sprintf("Article %d", i), fmt.Sprintf("Body %d.", i), "2025-08-06T15:00:00Z", quote, "Steve Witkoff")
			if _, err := s.SaveArticle(ctx, a, SaveOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		res, err := s.Search(ctx, "cease", 1)
		if err != nil || len(res.Quotes) != 1 || res.Quotes[0].Text != "The guns must cease now" {
			t.Errorf("Search(cease, 1) = %+v %v, want the whole word", res.Quotes, err)
		}
		res, err = s.Search(ctx, "cease", 5)
		if err != nil || len(res.Quotes) != 2 {
			t.Errorf("Search(cease, 5) = %d quotes %v, want both", len(res.Quotes), err)
		}
	})
}
