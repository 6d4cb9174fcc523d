package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/models"
	"dateline/models/store/storetest"
)

// openTest opens a new empty database, migrated, in the dialect of the
// subtest t runs in (see forDialects): SQLite unless t runs under a
// "postgres" subtest.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := OpenWith(testDSN(t), Options{Migrate: MigrateAll})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// testDSN is a new empty database in t's dialect.
func testDSN(t testing.TB) string {
	if dialectOf(t) == "postgres" {
		return storetest.PostgresDSN(t)
	}
	return filepath.Join(t.TempDir(), "sub", "dir", "test.db")
}

// forDialects runs fn once per dialect under test (storetest.Dialects), as
// subtests named after the dialect; openTest inside picks the dialect up
// from the subtest's name.
func forDialects(t *testing.T, fn func(t *testing.T)) {
	for _, d := range storetest.Dialects() {
		t.Run(d, fn)
	}
}

// dialectOf is the dialect of the innermost forDialects subtest t runs in.
func dialectOf(t testing.TB) string {
	parts := strings.Split(t.Name(), "/")
	for i := len(parts) - 1; i > 0; i-- {
		if parts[i] == "postgres" || parts[i] == "sqlite" {
			return parts[i]
		}
	}
	return "sqlite"
}

func ptr[T any](v T) *T { return &v }

func at(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func mustCounts(t *testing.T, s *Store) Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOpenSetsPragmasAndMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "folder", "x.db")
	for round := 0; round < 2; round++ {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for _, pool := range []struct {
			name string
			s    *Store
			rdb  bool
		}{{"writer", s, false}, {"reader", s, true}} {
			db := pool.s.db
			if pool.rdb {
				db = pool.s.rdb
			}
			var mode string
			var fk, busy int
			db.Raw("PRAGMA journal_mode").Scan(&mode)
			db.Raw("PRAGMA foreign_keys").Scan(&fk)
			db.Raw("PRAGMA busy_timeout").Scan(&busy)
			if mode != "wal" || fk != 1 || busy != int(BusyTimeout/time.Millisecond) {
				t.Errorf("%s: journal_mode=%q foreign_keys=%d busy_timeout=%d", pool.name, mode, fk, busy)
			}
		}
		applied, pending, err := s.SchemaVersion(context.Background())
		ms, _ := Migrations()
		if err != nil || pending != 0 || applied != ms[len(ms)-1].Version {
			t.Errorf("round %d: applied %d pending %d err %v", round, applied, pending, err)
		}
		var n int
		s.rdb.Raw("SELECT count(*) FROM schema_migrations").Scan(&n)
		if n != len(ms) {
			t.Errorf("round %d: %d migrations recorded, want %d", round, n, len(ms))
		}
		s.Close()
	}
}

func TestOpenRefusesBadDSN(t *testing.T) {
	notDB := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(notDB, []byte("these are notes, not a database; they are long enough to have a header"), 0o644)
	for _, dsn := range []string{"", ":memory:", "postgres://u@h:port/db", "mysql://u@h/db", "x.db?mode=ro", notDB} {
		if _, err := Open(dsn); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("Open(%q) = %v, want EINVALID", dsn, err)
		}
	}
}

// envoyArticle is a small article as extraction would hand it over.
func envoyArticle(title, body string, published string, quote string, speaker string) models.ExtractedArticle {
	return models.ExtractedArticle{
		Title: title, Source: "Example Wire", URL: "", Body: body,
		PublishedAt: at(published), PublishedPrecision: models.PrecHour, PublishedBy: "flag",
		People: []models.ExtractedPerson{{Name: "Steve Witkoff", Kind: models.PersonKindPerson,
			Role: "US special envoy", Aliases: []string{"Witkoff"}}},
		Events: []models.ExtractedEvent{{Date: "2025-08-06", Granularity: models.GranDay, Kind: models.KindVisit,
			Summary: "Witkoff visits Moscow", Sentence: "Witkoff arrived in Moscow on Wednesday.",
			Expression: "Wednesday", Start: 0, End: 38, Actors: []string{"Steve Witkoff", "Russia"}}},
		Quotes: []models.ExtractedQuote{{Text: quote, Kind: models.QuoteDirect, Start: 5, End: 5 + len([]rune(quote)),
			Speaker: ptr(speaker), SpeakerMention: &models.Mention{Text: speaker}, Cue: "said"}},
	}
}

