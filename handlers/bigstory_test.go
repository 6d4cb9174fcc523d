package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"dateline/handlers"
	"dateline/models/store"
	"dateline/models/store/storetest"
)

// bigStoryApp stores storetest.BigStory(n, 5) in story "big" (on the
// fixture's dialect) and returns the app serving it.
func bigStoryApp(tb testing.TB, n int) http.Handler {
	tb.Helper()
	dsn := filepath.Join(tb.TempDir(), "big.db")
	if fixtureDialect == "postgres" {
		dsn = storetest.PostgresDSN(tb)
	}
	st, err := store.OpenWith(dsn, store.Options{Migrate: store.MigrateAll})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	arts := storetest.BigStory(n, 5)
	for i := 0; i < len(arts); i += 500 {
		if _, err := st.SaveArticles(context.Background(), arts[i:min(i+500, len(arts))], store.SaveOptions{StorySlug: "big"}); err != nil {
			tb.Fatal(err)
		}
	}
	h, err := handlers.New(st, handlers.Options{Now: func() time.Time { return now }})
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// serve answers a GET of path from a loopback client.
func serve(h http.Handler, path string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.RemoteAddr = "127.0.0.1:40000"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// BenchmarkBigStoryPage serves the page, the events API and an event
// permalink of a story of 3,000 articles that all report the same five
// events, each with a quote of its own.
func BenchmarkBigStoryPage(b *testing.B) {
	h := bigStoryApp(b, 3000)
	for _, path := range []string{"/stories/big", "/api/stories/big/events", "/embed/stories/big", "/events/1"} {
		b.Run(path, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if w := serve(h, path); w.Code != 200 {
					b.Fatalf("%s: %d", path, w.Code)
				}
			}
		})
	}
}
