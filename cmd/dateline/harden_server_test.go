package main

// The server as it faces the network: serveUntilDone with the handler and
// options runServe builds, on a real loopback socket.

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"dateline/handlers"
	"dateline/models/store"
)

// syncBuffer is a bytes.Buffer safe for the server's log goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// liveServer is dateline's app served by serveUntilDone on 127.0.0.1.
type liveServer struct {
	base string
	st   *store.Store
	log  *syncBuffer
	stop func() error // graceful shutdown; returns serveUntilDone's error
}

// startLive serves the sample story with the given token. extra, when not
// nil, may add routes to the engine before it serves.
func startLive(t *testing.T, token string, extra func(*gin.Engine)) *liveServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	e := &env{ctx: ctx, cfg: DefaultConfig(), stdout: io.Discard, stderr: log}
	e.cfg.Token, e.cfg.MaxArticleBytes = token, 200_000
	st, err := store.Open(filepath.Join(t.TempDir(), "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := loadSamplesIfEmpty(ctx, st, testExtractor(t), io.Discard); err != nil {
		t.Fatal(err)
	}
	h, err := handlers.New(st, serveOptions(e, st))
	if err != nil {
		t.Fatal(err)
	}
	if extra != nil {
		extra(h.(*gin.Engine))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- serveUntilDone(ctx, ln, h) }()
	var once sync.Once
	var stopErr error
	s := &liveServer{base: "http://" + ln.Addr().String(), st: st, log: log, stop: func() error {
		once.Do(func() { cancel(); stopErr = <-done; st.Close() })
		return stopErr
	}}
	t.Cleanup(func() { s.stop() })
	return s
}

func (s *liveServer) do(t *testing.T, method, path, body string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestHardenServerHeaders checks the security headers on every kind of
// answer the real server gives: pages, errors, exports, API, static files.
func TestHardenServerHeaders(t *testing.T) {
	s := startLive(t, "", nil)
	for _, path := range []string{"/", "/stories/" + sampleStory, "/stories/new", "/people", "/articles/1", "/events/1",
		"/search?q=deadline", "/healthz", "/export/events.csv", "/export/quotes.csv", "/api/stories", "/api/people",
		"/static/style.css", "/no/such/page", "/articles/abc", "/stories/" + sampleStory + "?from=nonsense",
		"/embed/stories/" + sampleStory} {
		resp, _ := s.do(t, "GET", path, "", nil)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" ||
			csp == "" || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") ||
			!strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors") {
			t.Errorf("%s (%d): headers nosniff=%q referrer=%q csp=%q", path, resp.StatusCode,
				h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"), csp)
		}
	}
}

// TestHardenServerErrorPages checks that 404 and 500 answers are pages in
// the site's style that show no stack trace, panic value or SQL, while the
// log keeps the cause.
func TestHardenServerErrorPages(t *testing.T) {
	const secret = "secret detail: SELECT * FROM articles WHERE id = ?"
	s := startLive(t, "", func(e *gin.Engine) {
		e.GET("/harden/panic", func(*gin.Context) { panic(secret) })
	})
	resp, body := s.do(t, "GET", "/no/such/page", "", nil)
	if resp.StatusCode != 404 || !strings.Contains(body, `href="/static/style.css`) || !strings.Contains(body, "There is no page") {
		t.Errorf("404: %d %.300s", resp.StatusCode, body)
	}
	resp, body = s.do(t, "GET", "/harden/panic", "", nil)
	if resp.StatusCode != 500 || !strings.Contains(body, `href="/static/style.css`) || leaks(body) {
		t.Errorf("panic: %d %.500s", resp.StatusCode, body)
	}
	if !strings.Contains(s.log.String(), "secret detail") {
		t.Errorf("the panic is not in the log: %s", s.log.String())
	}
	s.st.Close() // from here every query fails inside the driver
	for _, path := range []string{"/", "/stories/" + sampleStory, "/api/stories", "/export/events.csv", "/articles/1"} {
		resp, body := s.do(t, "GET", path, "", nil)
		if resp.StatusCode != 500 || leaks(body) {
			t.Errorf("%s on a closed database: %d %.300s", path, resp.StatusCode, body)
		}
	}
}

// leaks reports whether a response body shows internals.
func leaks(body string) bool {
	low := strings.ToLower(body)
	for _, s := range []string{"secret", "select ", "sql", "goroutine", ".go:", "panic", "database is closed"} {
		if strings.Contains(low, s) {
			return true
		}
	}
	return false
}

// TestHardenServerLimits sends an oversized header block and oversized
// bodies, and asks the write API for a private URL.
func TestHardenServerLimits(t *testing.T) {
	s := startLive(t, "s3cret", nil)
	resp, _ := s.do(t, "GET", "/", "", map[string]string{"X-Big": strings.Repeat("a", 200<<10)})
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("200 KB of headers: %d", resp.StatusCode)
	}
	auth := map[string]string{"Authorization": "Bearer s3cret", "Content-Type": "text/plain"}
	resp, body := s.do(t, "POST", "/api/articles", strings.Repeat("The envoy met the minister. ", 40000), auth)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || leaks(body) {
		t.Errorf("1.1 MB post over a 264 KB limit: %d %s", resp.StatusCode, body)
	}
	resp, body = s.do(t, "POST", "/stories", "title=x&slug=y&csrf="+strings.Repeat("z", 600<<10), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if resp.StatusCode < 400 || resp.StatusCode >= 500 {
		t.Errorf("600 KB form: %d %.200s", resp.StatusCode, body)
	}
	auth["Content-Type"] = "application/json"
	resp, body = s.do(t, "POST", "/api/articles", `{"url":"http://127.0.0.1:9/internal"}`, auth)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "non-public address") {
		t.Errorf("posting a loopback URL: %d %s", resp.StatusCode, body)
	}
}