func TestSaveArticleDuplicates(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		a := envoyArticle("Envoy in Moscow", "Witkoff arrived in Moscow on Wednesday.\n\n\"We will see,\" he said.",
			"2025-08-06T15:00:00Z", "We will see", "Steve Witkoff")
		r1, err := s.SaveArticle(ctx, a, SaveOptions{})
		if err != nil || r1.Duplicate || r1.ArticleID == 0 || r1.NewEvents != 1 || r1.NewQuotes != 1 {
			t.Fatalf("first save: %+v %v", r1, err)
		}
		before := mustCounts(t, s)
		// The same body with other line breaks and case is the same article.
		b := a
		b.Body = "WITKOFF arrived in Moscow   on Wednesday. \"We will see,\" he said."
		r2, err := s.SaveArticle(ctx, b, SaveOptions{})
		if err != nil || !r2.Duplicate || r2.ArticleID != r1.ArticleID {
			t.Fatalf("second save: %+v %v", r2, err)
		}
		if after := mustCounts(t, s); after != before {
			t.Errorf("counts changed on a duplicate: %+v -> %+v", before, after)
		}
		// Same URL and title with an updated body is the same article too.
		c := a
		c.URL, c.Body = "https://news.example/envoy", "First version."
		r3, _ := s.SaveArticle(ctx, c, SaveOptions{})
		c.Body = "Second version, updated."
		r4, err := s.SaveArticle(ctx, c, SaveOptions{})
		if err != nil || !r4.Duplicate || r4.ArticleID != r3.ArticleID {
			t.Errorf("same URL: %+v %+v %v", r3, r4, err)
		}
		// No text at all is refused.
		if _, err := s.SaveArticle(ctx, models.ExtractedArticle{Body: " \n "}, SaveOptions{}); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("empty body: %v", err)
		}
	})
}

func TestSaveMergesEventsQuotesAndPeople(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		a := envoyArticle("One", "Body one.", "2025-08-06T18:00:00Z", "Great progress was made!", "Steve Witkoff")
		b := envoyArticle("Two", "Body two.", "2025-08-06T12:00:00Z", "great progress  was made…", "Witkoff")
		b.People = nil // only the bare surname this time
		b.Events[0].Actors = []string{"Witkoff", "Vladimir Putin"}
		b.Events[0].Deadline = nil
		for _, x := range []models.ExtractedArticle{a, b} {
			if _, err := s.SaveArticle(ctx, x, SaveOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		c := mustCounts(t, s)
		if c.Articles != 2 || c.Events != 1 || c.Quotes != 1 || c.People != 1 {
			t.Fatalf("counts %+v, want 2 articles, 1 event, 1 quote, 1 person", c)
		}
		var ev models.Event
		if err := s.rdb.Preload("Sources").First(&ev).Error; err != nil {
			t.Fatal(err)
		}
		if len(ev.Sources) != 2 || ev.Actors != "Steve Witkoff; Russia; Vladimir Putin" || !ev.SortAt.Equal(*at("2025-08-06T00:00:00Z")) {
			t.Errorf("event %+v", ev)
		}
		var q models.Quote
		if err := s.rdb.Preload("Appearances").Preload("Speaker.Aliases").First(&q).Error; err != nil {
			t.Fatal(err)
		}
		if len(q.Appearances) != 2 || q.Speaker == nil || q.Speaker.Name != "Steve Witkoff" || q.Speaker.Role != "US special envoy" {
			t.Fatalf("quote %+v speaker %+v", q, q.Speaker)
		}
		if !q.PlacedAt.Equal(*at("2025-08-06T12:00:00Z")) {
			t.Errorf("said_at %v, want the earlier publication", q.PlacedAt)
		}
		if len(q.Speaker.Aliases) != 1 || q.Speaker.Aliases[0].Alias != "Witkoff" {
			t.Errorf("aliases %+v", q.Speaker.Aliases)
		}
	})
}

