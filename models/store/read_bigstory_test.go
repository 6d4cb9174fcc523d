package store

import (
	"context"
	"fmt"
	"testing"

	"dateline/models"
	"dateline/models/store/storetest"
)

// bigStory stores storetest.BigStory(n, 5, shared) in story "big" and
// returns it.
func bigStory(tb testing.TB, s *Store, n int, shared bool) models.Story {
	tb.Helper()
	ctx := context.Background()
	arts := storetest.BigStory(n, 5, shared)
	for i := 0; i < len(arts); i += 500 {
		if _, err := s.SaveArticles(ctx, arts[i:min(i+500, len(arts))], SaveOptions{StorySlug: "big"}); err != nil {
			tb.Fatal(err)
		}
	}
	st, err := s.StoryBySlug(ctx, "big")
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// BenchmarkTimelineBigStory reads the timeline of a story of 3,000
// articles that all report the same five events, each article with a
// quote in the first event's sentence (its own, or one line they all
// repeat), as the story page does.
func BenchmarkTimelineBigStory(b *testing.B) {
	for _, d := range storetest.Dialects() {
		for _, shared := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/shared-quote=%v", d, shared), func(b *testing.B) {
				s := openTest(b)
				st := bigStory(b, s, 3000, shared)
				ctx := context.Background()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					es, err := s.Timeline(ctx, st, models.Filter{Limit: 201})
					if err != nil || len(es) != 5 {
						b.Fatalf("%d entries, %v", len(es), err)
					}
				}
			})
		}
	}
}

// TestTimelineBoundsSources checks that a timeline entry of an event
// reported by 40 articles carries the first 12 sources, the count of all
// 40 and the quotes of those 12 sentences, while the event permalink has
// them all; and that the story page's articles and outlets come whole.
func TestTimelineBoundsSources(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		s := openTest(t)
		st := bigStory(t, s, 40, false) // five events, the first with each article's quote
		for _, f := range []models.Filter{{}, {Limit: 201}} {
			es, err := s.Timeline(ctx, st, f)
			mustRead(t, err)
			if len(es) != 5 {
				t.Fatalf("%+v: %d entries", f, len(es))
			}
			for _, en := range es {
				srcs := en.Event.Sources
				if len(srcs) != models.EntrySources || en.SourceCount != 40 {
					t.Fatalf("%s: %d sources, count %d; want 12 of 40", en.Event.Summary, len(srcs), en.SourceCount)
				}
				for i, src := range srcs {
					want := fmt.Sprintf("Deadline report %d", i)
					if src.Article == nil || src.Article.Title != want || src.Article.Body != "" || src.Article.Source == nil ||
						i > 0 && src.ArticleID <= srcs[i-1].ArticleID {
						t.Fatalf("%s: source %d is %+v, want %q with its outlet, without body", en.Event.Summary, i, src.Article, want)
					}
				}
				var quotes []string
				for _, q := range en.Quotes {
					quotes = append(quotes, q.Text)
					if len(q.Appearances) != 1 || q.AppearanceCount != 1 || q.Speaker == nil {
						t.Errorf("quote %q: %d appearances, count %d", q.Text, len(q.Appearances), q.AppearanceCount)
					}
				}
				want := 0
				if en.Event.Summary == "Big event 0" {
					want = 12
				}
				if len(quotes) != want || want > 0 && (quotes[0] != "We will act on number 0" || quotes[11] != "We will act on number 11") {
					t.Errorf("%s: quotes %q, want those of the first %d articles", en.Event.Summary, quotes, want)
				}
			}
		}
		es, err := s.Timeline(ctx, st, models.Filter{Kind: models.KindDeadline})
		mustRead(t, err)
		entry, _, err := s.Event(ctx, es[0].Event.ID, 0, 100)
		mustRead(t, err)
		if len(entry.Event.Sources) != 40 || entry.SourceCount != 40 || len(entry.Quotes) != 40 {
			t.Errorf("event page: %d sources (count %d), %d quotes; want all 40", len(entry.Event.Sources), entry.SourceCount,
				len(entry.Quotes))
		}
		// A page of sources: the 31st to the 40th by article, with the
		// quotes of their sentences.
		all := entry.Event.Sources
		entry, _, err = s.Event(ctx, es[0].Event.ID, 30, 15)
		mustRead(t, err)
		if len(entry.Event.Sources) != 10 || entry.SourceCount != 40 || len(entry.Quotes) != 10 {
			t.Fatalf("event page 30+15: %d sources (count %d), %d quotes", len(entry.Event.Sources), entry.SourceCount, len(entry.Quotes))
		}
		for i, src := range entry.Event.Sources {
			if src.ArticleID != all[30+i].ArticleID || src.Article == nil {
				t.Errorf("source %d of the page: article %d, want %d", i, src.ArticleID, all[30+i].ArticleID)
			}
		}
		ids := []uint{es[0].Event.ID}
		arts, n, err := s.ArticlesOfEvents(ctx, ids, 20)
		mustRead(t, err)
		if len(arts) != 20 || n != 40 || arts[0].Title != "Deadline report 39" || arts[19].Title != "Deadline report 20" ||
			arts[0].Source == nil || arts[0].Body != "" {
			t.Errorf("articles of the event: %d of %d, first %+v", len(arts), n, arts[0])
		}
		outlets, err := s.OutletsOfEvents(ctx, ids)
		mustRead(t, err)
		if len(outlets) != 40 || outlets[0] != "Outlet 00" || outlets[39] != "Outlet 39" {
			t.Errorf("outlets: %q", outlets)
		}
		if arts, n, err := s.ArticlesOfEvents(ctx, nil, 20); err != nil || len(arts) != 0 || n != 0 {
			t.Errorf("no events: %d articles of %d, %v", len(arts), n, err)
		}
	})
}

// TestTimelineBoundsAppearances checks that a line quoted by all 40
// articles reporting an event comes with its first 8 appearances and the
// count of all, on the timeline and on the event permalink.
func TestTimelineBoundsAppearances(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		s := openTest(t)
		st := bigStory(t, s, 40, true)
		es, err := s.Timeline(ctx, st, models.Filter{Kind: models.KindDeadline})
		mustRead(t, err)
		entry, _, err := s.Event(ctx, es[0].Event.ID, 0, models.EventSourcesPage)
		mustRead(t, err)
		for _, en := range []models.TimelineEntry{es[0], entry} {
			if len(en.Quotes) != 1 {
				t.Fatalf("%d quotes, want the one line", len(en.Quotes))
			}
			q := en.Quotes[0]
			if len(q.Appearances) != models.EntryAppearances || q.AppearanceCount != 40 || q.MoreAppearances(8) != 32 {
				t.Errorf("%d appearances, count %d, %d more; want 8 of 40", len(q.Appearances), q.AppearanceCount, q.MoreAppearances(8))
			}
			for i, a := range q.Appearances {
				if a.Article == nil || a.Article.Source == nil || a.Article.Title != fmt.Sprintf("Deadline report %d", i) {
					t.Errorf("appearance %d: %+v", i, a.Article)
				}
			}
		}
	})
}
