package store

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"dateline/models"
)

// quoteArticle is an article with one quote of words by speaker (no
// speaker when ""), published at pub.
func quoteArticle(n int, words, speaker, pub string) models.ExtractedArticle {
	a := models.ExtractedArticle{Title: fmt.Sprintf("Report %d", n), Source: fmt.Sprintf("Outlet %d", n),
		Body: fmt.Sprintf("Report %d. %q, someone said.", n, words), PublishedAt: at(pub),
		PublishedPrecision: models.PrecHour, PublishedBy: "flag"}
	q := models.ExtractedQuote{Text: words, Kind: models.QuoteDirect, Start: 10, End: 10 + len([]rune(words)),
		Cue: "said", Verb: "say"}
	if speaker != "" {
		a.People = []models.ExtractedPerson{{Name: speaker, Kind: models.PersonKindPerson}}
		q.Speaker, q.SpeakerKind = ptr(speaker), models.SpeakerPerson
	}
	a.Quotes = []models.ExtractedQuote{q}
	return a
}

// quoteSpeakers lists the stored quotes of words as "speaker:appearances".
func quoteSpeakers(t *testing.T, s *Store, words string) map[string]int {
	t.Helper()
	out := map[string]int{}
	rows, err := s.rdb.Raw(`SELECT coalesce(p.name, ''), (SELECT count(*) FROM quote_appearances qa WHERE qa.quote_id = q.id)
		FROM quotes q LEFT JOIN people p ON p.id = q.speaker_id WHERE q.text = ?`, words).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		out[name] += n
	}
	return out
}

// TestQuoteIdentity: the same words from two named speakers are two
// quotes; a copy with no speaker joins the one quote of its words; a named
// copy adopts a quote stored without a speaker; a short fragment merges
// only with the same speaker.
func TestQuoteIdentity(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		save := func(a models.ExtractedArticle) {
			t.Helper()
			if _, err := s.SaveArticle(ctx, a, SaveOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		long := "We are ready to continue the talks"
		save(quoteArticle(1, long, "", "2025-08-05T09:00:00Z"))
		save(quoteArticle(2, long, "Yuri Ushakov", "2025-08-05T10:00:00Z"))
		save(quoteArticle(3, long, "", "2025-08-05T11:00:00Z"))
		save(quoteArticle(4, long, "Sergei Lavrov", "2025-08-06T10:00:00Z"))
		save(quoteArticle(5, long, "", "2025-08-06T11:00:00Z"))
		got := quoteSpeakers(t, s, long)
		// 1 and 2 are one quote (2 adopted 1), 3 joined it as the only
		// quote of the words, 4 is Lavrov's own, 5 is ambiguous now.
		if got["Yuri Ushakov"] != 3 || got["Sergei Lavrov"] != 1 || got[""] != 1 || len(got) != 3 {
			t.Errorf("quotes of %q: %v, want Ushakov 3, Lavrov 1, unknown 1", long, got)
		}
		short := "a terrible deal"
		save(quoteArticle(6, short, "Donald Trump", "2025-08-05T09:00:00Z"))
		save(quoteArticle(7, short, "", "2025-08-05T10:00:00Z"))
		save(quoteArticle(8, short, "Donald Trump", "2025-08-05T11:00:00Z"))
		if got := quoteSpeakers(t, s, short); got["Donald Trump"] != 2 || got[""] != 1 {
			t.Errorf("quotes of %q: %v, want Trump 2 and one unknown", short, got)
		}
	})
}

// TestQuoteSaidAt: a quote is placed when it was said if a report says so,
// and keeps its first report's time as reported_at.
func TestQuoteSaidAt(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		ctx := context.Background()
		a := quoteArticle(1, "Putin will stop killing people", "Donald Trump", "2025-08-07T09:00:00Z")
		a.Quotes[0].SaidAt, a.Quotes[0].SaidGranularity = ptr("2025-08-05"), "day"
		b := quoteArticle(2, "They're wily characters", "Donald Trump", "2025-08-07T09:00:00Z")
		b.Quotes[0].SaidAt, b.Quotes[0].SaidGranularity = ptr("2025-W31-WE"), "weekend"
		for _, x := range []models.ExtractedArticle{a, b} {
			if _, err := s.SaveArticle(ctx, x, SaveOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		var qs []models.Quote
		if err := s.rdb.Order("id").Find(&qs).Error; err != nil || len(qs) != 2 {
			t.Fatalf("quotes %+v %v", qs, err)
		}
		for i, want := range []struct{ placed, value, gran string }{
			{"2025-08-05T00:00:00Z", "2025-08-05", "day"},
			{"2025-08-02T00:00:00Z", "2025-W31-WE", "weekend"},
		} {
			q := qs[i]
			if q.PlacedAt == nil || !q.PlacedAt.Equal(*at(want.placed)) || q.SaidValue != want.value ||
				q.SaidGranularity != want.gran || q.ReportedAt == nil || !q.ReportedAt.Equal(*at("2025-08-07T09:00:00Z")) {
				t.Errorf("quote %d: placed %v said %q %q reported %v, want %s %s %s", i, q.PlacedAt, q.SaidValue,
					q.SaidGranularity, q.ReportedAt, want.placed, want.value, want.gran)
			}
		}
	})
}