func TestEventsKeptApart(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		ev := func(date, kind string, actors ...string) models.ExtractedEvent {
			return models.ExtractedEvent{Date: date, Kind: kind, Summary: kind + " " + date, Actors: actors}
		}
		a := models.ExtractedArticle{Title: "a", Body: "a", Events: []models.ExtractedEvent{
			ev("2025-08-06", models.KindMeeting, "Steve Witkoff", "Vladimir Putin"),
			ev("2025-08-06", models.KindMeeting, "Donald Trump", "Narendra Modi"), // no shared actor
			ev("2025-08-07", models.KindMeeting, "Steve Witkoff"),                 // other day
			ev("2025-08-08", models.KindDeadline, "Donald Trump"),
			ev("PAST_REF", models.KindMeeting, "Steve Witkoff"), // no period: skipped
		}}
		b := models.ExtractedArticle{Title: "b", Body: "b", Events: []models.ExtractedEvent{
			ev("2025-08-08", models.KindDeadline, "White House"),         // same deadline
			ev("2025-08-06T15:00", models.KindMeeting, "Vladimir Putin"), // same day, now with a time
		}}
		r, err := s.SaveArticle(ctx, a, SaveOptions{})
		if err != nil || r.NewEvents != 4 || r.SkippedEvents != 1 {
			t.Fatalf("%+v %v", r, err)
		}
		r, err = s.SaveArticle(ctx, b, SaveOptions{})
		if err != nil || r.NewEvents != 0 || r.MergedEvents != 2 {
			t.Fatalf("%+v %v", r, err)
		}
		var e models.Event
		s.rdb.Where("kind = ? AND actors LIKE ?", models.KindMeeting, "%Putin%").First(&e)
		if e.Date != "2025-08-06T15:00" || !e.SortAt.Equal(*at("2025-08-06T15:00:00Z")) {
			t.Errorf("merged meeting not refined to the time: %+v", e)
		}
	})
}

func TestSaveArticlesRollsBackOnlyTheBadOne(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		good := envoyArticle("Good", "Good body.", "2025-08-06T15:00:00Z", "Fine words", "Steve Witkoff")
		bad := envoyArticle("Bad", "Bad body.", "2025-08-06T15:00:00Z", "Other words", "Steve Witkoff")
		bad.Quotes[0].Speaker = ptr("!!!") // a name without letters fails after the article row went in
		other := envoyArticle("Other", "Other body.", "2025-08-07T15:00:00Z", "More words", "Steve Witkoff")
		rs, err := s.SaveArticles(context.Background(), []models.ExtractedArticle{good, bad, other}, SaveOptions{StorySlug: "envoy-trip"})
		if err != nil {
			t.Fatal(err)
		}
		if rs[0].Err != nil || rs[1].Err == nil || rs[2].Err != nil {
			t.Fatalf("results %+v", rs)
		}
		c := mustCounts(t, s)
		if c.Articles != 2 || c.Quotes != 2 || c.Stories != 1 {
			t.Errorf("counts %+v", c)
		}
		var n int
		s.rdb.Raw("SELECT count(*) FROM story_articles").Scan(&n)
		if n != 2 {
			t.Errorf("%d story articles, want 2", n)
		}
		var st models.Story
		s.rdb.First(&st)
		if st.Slug != "envoy-trip" || st.Title != "Envoy trip" {
			t.Errorf("story %+v", st)
		}
	})
}

func TestSearch(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		a := envoyArticle("One", "Body.", "2025-08-06T18:00:00Z", "Secondary tariffs will follow on Friday", "Donald Trump")
		if _, err := s.SaveArticle(ctx, a, SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			q              string
			quotes, events int
		}{
			{"tariffs", 1, 0},
			{"TARIFFS friday", 1, 0},
			{"tarif", 1, 0}, // prefix of the last word
			{"moscow", 0, 1},
			{"arrived", 0, 1}, // from the reporting sentence
			{"nothing-here", 0, 0},
			{`"unbalanced`, 0, 0},
			{`tariffs (`, 1, 0},
			{`tariffs AND`, 0, 0}, // every word is required, AND included
			{`NEAR(a b) * : ^ -x`, 0, 0},
			{"", 0, 0},
		}
		for _, tc := range tests {
			res, err := s.Search(ctx, tc.q, 10)
			if err != nil {
				t.Errorf("Search(%q): %v", tc.q, err)
				continue
			}
			if len(res.Quotes) != tc.quotes || len(res.Events) != tc.events {
				t.Errorf("Search(%q) = %d quotes, %d events; want %d, %d", tc.q, len(res.Quotes), len(res.Events), tc.quotes, tc.events)
			}
			if len(res.Quotes) > 0 && (res.Quotes[0].Speaker == nil || res.Quotes[0].Speaker.Name != "Donald Trump") {
				t.Errorf("Search(%q): speaker not loaded: %+v", tc.q, res.Quotes[0])
			}
		}
	})
}

