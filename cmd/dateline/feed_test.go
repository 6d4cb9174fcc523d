package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dateline/models"
	"dateline/models/extract"
	"dateline/models/store"
)

// feedArticle is the page of item n: each a different article, so each is
// stored as a new one.
func feedArticle(n int) string {
	cities := []string{"Moscow", "Geneva", "Doha", "Vienna", "Ankara", "Oslo", "Cairo", "Riyadh"}
	c := cities[n%len(cities)]
	return fmt.Sprintf(`<html><head><title>Envoy in %[1]s</title></head><body><article><h1>Envoy in %[1]s, report %[2]d</h1>
<p>The envoy arrived in %[1]s on Wednesday for talks with the foreign minister, officials said in report %[2]d.</p>
<p>"We had a useful conversation in %[1]s," the aide told reporters after the meeting ended on Thursday.</p></article></body></html>`, c, n)
}

// feedServer serves an RSS feed whose items and body the test changes,
// with an ETag and Last-Modified that move with each change, 304s for
// requests that carry the current ones, and the items' article pages.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	body     string // the feed document; "" builds it from items
	items    []string
	version  int
	status   int            // answer this instead, when set
	hits     map[string]int // requests per path
	notMod   int            // 304s sent
	articles map[string]int // status of an article path, when not 200
	hang     string         // a path that answers only when the client gives up
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{hits: map[string]int{}, articles: map[string]int{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) set(fn func(fs *feedServer)) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fn(fs)
	fs.version++
}

