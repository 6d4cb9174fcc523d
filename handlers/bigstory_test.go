package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"dateline/handlers"
	"dateline/models"
	"dateline/models/store"
	"dateline/models/store/storetest"
)

// bigStoryApp stores storetest.BigStory(n, 5, false) in story "big" (on the
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
	arts := storetest.BigStory(n, 5, false)
	for i := 0; i < len(arts); i += 500 {
		if _, err := st.SaveArticles(context.Background(), arts[i:min(i+500, len(arts))], store.SaveOptions{StorySlug: "big"}); err != nil {
			tb.Fatal(err)
		}
	}
	// Read after its events (10 to 14 August), so none of them is ahead.
	after := time.Date(2025, 8, 20, 12, 0, 0, 0, time.UTC)
	h, err := handlers.New(st, handlers.Options{Now: func() time.Time { return after }})
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

// BenchmarkBigStoryPage serves the page, the events API, the embed and an
// event permalink of a story of 3,000 articles that all report the same
// five events, each with a quote of its own, on each dialect under test.
func BenchmarkBigStoryPage(b *testing.B) {
	for _, d := range storetest.Configured() {
		fixtureDialect = d
		h := bigStoryApp(b, 3000)
		fixtureDialect = "sqlite"
		for _, path := range []string{"/stories/big", "/api/stories/big/events", "/embed/stories/big", "/events/1"} {
			b.Run(d+path, func(b *testing.B) {
				took := make([]time.Duration, b.N)
				for i := 0; i < b.N; i++ {
					start := time.Now()
					if w := serve(h, path); w.Code != 200 {
						b.Fatalf("%s: %d", path, w.Code)
					}
					took[i] = time.Since(start)
				}
				slices.Sort(took)
				b.ReportMetric(float64(took[b.N/2])/1e6, "p50-ms")
				b.ReportMetric(float64(took[b.N*99/100])/1e6, "p99-ms")
			})
		}
	}
}

// TestBigStoryPage checks what a story of 40 articles reporting the same
// five events shows: each key event once with its reports counted and its
// outlets named once, the newest 20 articles with a link to the rest,
// every outlet as a filter choice with its count; the API gives the count
// of all sources.
func TestBigStoryPage(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			fixtureDialect = d
			defer func() { fixtureDialect = "sqlite" }()
			h := bigStoryApp(t, 40)
			w := serve(h, "/stories/big")
			if w.Code != 200 {
				t.Fatalf("story page: %d", w.Code)
			}
			page := doc(t, w)
			keys := page.Find("li.key")
			if keys.Length() != 5 || page.Find(".month li.row").Length() != 5 {
				t.Fatalf("%d key events, %d rows, want 5 each", keys.Length(), page.Find(".month li.row").Length())
			}
			keys.Each(func(_ int, en *goquery.Selection) {
				line := en.Find(".report-line").Text()
				if !strings.HasPrefix(line, "reported by 40 articles from 40 outlets, first on 1 Aug 2025 00:00: Outlet 00, Outlet 01,") ||
					!strings.HasSuffix(line, "and 34 more outlets") || strings.Count(line, "Outlet 00") != 1 {
					t.Errorf("%s: %q", en.AttrOr("id", ""), line)
				}
			})
			first := page.Find("li.key:contains('Big event 0')")
			if n := first.Find("blockquote").Length(); n != 1 {
				t.Errorf("first key event: %d quotes shown, want its first", n)
			}
			if n := page.Find(".source-list li").Length(); n != 20 {
				t.Errorf("article list: %d, want the newest 20", n)
			}
			if href, _ := page.Find(`a:contains("articles as CSV")`).Attr("href"); href != "/export/articles.csv?story=big" ||
				!strings.Contains(page.Find(`p:contains("articles as CSV")`).Text(), "and 20 more") {
				t.Errorf("link to the other articles: %q, %q", href, page.Find(`p:contains("articles as CSV")`).Text())
			}
			if opts := page.Find(`select[name=outlet] option`); opts.Length() != 41 || opts.Eq(1).Text() != "Outlet 00 (5)" {
				t.Errorf("outlet choices: %d (%q), want 40 and 'any'", opts.Length(), opts.Eq(1).Text())
			}
			var res struct {
				Events []models.TimelineEntry
			}
			decode(t, serve(h, "/api/stories/big/events"), &res)
			if len(res.Events) != 5 || res.Events[0].SourceCount != 40 || len(res.Events[0].Event.Sources) != 12 {
				t.Errorf("API: %d events, first with %d sources of %d", len(res.Events), len(res.Events[0].Event.Sources),
					res.Events[0].SourceCount)
			}
			if w := serve(h, "/api/stories/big/timelinejs"); w.Code != 200 || strings.Count(w.Body.String(), "Outlet ") != 60 ||
				strings.Count(w.Body.String(), "and 28 more sources") != 5 {
				t.Errorf("TimelineJS: %d, %d outlet names", w.Code, strings.Count(w.Body.String(), "Outlet "))
			}
		})
	}
}

// TestEventSourcePages reads the permalink of an event with 250 sources a
// page of 100 at a time, following its links.
func TestEventSourcePages(t *testing.T) {
	h := bigStoryApp(t, 250)
	var seen []string
	path, pages := "/events/1", 0
	for ; path != "" && pages < 5; pages++ {
		w := serve(h, path)
		if w.Code != 200 {
			t.Fatalf("%s: %d", path, w.Code)
		}
		page := doc(t, w)
		page.Find(`h2:contains("Reported by") ~ ul.reports a[href^="/articles/"]`).Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			seen = append(seen, href)
		})
		want := map[int]string{0: "Sources 1–100 of 250", 1: "Sources 101–200 of 250", 2: "Sources 201–250 of 250"}[pages]
		if !strings.Contains(page.Find(`p:contains("Sources ")`).First().Text(), want) {
			t.Errorf("%s: %q, want %q", path, page.Find(`p:contains("Sources ")`).First().Text(), want)
		}
		if prev, ok := page.Find(`a[rel=prev]`).Attr("href"); ok != (pages > 0) || pages == 2 && prev != "/events/1?page=2" {
			t.Errorf("%s: earlier sources link %q", path, prev)
		}
		path, _ = page.Find(`a[rel=next]`).First().Attr("href")
	}
	slices.Sort(seen)
	if pages != 3 || len(seen) != 250 || len(slices.Compact(seen)) != 250 {
		t.Errorf("%d pages, %d sources (%d different)", pages, len(seen), len(slices.Compact(seen)))
	}
	for path, code := range map[string]int{"/events/1?page=4": 404, "/events/1?page=0": 400, "/events/1?page=x": 400,
		"/events/1?page=92233720368547758": 404, "/events/1?page=99999999999999999999": 400} {
		if w := serve(h, path); w.Code != code {
			t.Errorf("%s: %d, want %d", path, w.Code, code)
		}
	}
}
