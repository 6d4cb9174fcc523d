package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"dateline/models"
	"dateline/models/store/storetest"
)

// benchArticle builds article i of a synthetic corpus: a ~5 KB body, four
// people from a pool of 60, three events (with a country among the actors) (a third of them repeating an
// earlier one) and five quotes (one in five repeating an earlier one).
func benchArticle(i int) models.ExtractedArticle {
	name := func(k int) string { return fmt.Sprintf("Person%02d Surname%02d", k%60, k%60) }
	var body strings.Builder
	for body.Len() < 5000 {
		fmt.Fprintf(&body, "Article %d paragraph %d: diplomats met again to discuss the deadline and the tariffs. ", i, body.Len())
	}
	pub := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
	a := models.ExtractedArticle{
		Title: fmt.Sprintf("Story %d", i), Source: fmt.Sprintf("Outlet %d", i%20),
		URL: fmt.Sprintf("https://news%d.example/a/%d", i%20, i), Body: body.String(),
		PublishedAt: &pub, PublishedPrecision: models.PrecHour, PublishedBy: "meta",
	}
	for k := 0; k < 4; k++ {
		a.People = append(a.People, models.ExtractedPerson{Name: name(i + k), Kind: models.PersonKindPerson,
			Aliases: []string{fmt.Sprintf("Surname%02d", (i+k)%60)}})
	}
	for k := 0; k < 3; k++ {
		n := i*3 + k
		if n%3 == 0 {
			n /= 2 // repeat an earlier event
		}
		a.Events = append(a.Events, models.ExtractedEvent{Date: fmt.Sprintf("2025-08-%02d", 1+n%28),
			Granularity: models.GranDay, Kind: models.EventKinds[n%len(models.EventKinds)],
			Summary: fmt.Sprintf("Event %d", n), Sentence: fmt.Sprintf("Something happened, event %d.", n),
			Expression: "on Friday", Start: k * 100, End: k*100 + 40,
			Actors: []string{name(n), name(n + 1), []string{"Russia", "Ukraine", "India", "the United States"}[n%4]}})
	}
	for k := 0; k < 5; k++ {
		n := i*5 + k
		if n%5 == 0 {
			n /= 3 // repeat an earlier quote
		}
		sp := name(n)
		a.Quotes = append(a.Quotes, models.ExtractedQuote{Text: fmt.Sprintf("We will see what happens with number %d", n),
			Kind: models.QuoteDirect, Start: 200 + k*50, End: 240 + k*50, Speaker: &sp,
			SpeakerMention: &models.Mention{Text: sp}, Cue: "said", Sentence: "a sentence"})
	}
	return a
}

// BenchmarkSaveArticle measures stored articles per second, each with four
// people, three events and five quotes, saved in batches (as ingest does)
// and one transaction per article.
func BenchmarkSaveArticle(b *testing.B) {
	for _, d := range storetest.Dialects() {
		for _, batch := range []int{1, 100} {
			benchmarkSave(b, d, batch)
		}
	}
}

// benchmarkSave runs one BenchmarkSaveArticle case on dialect d.
func benchmarkSave(b *testing.B, d string, batch int) {
	b.Run(fmt.Sprintf("%s/batch=%d", d, batch), func(b *testing.B) {
		s := openTest(b)
		arts := make([]models.ExtractedArticle, b.N)
		for i := range arts {
			arts[i] = benchArticle(i)
		}
		ctx := context.Background()
		b.ResetTimer()
		for i := 0; i < b.N; i += batch {
			rs, err := s.SaveArticles(ctx, arts[i:min(i+batch, b.N)], SaveOptions{StorySlug: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range rs {
				if r.Err != nil || r.Duplicate {
					b.Fatalf("%+v", r)
				}
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}

func benchBatch(from, to int) []models.ExtractedArticle {
	var out []models.ExtractedArticle
	for i := from; i < to; i++ {
		out = append(out, benchArticle(i))
	}
	return out
}
