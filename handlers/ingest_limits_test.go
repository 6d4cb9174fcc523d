package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/handlers"
	"dateline/models"
	"dateline/models/extract"
)

// postArticle posts body with the test token and returns the response.
func postArticle(h http.Handler, ct, body string) *httptest.ResponseRecorder {
	return postReader(h, ct, strings.NewReader(body))
}

func postReader(h http.Handler, ct string, body io.Reader) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/api/articles", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer s3cret")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// prose returns about n bytes of news text, one article: paragraphs on
// meetings in many places and days, each with a quotation and a date.
func prose(n int) string {
	places := []string{"Geneva", "Vienna", "Doha", "Oslo", "Nairobi", "Brussels", "Ankara", "Cairo"}
	people := []string{"Maria Lopez", "John Carter", "Amina Yusuf", "Kenji Sato", "Olga Petrova"}
	var b strings.Builder
	b.WriteString("Ministers meet as talks resume\n\n")
	day := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "The foreign ministers met in %s on %s, officials said. "+
			"\"We have made real progress on point %d,\" %s told reporters after the talks. "+
			"The two sides agreed to meet again next week. Diplomats from both countries have spent months "+
			"preparing the ground for the meeting, which follows a year of tense exchanges over trade and "+
			"security. Analysts said the outcome would shape relations between them for years to come.\n\n",
			places[i%len(places)], day.AddDate(0, 0, -i%2000).Format("2 January 2006"), i, people[i%len(people)])
	}
	return b.String()
}

// TestPostArticleQueueFull: with every extraction slot taken, a post
// waits briefly and is refused with 503 and Retry-After; once the slot is
// free, posts go through again.
func TestPostArticleQueueFull(t *testing.T) {
	st := fixture(t)
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	ex, err := extract.New("en")
	if err != nil {
		t.Fatal(err)
	}
	h, err := handlers.New(st, handlers.Options{Token: "s3cret", Now: func() time.Time { return now },
		Saver: saver{st}, MaxExtractions: 1,
		Extract: func(ctx context.Context, in extract.Input) (models.Extraction, error) {
			once.Do(func() {
				close(entered)
				<-release
			})
			return ex.ExtractContext(ctx, in)
		}})
	if err != nil {
		t.Fatal(err)
	}
	first := make(chan int, 1)
	go func() { first <- postArticle(h, "text/plain", "Envoys met in Geneva on Tuesday, officials said.").Code }()
	<-entered
	start := time.Now()
	w := postArticle(h, "text/plain", "Trump said on Tuesday that talks went well.")
	var body struct{ Code string }
	json.Unmarshal(w.Body.Bytes(), &body)
	if w.Code != http.StatusServiceUnavailable || body.Code != models.ETIMEOUT {
		t.Errorf("post with the slot taken: %d %s, want 503", w.Code, w.Body.String())
	}
	if s, err := strconv.Atoi(w.Header().Get("Retry-After")); err != nil || s < 1 {
		t.Errorf("Retry-After %q, want a number of seconds", w.Header().Get("Retry-After"))
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("refused after %s, want a short wait", took)
	}
	close(release)
	if code := <-first; code != http.StatusCreated {
		t.Errorf("the post holding the slot: %d, want 201", code)
	}
	if w := postArticle(h, "text/plain", "Trump said on Tuesday that talks went well."); w.Code != http.StatusCreated {
		t.Errorf("post after the slot is free: %d %s", w.Code, w.Body.String())
	}
}

// TestPostArticleTimeoutStopsExtraction: past the time limit the post
// answers 503 and the extraction has stopped; no goroutine runs on.
func TestPostArticleTimeoutStopsExtraction(t *testing.T) {
	st := fixture(t)
	limit := 200 * time.Millisecond
	h, err := handlers.New(st, handlers.Options{Token: "s3cret", Now: func() time.Time { return now },
		Saver: saver{st}, MaxBodyBytes: 16 << 20, ArticleTimeout: limit})
	if err != nil {
		t.Fatal(err)
	}
	html := "<html><body><article><p>" + strings.ReplaceAll(prose(6<<20), "\n\n", "</p>\n<p>") + "</p></article></body></html>"
	before := runtime.NumGoroutine()
	start := time.Now()
	w := postArticle(h, "text/html", html)
	took := time.Since(start)
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "longer than 200ms") {
		t.Fatalf("post over the limit: %d %s", w.Code, w.Body.String())
	}
	if took > limit+1500*time.Millisecond { // a second, and room for a loaded CI machine
		t.Errorf("answered after %s, want within a second of the %s limit", took, limit)
	}
	n := runtime.NumGoroutine()
	for i := 0; i < 50 && n > before; i++ {
		time.Sleep(10 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	if n > before {
		t.Errorf("%d goroutines after the answer, %d before: the extraction runs on", n, before)
	}
}

// TestConcurrentPostsMemory posts six 10 MB articles at once with a 1 s
// limit, then one with time to be read and stored, and reads the process's
// peak resident memory (VmHWM, reset through /proc/self/clear_refs): under
// 1 GB for the six, and under 300 MB over the idle process for the one.
// The text is one article with a quotation and a date every 430 bytes,
// denser than news.
func TestConcurrentPostsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: posts 70 MB of articles and measures peak memory for several seconds")
	}
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skipf("cannot reset the peak resident size (Linux /proc/self/clear_refs): %v", err)
	}
	st := fixture(t)
	body, _ := json.Marshal(map[string]string{"text": prose(10_000_000)})
	for _, c := range []struct {
		name    string
		posts   int
		limit   time.Duration
		want    int
		maxPeak int64 // the peak allowed, over the idle process when over is set
		over    bool
	}{
		{"six posts, 1 s limit", 6, time.Second, http.StatusServiceUnavailable, 1 << 30, false},
		{"one post, stored", 1, 2 * time.Minute, http.StatusCreated, 300 << 20, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, err := handlers.New(st, handlers.Options{Token: "s3cret", Now: func() time.Time { return now },
				Saver: saver{st}, MaxBodyBytes: 11 << 20, ArticleTimeout: c.limit})
			if err != nil {
				t.Fatal(err)
			}
			debug.FreeOSMemory() // what earlier tests freed is not counted
			os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
			idle := peakRSS(t)
			start := time.Now()
			codes := make(chan int, c.posts)
			for i := 0; i < c.posts; i++ {
				go func() { codes <- postReader(h, "application/json", bytes.NewReader(body)).Code }()
			}
			for i := 0; i < c.posts; i++ {
				if code := <-codes; code != c.want {
					t.Errorf("post answered %d, want %d", code, c.want)
				}
			}
			peak := peakRSS(t)
			t.Logf("%d posts: %s, idle RSS %d MB, peak %d MB", c.posts, time.Since(start).Round(time.Millisecond), idle>>20, peak>>20)
			if c.over {
				peak -= idle
			}
			if peak > c.maxPeak {
				t.Errorf("peak RSS %d MB, want under %d MB", peak>>20, c.maxPeak>>20)
			}
		})
	}
}

// peakRSS reads VmHWM, the peak resident size, from /proc/self/status.
func peakRSS(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}