// TestMigrationQuoteIdentity: a database from before migration 6 moves to
// the new quote key with every quote and appearance kept, its publication
// times becoming reported_at, and saves go on merging with its quotes.
func TestMigrationQuoteIdentity(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		dsn := testDSN(t)
		old, err := OpenWith(dsn, Options{Migrate: MigrateSkip})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		ms, err := dialectMigrations(old.d)
		if err != nil {
			t.Fatal(err)
		}
		sqlDB, _ := old.db.DB()
		if _, err := sqlDB.ExecContext(ctx, old.d.schemaMigrationsDDL()); err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Version < 6 {
				if _, err := applyMigration(ctx, sqlDB, old.d, m); err != nil {
					t.Fatal(err)
				}
			}
		}
		long := "We are ready to continue the talks"
		for _, q := range []string{
			`INSERT INTO people (slug, name, kind, role, created_at) VALUES ('yuri-ushakov', 'Yuri Ushakov', 'person', '', CURRENT_TIMESTAMP)`,
			`INSERT INTO sources (name, created_at) VALUES ('Old Wire', CURRENT_TIMESTAMP)`,
		} {
			if err := old.db.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
		var pid, sid uint
		old.rdb.Raw(`SELECT id FROM people WHERE slug = 'yuri-ushakov'`).Scan(&pid)
		old.rdb.Raw(`SELECT id FROM sources WHERE name = 'Old Wire'`).Scan(&sid)
		pub := at("2025-08-05T10:00:00Z")
		for i := 1; i <= 2; i++ {
			if err := old.db.Exec(`INSERT INTO articles (title, body, source_id, published_at, published_precision, content_hash, created_at)
				VALUES (?, ?, ?, ?, 'hour', ?, CURRENT_TIMESTAMP)`, fmt.Sprintf("Old %d", i), "body", sid, pub, fmt.Sprintf("h%d", i)).Error; err != nil {
				t.Fatal(err)
			}
		}
		if err := old.db.Exec(`INSERT INTO quotes (key, text, kind, speaker_id, said_at, created_at) VALUES (?, ?, 'direct', ?, ?, CURRENT_TIMESTAMP)`,
			models.QuoteKey(long), long, pid, pub).Error; err != nil {
			t.Fatal(err)
		}
		if err := old.db.Exec(`INSERT INTO quote_appearances (quote_id, article_id, speaker_mention, cue)
			SELECT q.id, a.id, 'Ushakov', 'said' FROM quotes q, articles a`).Error; err != nil {
			t.Fatal(err)
		}
		old.Close()

		s, err := OpenWith(dsn, Options{Migrate: MigrateAll})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var q models.Quote
		if err := s.rdb.First(&q).Error; err != nil {
			t.Fatal(err)
		}
		if q.Key != models.QuoteKey(long)+":p"+strconv.FormatUint(uint64(pid), 10) || q.TextKey != models.QuoteKey(long) ||
			q.ReportedAt == nil || !q.ReportedAt.Equal(*pub) || q.PlacedAt == nil || !q.PlacedAt.Equal(*pub) {
			t.Errorf("migrated quote %+v", q)
		}
		if got := quoteSpeakers(t, s, long); got["Yuri Ushakov"] != 2 {
			t.Errorf("after the migration: %v, want Ushakov's quote with its 2 appearances", got)
		}
		if _, err := s.SaveArticle(ctx, quoteArticle(3, long, "Yuri Ushakov", "2025-08-06T10:00:00Z"), SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		if got := quoteSpeakers(t, s, long); got["Yuri Ushakov"] != 3 || len(got) != 1 {
			t.Errorf("a new copy after the migration: %v, want one quote with 3 appearances", got)
		}
	})
}

// TestAnonymousSpeakerHasNoPage: an unnamed source is the quote's label,
// not a person of the registry.
func TestAnonymousSpeakerHasNoPage(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		s := openTest(t)
		a := quoteArticle(1, "The date is not fixed yet", "", "2025-08-07T09:00:00Z")
		a.Quotes[0].Speaker, a.Quotes[0].SpeakerKind = ptr("a senior US official"), models.SpeakerAnonymous
		if _, err := s.SaveArticle(context.Background(), a, SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		var people int64
		s.rdb.Model(&models.Person{}).Count(&people)
		var q models.Quote
		if err := s.rdb.First(&q).Error; err != nil {
			t.Fatal(err)
		}
		if people != 0 || q.SpeakerID != nil || q.SpeakerLabel != "a senior US official" {
			t.Errorf("%d people, quote speaker %v label %q; want no person and the label", people, q.SpeakerID, q.SpeakerLabel)
		}
	})
}