func FuzzSearch(f *testing.F) {
	s := openTest(f)
	if _, err := s.SaveArticle(context.Background(), envoyArticle("x", "x", "2025-08-06T18:00:00Z", "a quote", "A B"), SaveOptions{}); err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{"quote", `"`, "a OR b", "NEAR(", "*", "col:x", "\x00", "ü'ß", "-a +b"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.Search(context.Background(), q, 5); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

func TestBackup(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		if _, err := s.SaveArticle(ctx, envoyArticle("x", "body", "2025-08-06T18:00:00Z", "a quote", "A B"), SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "backups", "copy.db")
		if err := s.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		if err := s.Backup(ctx, path); models.ErrorCode(err) != models.ECONFLICT {
			t.Errorf("second backup to the same file: %v", err)
		}
		cp, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		if res, err := cp.IntegrityCheck(ctx); err != nil || res != "ok" {
			t.Errorf("integrity %q %v", res, err)
		}
		if got, want := mustCounts(t, cp), mustCounts(t, s); got != want {
			t.Errorf("copy counts %+v, want %+v", got, want)
		}
	})
}

func TestPeriodStart(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" for not ok
	}{
		{"2025-08-06", "2025-08-06T00:00:00Z"},
		{"2025-08-06T14:00", "2025-08-06T14:00:00Z"},
		{"2025-08-06T14:05:09", "2025-08-06T14:05:09Z"},
		{"2025-08", "2025-08-01T00:00:00Z"},
		{"2025", "2025-01-01T00:00:00Z"},
		{"2025-W33", "2025-08-11T00:00:00Z"},
		{"2026-W01", "2025-12-29T00:00:00Z"},
		{"2025-Q3", "2025-07-01T00:00:00Z"},
		{"2025-H2", "2025-07-01T00:00:00Z"},
		// regressions and failures
		{"2025-W54", ""},
		{"2025-Q5", ""},
		{"XXXX-08", ""},
		{"PAST_REF", ""},
		{"P2D", ""},
		{"", ""},
		{"2025-13-01", ""},
	}
	for _, tc := range tests {
		got, ok := PeriodStart(tc.in)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != tc.want {
			t.Errorf("PeriodStart(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
}

func TestDBErrorCodes(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		var st models.Story
		err := dbError(s.rdb.Where("slug = ?", "none").First(&st).Error, "story")
		if models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("missing row: %v", err)
		}
		if err := s.db.Create(&models.Story{Slug: "a", Title: "A"}).Error; err != nil {
			t.Fatal(err)
		}
		err = dbError(s.db.Create(&models.Story{Slug: "a", Title: "A again"}).Error, "story")
		if models.ErrorCode(err) != models.ECONFLICT {
			t.Errorf("duplicate slug: %v", err)
		}
		if dbError(nil, "x") != nil {
			t.Error("nil error mapped to non-nil")
		}
	})
}

// TestConcurrentWriters opens one database twice (as two processes would)
// and saves overlapping articles from both at once: no "database is
// locked" failures, and each article stored once.
func TestConcurrentWriters(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		path := testDSN(t)
		first, err := OpenWith(path, Options{Migrate: MigrateAll})
		if err != nil {
			t.Fatal(err)
		}
		first.Close()
		const n = 60
		errs := make(chan error, 4)
		for w := 0; w < 4; w++ {
			go func() {
				s, err := Open(path)
				if err != nil {
					errs <- err
					return
				}
				defer s.Close()
				for i := 0; i < n; i += 10 {
					rs, err := s.SaveArticles(context.Background(), benchBatch(i, i+10), SaveOptions{StorySlug: "shared"})
					for _, r := range rs {
						err = errors.Join(err, r.Err)
					}
					if err != nil {
						errs <- err
						return
					}
				}
				errs <- nil
			}()
		}
		for w := 0; w < 4; w++ {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if c := mustCounts(t, s); c.Articles != n || c.Stories != 1 {
			t.Errorf("counts %+v, want %d articles and 1 story", c, n)
		}
	})
}