func (fs *feedServer) count(path string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.hits[path]
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	if fs.hang != "" && r.URL.Path == fs.hang {
		fs.hits[r.URL.Path]++
		fs.mu.Unlock()
		<-r.Context().Done()
		return
	}
	defer fs.mu.Unlock()
	fs.hits[r.URL.Path]++
	if strings.HasPrefix(r.URL.Path, "/a/") {
		if code := fs.articles[r.URL.Path]; code != 0 {
			w.WriteHeader(code)
			return
		}
		var n int
		fmt.Sscanf(r.URL.Path, "/a/%d", &n)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, feedArticle(n))
		return
	}
	if fs.status != 0 {
		w.WriteHeader(fs.status)
		return
	}
	etag := fmt.Sprintf(`"v%d"`, fs.version)
	mod := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(fs.version) * time.Hour).Format(http.TimeFormat)
	if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == mod {
		fs.notMod++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", mod)
	w.Header().Set("Content-Type", "application/rss+xml")
	if fs.body != "" {
		fmt.Fprint(w, fs.body)
		return
	}
	fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>`)
	for _, it := range fs.items {
		fmt.Fprint(w, it)
	}
	fmt.Fprint(w, `</channel></rss>`)
}

// item is an RSS item linking to article page n at base.
func item(base string, n int, title string) string {
	return fmt.Sprintf(`<item><title>%s</title><link>%s/a/%d</link><guid>item-%d</guid></item>`, title, base, n, n)
}

// feedRow reads one feed's stored status.
func feedStatus(t *testing.T, db string, id uint) models.Feed {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	feeds, err := st.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no feed %d", id)
	return models.Feed{}
}

// TestFeedCommands drives dateline feed add, poll, list and remove against
// a feed on loopback that changes between polls: new items are ingested
// once, an unchanged feed answers 304, a broken feed and a huge one are
// errors kept as the feed's last_error while nothing is lost, and
// keyword rules keep items out.
func TestFeedCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	fs := newFeedServer(t)
	fs.set(func(fs *feedServer) {
		fs.items = []string{item(fs.URL, 1, "Envoy arrives"), item(fs.URL, 2, "Envoy meets minister")}
	})
	code, out, errs := cli(t, "", "feed", "add", "--db", db, "--story", "talks", "--allow-private", fs.URL+"/feed")
	if code != 0 || !strings.Contains(out, "added feed 1 to story talks") {
		t.Fatalf("feed add: %d %q %q", code, out, errs)
	}
	steps := []struct {
		name     string
		change   func(fs *feedServer)
		args     []string
		code     int
		out      string // in the poll's line
		articles int64  // stored after the step
		status   string
		lastErr  string
	}{
		{"first poll", nil, nil, 0, "2 new article(s), 0 item(s) skipped, 0 failed", 2, models.FeedOK, ""},
		{"unchanged: 304", nil, nil, 0, "not modified", 2, models.FeedNotModified, ""},
		{"a new item", func(fs *feedServer) { fs.items = append(fs.items, item(fs.URL, 3, "Talks end")) }, nil, 0,
			"1 new article(s)", 3, models.FeedOK, ""},
		{"broken feed", func(fs *feedServer) { fs.body = `<rss><channel><item><title>cut` }, nil, 1,
			"error: the feed is not well-formed XML", 3, models.FeedError, "not well-formed XML"},
		{"repaired, one more item", func(fs *feedServer) { fs.body = ""; fs.items = append(fs.items, item(fs.URL, 4, "Truce")) }, nil, 0,
			"1 new article(s)", 4, models.FeedOK, ""},
		{"huge feed", func(fs *feedServer) {
			fs.items = append(fs.items, item(fs.URL, 5, strings.Repeat("very long title ", 400)))
		}, []string{"--max-article-bytes", "4000"}, 1, "4000-byte limit", 4, models.FeedError, "4000-byte limit"},
		{"server error", func(fs *feedServer) { fs.status = http.StatusBadGateway }, nil, 1,
			"error: server answered 502 Bad Gateway", 4, models.FeedError, "502"},
		{"back, item 5 read", func(fs *feedServer) { fs.status = 0 }, nil, 0, "1 new article(s)", 5, models.FeedOK, ""},
	}
	for _, s := range steps {
		if s.change != nil {
			fs.set(s.change)
		}
		args := append([]string{"feed", "poll", "--db", db}, s.args...)
		code, out, errs := cli(t, "", args...)
		if code != s.code || !strings.Contains(out, s.out) {
			t.Fatalf("%s: poll exit %d (want %d), stdout %q (want %q), stderr %q", s.name, code, s.code, out, s.out, errs)
		}
		if c := counts(t, db); c.Articles != s.articles {
			t.Errorf("%s: %d articles, want %d", s.name, c.Articles, s.articles)
		}
		f := feedStatus(t, db, 1)
		if f.LastStatus != s.status || !strings.Contains(f.LastError, s.lastErr) || (s.lastErr == "") != (f.LastError == "") {
			t.Errorf("%s: status %q, last error %q; want %q, %q", s.name, f.LastStatus, f.LastError, s.status, s.lastErr)
		}
	}
	for n := 1; n <= 5; n++ {
		if h := fs.count(fmt.Sprintf("/a/%d", n)); h != 1 {
			t.Errorf("article %d fetched %d times, want once", n, h)
		}
	}
	if fs.notMod != 1 {
		t.Errorf("%d 304 answers, want 1", fs.notMod)
	}
	code, out, _ = cli(t, "", "feed", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "LAST ERROR") || !strings.Contains(out, fs.URL+"/feed") || !strings.Contains(out, " ok ") {
		t.Errorf("feed list: %d\n%s", code, out)
	}
	code, out, _ = cli(t, "", "story", "show", "--db", db, "talks")
	if code != 0 || !strings.Contains(out, "Geneva") {
		t.Errorf("the story lacks the feed's articles: %d\n%s", code, out)
	}
	if code, out, _ = cli(t, "", "feed", "remove", "--db", db, "1"); code != 0 || !strings.Contains(out, "removed feed 1") {
		t.Errorf("feed remove: %d %q", code, out)
	}
	if code, _, errs = cli(t, "", "feed", "remove", "--db", db, "1"); code != 1 || !strings.Contains(errs, "no feed 1") {
		t.Errorf("feed remove again: %d %q", code, errs)
	}
}

// TestFeedKeywords: with keyword rules only the items naming one join the
// story; the others are recorded as skipped and not fetched.
func TestFeedKeywords(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	fs := newFeedServer(t)
	fs.set(func(fs *feedServer) {
		fs.items = []string{item(fs.URL, 1, "Envoy arrives"), item(fs.URL, 2, "Football scores"),
			item(fs.URL, 3, "Ceasefire TALKS resume")}
	})
	if code, _, errs := cli(t, "", "feed", "add", "--db", db, "--story", "talks", "--allow-private",
		"--keyword", "envoy", "--keyword", "ceasefire talks", fs.URL+"/feed"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := cli(t, "", "feed", "poll", "--db", db)
	if code != 0 || !strings.Contains(out, "2 new article(s), 1 item(s) skipped") {
		t.Fatalf("poll: %d %q %q", code, out, errs)
	}
	if fs.count("/a/2") != 0 {
		t.Error("an item that matched no keyword was fetched")
	}
	fs.set(func(fs *feedServer) {}) // a new version, same items: nothing new
	if code, out, _ := cli(t, "", "feed", "poll", "--db", db); code != 0 || !strings.Contains(out, "0 new article(s), 0 item(s) skipped") {
		t.Errorf("second poll: %d %q", code, out)
	}
}

// testPoller is a poller on db whose fetchers treat the server at public
// as public and refuse every other non-public address as usual.
func testPoller(t *testing.T, st *store.Store, public string) *feedPoller {
	t.Helper()
	ex, err := extract.New("en")
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	p := newFeedPoller(st, ex, cfg, time.Minute)
	addr := strings.TrimPrefix(public, "http://")
	p.newFetcher = func(allowPrivate bool) *fetcher {
		f := newFetcher(5*time.Second, cfg.MaxArticleBytes, allowPrivate).withHint(feedPrivateHint)
		if !allowPrivate {
			f.refuse = func(network, address string, c syscall.RawConn) error {
				if address == addr {
					return nil
				}
				return refusePrivate(network, address, c)
			}
		}
		return f
	}
	return p
}

// TestFeedPrivateItem: an item linking to a private address is refused
// unless the feed allows private addresses, recorded as refused (not
// fetched again), and named in the feed's last error.
func TestFeedPrivateItem(t *testing.T) {
	private := newFeedServer(t)
	public := newFeedServer(t)
	public.set(func(fs *feedServer) {
		fs.items = []string{item(fs.URL, 1, "Envoy arrives"), item(private.URL, 2, "Envoy meets minister")}
	})
	for _, allow := range []bool{false, true} {
		t.Run(fmt.Sprintf("allow-private=%v", allow), func(t *testing.T) {
			st, err := store.Open(filepath.Join(t.TempDir(), "d.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ctx := context.Background()
			f := models.Feed{StorySlug: "talks", URL: public.URL + "/feed", AllowPrivate: allow}
			if err := st.AddFeed(ctx, &f, time.Now()); err != nil {
				t.Fatal(err)
			}
			p := testPoller(t, st, public.URL)
			before := private.count("/a/2")
			o := p.pollAll(ctx, []models.Feed{f})[0]
			wantNew, wantFailed := 1, 1
			if allow {
				wantNew, wantFailed = 2, 0
			}
			if o.Feed.NewItems != wantNew || o.Failed != wantFailed || o.Feed.LastStatus != models.FeedOK {
				t.Fatalf("outcome %+v, want %d new, %d failed", o, wantNew, wantFailed)
			}
			if !allow && (!strings.Contains(o.Feed.LastError, "refusing to connect to non-public address 127.0.0.1") ||
				!strings.Contains(o.Feed.LastError, "--allow-private") || private.count("/a/2") != before) {
				t.Errorf("last error %q, private server hit %d times", o.Feed.LastError, private.count("/a/2")-before)
			}
			seen, _ := st.SeenFeedItems(ctx, f.ID, []string{"item-1", "item-2"})
			if !seen["item-1"] || !seen["item-2"] {
				t.Errorf("items not recorded: %v", seen)
			}
		})
	}
}

// TestFeedPassingItemError: an article that answers 503 is not recorded,
// and the feed's validators are kept, so the next poll reads the whole
// feed again and ingests the article once it is back.
func TestFeedPassingItemError(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	fs := newFeedServer(t)
	fs.set(func(fs *feedServer) {
		fs.items = []string{item(fs.URL, 1, "Envoy arrives"), item(fs.URL, 2, "Envoy meets minister")}
		fs.articles["/a/2"] = http.StatusServiceUnavailable
	})
	f := models.Feed{StorySlug: "talks", URL: fs.URL + "/feed"}
	if err := st.AddFeed(ctx, &f, time.Now()); err != nil {
		t.Fatal(err)
	}
	p := testPoller(t, st, fs.URL)
	o := p.pollAll(ctx, []models.Feed{f})[0]
	if o.Feed.NewItems != 1 || o.Failed != 1 || o.Feed.ETag != "" || !strings.Contains(o.Feed.LastError, "503") {
		t.Fatalf("first poll: %+v", o)
	}
	fs.mu.Lock()
	delete(fs.articles, "/a/2")
	fs.mu.Unlock()
	o = p.pollAll(ctx, []models.Feed{o.Feed})[0]
	if o.Feed.NewItems != 1 || o.Failed != 0 || o.Feed.ETag == "" || o.Feed.LastError != "" {
		t.Fatalf("second poll: %+v", o)
	}
	if fs.count("/a/1") != 1 || fs.count("/a/2") != 2 {
		t.Errorf("article fetches: /a/1 %d, /a/2 %d", fs.count("/a/1"), fs.count("/a/2"))
	}
}

// TestFeedBackoff: failures in a row double the wait, up to a day; a good
// poll waits the interval again.
func TestFeedBackoff(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, time.Minute}, {1, 2 * time.Minute}, {3, 8 * time.Minute}, {20, maxFeedBackoff}, {200, maxFeedBackoff},
	}
	for _, tc := range tests {
		if got := feedBackoff(time.Minute, tc.failures); got != tc.want {
			t.Errorf("feedBackoff(1m, %d) = %s, want %s", tc.failures, got, tc.want)
		}
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fs := newFeedServer(t)
	fs.set(func(fs *feedServer) { fs.status = http.StatusInternalServerError })
	f := models.Feed{StorySlug: "talks", URL: fs.URL + "/feed"}
	if err := st.AddFeed(context.Background(), &f, time.Now()); err != nil {
		t.Fatal(err)
	}
	p := testPoller(t, st, fs.URL)
	now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	p.now = func() time.Time { return now }
	for i, want := range []time.Duration{2 * time.Minute, 4 * time.Minute, 8 * time.Minute} {
		f = p.pollAll(context.Background(), []models.Feed{f})[0].Feed
		if f.Failures != i+1 || f.NextFetchAt == nil || f.NextFetchAt.Sub(now) != want {
			t.Errorf("failure %d: failures %d, next in %v, want %s", i+1, f.Failures, f.NextFetchAt, want)
		}
	}
	fs.set(func(fs *feedServer) { fs.status = 0 })
	f = p.pollAll(context.Background(), []models.Feed{f})[0].Feed
	if f.Failures != 0 || f.NextFetchAt.Sub(now) != time.Minute || f.LastStatus != models.FeedOK {
		t.Errorf("after a good poll: %+v", f)
	}
}

// TestServeFeedInterval: serve --feed-interval polls the feeds in the
// background, and shutting down while an item's page hangs stops the
// poll at once, recording it as interrupted with nothing marked seen
// that was not done.
func TestServeFeedInterval(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	fs := newFeedServer(t)
	fs.set(func(fs *feedServer) {
		fs.items = []string{item(fs.URL, 1, "Envoy arrives"), item(fs.URL, 2, "Envoy meets minister")}
		fs.hang = "/a/2"
	})
	if code, _, errs := cli(t, "", "feed", "add", "--db", db, "--story", "talks", "--allow-private", fs.URL+"/feed"); code != 0 {
		t.Fatal(errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--feed-interval", "1m", "--access-log=false"},
			strings.NewReader(""), io.Discard, &errb)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for fs.count("/a/2") == 0 || storyArticles(t, db) == 0 {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("the background poll did not get to the items: %s", errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	start := time.Now()
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop while a feed item hung")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping took %s", d)
	}
	f := feedStatus(t, db, 1)
	if f.LastStatus != models.FeedError || !strings.Contains(f.LastError, "interrupted") || f.Failures != 0 || f.ETag != "" ||
		f.LastFetchAt != nil {
		t.Errorf("after an interrupted poll: %+v", f)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if seen, _ := st.SeenFeedItems(context.Background(), 1, []string{"item-2"}); seen["item-2"] {
		t.Error("the hanging item was recorded as seen")
	}
	if code, out, _ := cli(t, "", "story", "show", "--db", db, "talks"); code != 0 || !strings.Contains(out, "Geneva") {
		t.Errorf("the item done before the shutdown is not in the story: %d\n%s", code, out)
	}
}

// storyArticles counts the articles of the story talks in db.
func storyArticles(t *testing.T, db string) int64 {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int64
	if err := st.DB().Raw(`SELECT count(*) FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE s.slug = 'talks'`).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestResolveLink(t *testing.T) {
	tests := []struct{ feed, link, want string }{
		{"https://wire.example/rss/world.xml", "https://other.example/a", "https://other.example/a"},
		{"https://wire.example/rss/world.xml", "/world/1", "https://wire.example/world/1"},
		{"https://wire.example/rss/world.xml", "story/2", "https://wire.example/rss/story/2"},
		{"https://wire.example/rss/world.xml", " ", ""},
		{"https://wire.example/rss/world.xml", "mailto:desk@wire.example", "mailto:desk@wire.example"},
	}
	for _, tc := range tests {
		if got := resolveLink(tc.feed, tc.link); got != tc.want {
			t.Errorf("resolveLink(%q, %q) = %q, want %q", tc.feed, tc.link, got, tc.want)
		}
	}
}

// TestFeedUsage: bad arguments are refused before the database is touched.
func TestFeedUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"feed"}, 2, "Usage:"},
		{[]string{"feed", "add", "--db", db, "https://wire.example/feed"}, 2, "--story is required"},
		{[]string{"feed", "add", "--db", db, "--story", "s", "ftp://wire.example/feed"}, 2, "want an http or https URL"},
		{[]string{"feed", "add", "--db", db, "--story", "s", "http://"}, 2, "want an http or https URL"},
		{[]string{"feed", "remove", "--db", db, "one"}, 2, "want a feed id"},
		{[]string{"feed", "rename", "--db", db}, 2, "Usage:"},
		{[]string{"feed", "list", "--db", db}, 1, "no database"},
		{[]string{"feed", "poll", "--db", db, "--max-article-bytes", "0"}, 2, "--max-article-bytes"},
	}
	for _, tc := range tests {
		code, _, errs := cli(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d with %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused command created the database")
	}
}
