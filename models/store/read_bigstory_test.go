package store

import (
	"context"
	"testing"

	"dateline/models"
	"dateline/models/store/storetest"
)

// bigStory stores storetest.BigStory(n, 5) in story "big" and returns it.
func bigStory(tb testing.TB, s *Store, n int) models.Story {
	tb.Helper()
	ctx := context.Background()
	arts := storetest.BigStory(n, 5)
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
// quote in the first event's sentence, as the story page does.
func BenchmarkTimelineBigStory(b *testing.B) {
	for _, d := range storetest.Dialects() {
		b.Run(d, func(b *testing.B) {
			s := openTest(b)
			st := bigStory(b, s, 3000)
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