func FuzzPeriodStart(f *testing.F) {
	for _, s := range []string{"2025-08-06", "2025-W33", "2025-Q3", "2025-H1", "2025", "XXXX-08", "2025-W", "2025-Q-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got, ok := PeriodStart(v)
		if ok && (got.Location() != time.UTC || got.Year() < 0) {
			t.Errorf("PeriodStart(%q) = %v", v, got)
		}
	})
}

func TestCutCopies(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		var words []string
		for i := 0; i < 70; i++ {
			words = append(words, fmt.Sprintf("word%d", i))
		}
		full := strings.Join(words, " ") + "."
		teaser := strings.Join(words[:50], " ") + " wor... Read more" // cut mid-word
		short := strings.Join(words[:20], " ") + " ... Read more"     // too short to trust
		art := func(title, body string) models.ExtractedArticle {
			return models.ExtractedArticle{Title: title, Body: body}
		}
		tests := []struct {
			name      string
			first     models.ExtractedArticle
			second    models.ExtractedArticle
			dup       bool
			linkFirst bool // the first is marked a duplicate of the second
		}{
			{"teaser after full", art("Full", full), art("Teaser", teaser), true, false},
			{"full after teaser", art("Teaser", teaser), art("Full", full), false, true},
			{"short teaser kept", art("Full", full), art("Short", short), false, false},
			{"different ending", art("Full", full), art("Other", strings.Join(words[:50], " ")+" something else entirely"), false, false},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				s := openTest(t)
				ctx := context.Background()
				r1, err := s.SaveArticle(ctx, tc.first, SaveOptions{})
				if err != nil {
					t.Fatal(err)
				}
				r2, err := s.SaveArticle(ctx, tc.second, SaveOptions{})
				if err != nil || r2.Duplicate != tc.dup || (tc.dup && r2.ArticleID != r1.ArticleID) {
					t.Fatalf("second save %+v %v, want duplicate %v", r2, err, tc.dup)
				}
				var a models.Article
				s.rdb.First(&a, r1.ArticleID)
				if linked := a.DuplicateOfID != nil && *a.DuplicateOfID == r2.ArticleID; linked != tc.linkFirst {
					t.Errorf("first article duplicate_of_id = %v, want link %v", a.DuplicateOfID, tc.linkFirst)
				}
			})
		}
	})
}

// TestPersonNamedBySurnameFirst: a speaker stored as a bare surname is the
// same person when a later article gives the full name with the surname as
// an alias.
func TestPersonNamedBySurnameFirst(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		a := models.ExtractedArticle{Title: "a", Body: "a", Quotes: []models.ExtractedQuote{{Text: "one", Speaker: ptr("Trump")}}}
		b := models.ExtractedArticle{Title: "b", Body: "b", People: []models.ExtractedPerson{{Name: "Donald Trump", Aliases: []string{"Trump"}}},
			Quotes: []models.ExtractedQuote{{Text: "two", Speaker: ptr("Donald Trump")}}}
		for _, x := range []models.ExtractedArticle{a, b} {
			if _, err := s.SaveArticle(ctx, x, SaveOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		if c := mustCounts(t, s); c.People != 1 {
			t.Errorf("%d people, want 1", c.People)
		}
	})
}

