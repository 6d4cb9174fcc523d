package store

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"dateline/models"
)

// randomArticles are extraction results drawn from small sets of actors,
// days, kinds and quotes, so that most reports merge with earlier ones: the
// cases the writer's per-transaction memory (knownEvent, knownQuotes) must
// get right.
func randomArticles(seed int64, n int) []models.ExtractedArticle {
	rng := rand.New(rand.NewSource(seed))
	actors := []string{"Steve Witkoff", "Vladimir Putin", "Donald Trump", "Yuri Ushakov", "Russia", "Ukraine"}
	dates := []string{"2025-08-06", "2025-08-06T14:00", "2025-08-07", "2025-08", "2025-08-08T09:30", "2025-08-08"}
	kinds := []string{models.KindMeeting, models.KindCall, models.KindStatement, models.KindDeadline, models.KindVisit}
	quotes := []string{"We are closer than we were", "Nothing is agreed", "The offer is final", "Talks were useful"}
	pick := func(l []string) string { return l[rng.Intn(len(l))] }
	out := make([]models.ExtractedArticle, n)
	for i := range out {
		pub := time.Date(2025, 8, 1+rng.Intn(9), rng.Intn(24), 0, 0, 0, time.UTC)
		a := models.ExtractedArticle{
			Title: fmt.Sprintf("Report %d", i), Body: fmt.Sprintf("Body of report %d with its own words.", i),
			Source: pick([]string{"Wire", "Daily", "Post"}), PublishedAt: &pub, PublishedPrecision: models.PrecHour,
		}
		for j := rng.Intn(5); j > 0; j-- {
			ev := models.ExtractedEvent{Date: pick(dates), Kind: pick(kinds), Sentence: fmt.Sprintf("Sentence %d of %d.", j, i)}
			if rng.Intn(2) == 0 {
				ev.Summary = "Summary " + pick([]string{"one", "two", "three"})
			}
			if rng.Intn(3) == 0 {
				ev.Cameo = pick([]string{"036", "040", "172"})
			}
			for k := rng.Intn(3); k > 0; k-- {
				ev.Actors = append(ev.Actors, pick(actors))
			}
			if ev.Kind == models.KindDeadline && rng.Intn(2) == 0 {
				ev.Deadline = &models.Deadline{SetBy: pick(actors), Demand: pick([]string{"", "a ceasefire"})}
			}
			a.Events = append(a.Events, ev)
		}
		for j := rng.Intn(4); j > 0; j-- {
			q := models.ExtractedQuote{Text: pick(quotes), Kind: models.QuoteDirect, Sentence: "A sentence."}
			if rng.Intn(2) == 0 {
				q.Speaker = ptr(pick(actors[:4]))
			}
			a.Quotes = append(a.Quotes, q)
		}
		out[i] = a
	}
	return out
}

// dumpWrites lists what saving wrote, ids included, in a fixed order.
func dumpWrites(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, key, date, granularity, sort_at, kind, cameo, summary, actors, deadline_set_by, deadline_demand, deadline_consequence FROM events ORDER BY id`,
		`SELECT event_id, article_id, sentence FROM event_sources ORDER BY id`,
		`SELECT event_id, slug, day, kind FROM event_actors ORDER BY event_id, slug, day, kind`,
		`SELECT id, key, text, coalesce(speaker_id, 0), coalesce(said_at, '') FROM quotes ORDER BY id`,
		`SELECT quote_id, article_id FROM quote_appearances ORDER BY id`,
	} {
		rows, err := s.rdb.Raw(q).Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

// Saving articles one transaction each (the writer remembers nothing from
// one to the next) and all in one transaction must write the same rows.
func TestWriterMemoryChangesNothing(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		arts := randomArticles(seed, 120)
		ctx := context.Background()
		one, batch := openTest(t), openTest(t)
		for _, a := range arts {
			if _, err := one.SaveArticle(ctx, a, SaveOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		rs, err := batch.SaveArticles(ctx, arts, SaveOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
		a, b := dumpWrites(t, one), dumpWrites(t, batch)
		if a != b {
			t.Errorf("seed %d: one by one and in one batch differ:\n%s\n----\n%s", seed, a, b)
		}
		if strings.Count(a, "\n") < 200 {
			t.Errorf("seed %d: only %d rows written", seed, strings.Count(a, "\n"))
		}
		ftsIntact(t, batch)
	}
}