// TestHardenServerWriteAPIToken checks the bearer token and the rate limit
// of the write API: wrong, partial and missing tokens are refused, and a
// client guessing fast gets 429 with Retry-After.
func TestHardenServerWriteAPIToken(t *testing.T) {
	s := startLive(t, "s3cret-token", nil)
	post := func(token string) (*http.Response, string) {
		return s.do(t, "POST", "/api/articles", `{"text":"The envoy met the minister in Geneva on Monday, officials said."}`,
			map[string]string{"Authorization": "Bearer " + token, "Content-Type": "application/json"})
	}
	for _, tok := range []string{"", "s3cret", "s3cret-token-and-more", "S3CRET-TOKEN"} {
		if resp, body := post(tok); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("token %q: %d %s", tok, resp.StatusCode, body)
		}
	}
	if resp, body := post("s3cret-token"); resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		t.Errorf("right token: %d %s", resp.StatusCode, body)
	}
	limited := 0
	for i := 0; i < 30; i++ {
		resp, _ := post("guess")
		if resp.StatusCode == http.StatusTooManyRequests {
			limited++
			if resp.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
	}
	if limited < 10 {
		t.Errorf("%d of 30 fast guesses were limited", limited)
	}
}

// TestHardenGracefulShutdown cancels the server's context while a request
// is in flight: the request completes, then the server stops listening.
func TestHardenGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(500 * time.Millisecond)
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveUntilDone(ctx, ln, h) }()
	type answer struct {
		body string
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			got <- answer{err: err}
			return
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- answer{string(b), err}
	}()
	<-started
	cancel()
	if a := <-got; a.err != nil || a.body != "finished" {
		t.Errorf("in-flight request during shutdown: %q %v", a.body, a.err)
	}
	if err := <-done; err != nil {
		t.Errorf("serveUntilDone: %v", err)
	}
	if c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		c.Close()
		t.Error("still accepting connections after shutdown")
	}
}

// TestHardenSlowClient opens a connection and sends half a request: the
// server hangs up after its header timeout instead of holding the
// connection open forever.
func TestHardenSlowClient(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the server's 10 s header timeout")
	}
	s := startLive(t, "", nil)
	c, err := net.Dial("tcp", strings.TrimPrefix(s.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
	c.SetReadDeadline(time.Now().Add(serveReadHeaderTimeout + 10*time.Second))
	start := time.Now()
	_, err = bufio.NewReader(c).ReadString('\n')
	if d := time.Since(start); err == nil || d > serveReadHeaderTimeout+5*time.Second {
		t.Errorf("half a request held the connection for %s (err %v)", d, err)
	}
}

// TestHardenServerFormRateLimit posts the story form faster than any person
// could: past the burst, the client gets 429 with Retry-After.
func TestHardenServerFormRateLimit(t *testing.T) {
	s := startLive(t, "", nil)
	hdr := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	limited := 0
	for i := 0; i < 45; i++ {
		resp, _ := s.do(t, "POST", "/stories", "title=x&slug=y&csrf=wrong", hdr)
		if resp.StatusCode == http.StatusTooManyRequests {
			limited++
			if resp.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
	}
	if limited < 10 {
		t.Errorf("%d of 45 fast form posts were limited", limited)
	}
}