// TestBackupWhileWriting copies the database while another goroutine keeps
// saving: the copy is sound and holds a whole number of batches.
func TestBackupWhileWriting(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		done := make(chan error)
		go func() {
			for i := 0; i < 200; i += 10 {
				if _, err := s.SaveArticles(ctx, benchBatch(i, i+10), SaveOptions{}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		path := filepath.Join(t.TempDir(), "hot.db")
		time.Sleep(20 * time.Millisecond)
		if err := s.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		cp, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		if res, err := cp.IntegrityCheck(ctx); res != "ok" || err != nil {
			t.Errorf("integrity %q %v", res, err)
		}
		if c := mustCounts(t, cp); c.Articles%10 != 0 {
			t.Errorf("copy holds %d articles, not whole batches of 10", c.Articles)
		}
	})
}

// TestEventActorsBackfill upgrades a database made before migration 3 and
// checks its events are found by actor afterwards.
func TestEventActorsBackfill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a := models.ExtractedArticle{Title: "a", Body: "a", Events: []models.ExtractedEvent{
		{Date: "2025-08-06", Kind: models.KindMeeting, Actors: []string{"Steve Witkoff", "Vladimir Putin"}}}}
	if _, err := s.SaveArticle(ctx, a, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	// Turn the clock back: as if migration 3 had never run.
	for _, q := range []string{"DROP TABLE event_actors", "DELETE FROM schema_migrations WHERE version = 3"} {
		if err := s.db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if _, err := Open(path); models.ErrorCode(err) != models.EINVALID || !strings.Contains(err.Error(), "1 pending migrations; run dateline migrate --db") {
		t.Fatalf("opening a database with a pending migration: %v", err)
	}
	s, err = OpenWith(path, Options{Migrate: MigrateAll})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := models.ExtractedArticle{Title: "b", Body: "b", Events: []models.ExtractedEvent{
		{Date: "2025-08-06", Kind: models.KindMeeting, Actors: []string{"Vladimir Putin"}}}}
	r, err := s.SaveArticle(ctx, b, SaveOptions{})
	if err != nil || r.MergedEvents != 1 {
		t.Errorf("after the upgrade: %+v %v, want the event merged", r, err)
	}
}

func TestKnownInputs(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		r, err := s.SaveArticle(ctx, envoyArticle("x", "body", "2025-08-06T18:00:00Z", "a quote", "A B"), SaveOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.KnownInput(ctx, "k1"); ok || err != nil {
			t.Fatalf("unknown input reported known: %v", err)
		}
		if err := s.RememberInputs(ctx, map[string][]uint{"k1": {r.ArticleID}, "empty": nil}); err != nil {
			t.Fatal(err)
		}
		ids, ok, err := s.KnownInput(ctx, "k1")
		if !ok || err != nil || len(ids) != 1 || ids[0] != r.ArticleID {
			t.Fatalf("KnownInput = %v %v %v", ids, ok, err)
		}
		if _, ok, _ := s.KnownInput(ctx, "empty"); ok {
			t.Error("an input without articles was recorded")
		}
		if err := s.AttachArticles(ctx, ids, SaveOptions{StorySlug: "kept"}); err != nil {
			t.Fatal(err)
		}
		// A deleted article makes the input unknown again, so it is read anew.
		if err := s.db.Exec("DELETE FROM articles WHERE id = ?", r.ArticleID).Error; err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.KnownInput(ctx, "k1"); ok {
			t.Error("input still known after its article was deleted")
		}
	})
}

// TestSaveKeepsOnlyWebLinks: an article URL that is not http or https is
// not stored as the article's link, nor used for its outlet's domain.
func TestSaveKeepsOnlyWebLinks(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		for i, raw := range []string{"javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "https://news.example/ok"} {
			a := envoyArticle(fmt.Sprintf("Envoy %d", i), fmt.Sprintf("Witkoff arrived in Moscow on Wednesday, visit %d.", i),
				"2025-08-06T15:00:00Z", "", "")
			a.URL, a.Source, a.Quotes = raw, fmt.Sprintf("Outlet %d", i), nil
			r, err := s.SaveArticle(ctx, a, SaveOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got, _, _, err := s.Article(ctx, r.ArticleID)
			if err != nil {
				t.Fatal(err)
			}
			want := models.WebURL(raw)
			if got.URL != want {
				t.Errorf("%q stored as %q, want %q", raw, got.URL, want)
			}
			var domain string
			if err := s.db.Raw(`SELECT domain FROM sources WHERE name = ?`, a.Source).Scan(&domain).Error; err != nil {
				t.Fatal(err)
			}
			if (want == "") != (domain == "") {
				t.Errorf("%q gave the outlet domain %q", raw, domain)
			}
		}
	})
}
