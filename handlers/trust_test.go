package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/handlers"
	"dateline/models"
	"dateline/models/store"
)

// trustApp is newApp with the web settings under test.
func trustApp(t *testing.T, st *store.Store, token string, set func(*handlers.Options)) http.Handler {
	t.Helper()
	opt := handlers.Options{Token: token, Now: func() time.Time { return now }, Saver: saver{st},
		MaxBodyBytes: 1 << 20, Secret: []byte(testSecret)}
	if set != nil {
		set(&opt)
	}
	h, err := handlers.New(st, opt)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// request is one request of a trust test: who sends it, to which name,
// with which headers.
type request struct {
	method, path, body string
	remote, host       string
	hdr                map[string]string
}

func (r request) do(h http.Handler) *httptest.ResponseRecorder {
	method := r.method
	if method == "" {
		method = http.MethodGet
	}
	req := httptest.NewRequest(method, r.path, strings.NewReader(r.body))
	req.RemoteAddr, req.Host = r.remote, r.host
	if req.RemoteAddr == "" {
		req.RemoteAddr = "127.0.0.1:40000"
	}
	if req.Host == "" {
		req.Host = localHost
	}
	for k, v := range r.hdr {
		if k == "Cookie" {
			req.AddCookie(&http.Cookie{Name: "dateline_csrf", Value: v})
			continue
		}
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// formToken reads the csrf cookie a form page sets.
func formToken(t *testing.T, h http.Handler) string {
	t.Helper()
	for _, c := range (request{path: "/stories/new"}).do(h).Result().Cookies() {
		if c.Name == "dateline_csrf" {
			return c.Value
		}
	}
	t.Fatal("no csrf cookie")
	return ""
}

// hideForm is the (repeatable) form that shows event 1 again, signed with tok.
func hideForm(remote, host, tok string, hdr map[string]string) request {
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Cookie": tok}
	for k, v := range hdr {
		h[k] = v
	}
	return request{method: http.MethodPost, path: "/stories/deadline/events/1",
		body: url.Values{"state": {""}, "csrf": {tok}}.Encode(), remote: remote, host: host, hdr: h}
}

// TestLocalWritesOnly: without a token only this machine may write; a
// request through a proxy, trusted or not, is never local, whatever the
// address of its connection.
func TestLocalWritesOnly(t *testing.T) {
	st := fixture(t)
	plain := trustApp(t, st, "", nil)
	proxied := trustApp(t, st, "", func(o *handlers.Options) { o.TrustedProxies = []string{"127.0.0.1", "10.0.0.0/8"} })
	tok := formToken(t, plain)
	for _, tt := range []struct {
		name   string
		h      http.Handler
		remote string
		hdr    map[string]string
		want   int
	}{
		{"direct loopback", plain, "127.0.0.1:5000", nil, 303},
		{"direct ::1", plain, "[::1]:5000", nil, 303},
		{"same-host proxy adds X-Forwarded-For", plain, "127.0.0.1:5000", map[string]string{"X-Forwarded-For": "203.0.113.9"}, 403},
		{"same-host proxy adds Forwarded", plain, "127.0.0.1:5000", map[string]string{"Forwarded": "for=203.0.113.9"}, 403},
		{"same-host proxy adds X-Real-IP", plain, "127.0.0.1:5000", map[string]string{"X-Real-IP": "203.0.113.9"}, 403},
		{"trusted proxy without headers", proxied, "127.0.0.1:5000", nil, 403},
		{"trusted proxy says loopback", proxied, "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "127.0.0.1"}, 403},
		{"trusted proxy, outside client", proxied, "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "203.0.113.9"}, 403},
		{"not a proxy, not local", plain, "203.0.113.9:5000", nil, 403},
	} {
		if w := hideForm(tt.remote, localHost, tok, tt.hdr).do(tt.h); w.Code != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, w.Code, tt.want)
		}
	}
}

// TestAllowedHosts: a foreign Host is refused; the loopback names with
// any port pass, which is what serve allows by default on loopback.
func TestAllowedHosts(t *testing.T) {
	st := fixture(t)
	h := trustApp(t, st, "", func(o *handlers.Options) { o.AllowedHosts = handlers.LoopbackHosts })
	for host, want := range map[string]int{
		"127.0.0.1:8080": 200, "localhost:41234": 200, "[::1]:8080": 200, "LOCALHOST": 200, "127.0.0.1": 200,
		"attacker.example": 403, "attacker.example:8080": 403, "127.0.0.1.attacker.example": 403,
	} {
		w := request{path: "/api/stories", host: host}.do(h)
		if w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
		if want == 403 && !strings.Contains(w.Body.String(), "DATELINE_ALLOWED_HOSTS") {
			t.Errorf("Host %q: the refusal should name the setting: %s", host, w.Body.String())
		}
	}
	named := trustApp(t, st, "", func(o *handlers.Options) { o.AllowedHosts = []string{"news.example.org"} })
	if w := (request{path: "/", host: "news.example.org:443"}).do(named); w.Code != 200 {
		t.Errorf("listed name: %d", w.Code)
	}
}

// TestDNSRebinding: a page whose name now resolves to 127.0.0.1 posts
// the form with its own Host and a matching Origin. The allow-list refuses
// it, and so does the local-write rule when no allow-list is set.
func TestDNSRebinding(t *testing.T) {
	st := fixture(t)
	rebind := map[string]string{"Origin": "http://attacker.example:8080", "Sec-Fetch-Site": "same-origin"}
	for name, h := range map[string]http.Handler{
		"allow-list":    trustApp(t, st, "", func(o *handlers.Options) { o.AllowedHosts = handlers.LoopbackHosts }),
		"no allow-list": trustApp(t, st, "", nil),
	} {
		tok := formToken(t, h)
		if w := hideForm("127.0.0.1:5000", "attacker.example:8080", tok, rebind).do(h); w.Code != 403 {
			t.Errorf("%s: rebinding post %d, want 403", name, w.Code)
		}
		if w := hideForm("127.0.0.1:5000", localHost, tok, map[string]string{"Origin": "http://" + localHost}).do(h); w.Code != 303 {
			t.Errorf("%s: own post %d, want 303", name, w.Code)
		}
	}
}

// postAPI posts an empty JSON object with the bearer token: 400 when the
// rate limit lets it through, 429 when not.
func postAPI(remote string, hdr map[string]string) request {
	h := map[string]string{"Content-Type": "application/json", "Authorization": "Bearer s3cret"}
	for k, v := range hdr {
		h[k] = v
	}
	return request{method: http.MethodPost, path: "/api/articles", body: `{}`, remote: remote, hdr: h}
}

// drain spends a client's burst of 20 API posts, failing if any is limited.
func drain(t *testing.T, h http.Handler, r request) {
	t.Helper()
	for i := 0; i < 20; i++ {
		if w := r.do(h); w.Code != 400 {
			t.Fatalf("post %d of the burst: %d", i, w.Code)
		}
	}
}

// TestRateLimitRealClient: behind a trusted proxy each client has its
// own bucket; an untrusted sender's forwarding headers change nothing.
func TestRateLimitRealClient(t *testing.T) {
	st := fixture(t)
	h := trustApp(t, st, "s3cret", func(o *handlers.Options) { o.TrustedProxies = []string{"10.0.0.1"} })
	viaProxy := func(xff string) request { return postAPI("10.0.0.1:3000", map[string]string{"X-Forwarded-For": xff}) }
	drain(t, h, viaProxy("198.51.100.1"))
	if w := viaProxy("198.51.100.1").do(h); w.Code != 429 {
		t.Errorf("same client again: %d, want 429", w.Code)
	}
	if w := viaProxy("198.51.100.2").do(h); w.Code != 400 {
		t.Errorf("another client through the proxy: %d, want its own bucket", w.Code)
	}
	if w := viaProxy("198.51.100.1, 10.0.0.1").do(h); w.Code != 429 {
		t.Errorf("a trusted hop in X-Forwarded-For is skipped: %d, want 429", w.Code)
	}
	for i := 0; i < 20; i++ {
		postAPI("203.0.113.5:3000", map[string]string{"X-Forwarded-For": fmt.Sprintf("192.0.2.%d", i)}).do(h)
	}
	if w := postAPI("203.0.113.5:3000", map[string]string{"X-Forwarded-For": "192.0.2.200"}).do(h); w.Code != 429 {
		t.Errorf("untrusted sender with a new X-Forwarded-For: %d, want its own exhausted bucket", w.Code)
	}
}

// TestRateLimitIPv6Prefix: the addresses of one /64 share a bucket, also
// when a trusted proxy names them in a Forwarded header.
func TestRateLimitIPv6Prefix(t *testing.T) {
	st := fixture(t)
	h := trustApp(t, st, "s3cret", func(o *handlers.Options) { o.TrustedProxies = []string{"fd00::1"} })
	drain(t, h, postAPI("[2001:db8:1:2::1]:5000", nil))
	for _, tt := range []struct {
		name string
		r    request
		want int
	}{
		{"same /64", postAPI("[2001:db8:1:2:ffff:ffff:ffff:ffff]:5000", nil), 429},
		{"same /64 via Forwarded", postAPI("[fd00::1]:443", map[string]string{"Forwarded": `for="[2001:db8:1:2::77]:4711";proto=https`}), 429},
		{"next /64", postAPI("[2001:db8:1:3::1]:5000", nil), 400},
		{"another /64 via Forwarded", postAPI("[fd00::1]:443", map[string]string{"Forwarded": `for=192.0.2.1, for="[2001:db8:9::1]"`}), 400},
	} {
		if w := tt.r.do(h); w.Code != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, w.Code, tt.want)
		}
	}
}

// TestRateLimitBucketsBounded: a flood from 10,000 other addresses pushes
// the oldest client's bucket out (here: its budget is fresh again) rather
// than growing the table without end.
func TestRateLimitBucketsBounded(t *testing.T) {
	st := fixture(t)
	h := trustApp(t, st, "s3cret", nil)
	first := postAPI("198.51.100.1:5000", nil)
	drain(t, h, first)
	if w := first.do(h); w.Code != 429 {
		t.Fatalf("first client after its burst: %d", w.Code)
	}
	for i := 0; i < 10_000; i++ {
		r := postAPI(fmt.Sprintf("10.%d.%d.1:5000", i/256, i%256), map[string]string{"Authorization": ""})
		if w := r.do(h); w.Code != 401 {
			t.Fatalf("flood post %d: %d", i, w.Code)
		}
	}
	if w := first.do(h); w.Code != 400 {
		t.Errorf("first client after the flood: %d, want a new bucket (the old one evicted)", w.Code)
	}
}

// TestSecureCookieBehindProxy: the form cookie is Secure when a trusted
// proxy says the client used https, and only then.
func TestSecureCookieBehindProxy(t *testing.T) {
	st := fixture(t)
	h := trustApp(t, st, "", func(o *handlers.Options) { o.TrustedProxies = []string{"10.0.0.1"} })
	for _, tt := range []struct {
		name   string
		remote string
		hdr    map[string]string
		want   bool
	}{
		{"trusted, https", "10.0.0.1:1", map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.1"}, true},
		{"trusted, Forwarded https", "10.0.0.1:1", map[string]string{"Forwarded": "for=203.0.113.1;proto=https"}, true},
		{"trusted, http", "10.0.0.1:1", map[string]string{"X-Forwarded-Proto": "http"}, false},
		{"untrusted says https", "203.0.113.1:1", map[string]string{"X-Forwarded-Proto": "https"}, false},
	} {
		w := request{path: "/stories/new", remote: tt.remote, hdr: tt.hdr}.do(h)
		cookies := w.Result().Cookies()
		if len(cookies) != 1 || cookies[0].Secure != tt.want {
			t.Errorf("%s: cookies %+v, want Secure %v", tt.name, cookies, tt.want)
		}
	}
}

// TestFormTokenSigned: matching cookie and field are not enough; the
// token must carry this server's signature.
func TestFormTokenSigned(t *testing.T) {
	st := fixture(t)
	h := trustApp(t, st, "", nil)
	other := trustApp(t, st, "", func(o *handlers.Options) { o.Secret = []byte("another newsroom's secret") })
	good := formToken(t, h)
	forged := strings.Repeat("ab", len(good)/2)
	flip := map[bool]string{true: "1", false: "0"}[good[len(good)-1] == '0']
	tampered := good[:len(good)-1] + flip
	for name, tt := range map[string]struct {
		tok  string
		want int
	}{
		"signed":               {good, 303},
		"forged":               {forged, 403},
		"tampered":             {tampered, 403},
		"old unsigned 64 hex":  {strings.Repeat("cd", 32), 403},
		"other server's token": {formToken(t, other), 403},
	} {
		if w := hideForm("127.0.0.1:5000", localHost, tt.tok, nil).do(h); w.Code != tt.want {
			t.Errorf("%s: %d, want %d", name, w.Code, tt.want)
		}
	}
	// A page replaces a cookie it did not sign.
	w := request{path: "/stories/new", hdr: map[string]string{"Cookie": forged}}.do(h)
	if c := w.Result().Cookies(); len(c) != 1 || c[0].Value == forged {
		t.Errorf("forged cookie kept: %+v", c)
	}
}

// TestBearerSchemeCaseInsensitive: "bearer", "BEARER" and "Bearer" are
// the same scheme; other schemes are not.
func TestBearerSchemeCaseInsensitive(t *testing.T) {
	st := fixture(t)
	h := trustApp(t, st, "s3cret", nil)
	for auth, want := range map[string]int{
		"Bearer s3cret": 400, "bearer s3cret": 400, "BEARER  s3cret": 400, "Basic s3cret": 401, "bearer": 401, "s3cret": 401,
	} {
		if w := postAPI("", map[string]string{"Authorization": auth}).do(h); w.Code != want {
			t.Errorf("%q: %d, want %d", auth, w.Code, want)
		}
	}
}

// TestPostArticleRefusesBadStoryAndURL: a story that is not a slug and a
// url that is not http(s) are refused before anything is fetched or saved.
func TestPostArticleRefusesBadStoryAndURL(t *testing.T) {
	st := fixture(t)
	fetched := 0
	h := trustApp(t, st, "s3cret", func(o *handlers.Options) {
		o.Fetch = func(ctx context.Context, u string) ([]byte, bool, string, error) {
			fetched++
			return nil, false, "", models.Errorf(models.EFORBIDDEN, "no fetching in tests")
		}
	})
	text := `"text":"The envoy met Putin on Wednesday, officials said."`
	for _, tt := range []struct {
		name, path, ct, body string
		want                 int
		says                 string
	}{
		{"script story", "/api/articles", "application/json", `{` + text + `,"story":"\"><script>"}`, 400, "slug"},
		{"capitals", "/api/articles", "application/json", `{` + text + `,"story":"Deadline Talks"}`, 400, "slug"},
		{"bad ?story", "/api/articles?story=%3Cb%3E", "text/plain", "The envoy met Putin on Wednesday.", 400, "slug"},
		{"javascript url", "/api/articles", "application/json", `{"url":"javascript:alert(1)"}`, 400, "http"},
		{"file url", "/api/articles", "application/json", `{"url":"file:///etc/passwd"}`, 400, "http"},
		{"ftp url with text", "/api/articles", "application/json", `{` + text + `,"url":"ftp://example.test/a"}`, 400, "http"},
		{"no host", "/api/articles", "application/json", `{"url":"http:///path"}`, 400, "http"},
		{"http url is fetched", "/api/articles", "application/json", `{"url":"HTTPS://example.test/a"}`, 403, "fetching"},
		{"good slug", "/api/articles", "application/json", `{` + text + `,"story":"new-talks-2"}`, 201, "articles"},
	} {
		r := request{method: http.MethodPost, path: tt.path, body: tt.body,
			hdr: map[string]string{"Content-Type": tt.ct, "Authorization": "Bearer s3cret"}}
		w := r.do(h)
		if w.Code != tt.want || !strings.Contains(w.Body.String(), tt.says) {
			t.Errorf("%s: %d %s, want %d saying %q", tt.name, w.Code, w.Body.String(), tt.want, tt.says)
		}
	}
	if fetched != 1 {
		t.Errorf("%d fetches, want only the https one", fetched)
	}
	if _, err := st.StoryBySlug(context.Background(), "script"); models.ErrorCode(err) != models.ENOTFOUND {
		t.Errorf("story \"script\" was made: %v", err)
	}
}

// TestAccessLog: one key=value line per request with the real client
// behind a trusted proxy, the status and size, and no query string.
func TestAccessLog(t *testing.T) {
	st := fixture(t)
	var buf bytes.Buffer
	h := trustApp(t, st, "", func(o *handlers.Options) {
		o.TrustedProxies = []string{"10.0.0.1"}
		o.AccessLog = slog.New(slog.NewTextHandler(&buf, nil))
	})
	w := request{path: "/search?q=progress&token=s3cret", remote: "10.0.0.1:2",
		hdr: map[string]string{"X-Forwarded-For": "198.51.100.9"}}.do(h)
	request{path: "/nowhere", remote: "[2001:db8::5]:2"}.do(h)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2: %s", len(lines), buf.String())
	}
	for _, want := range []string{"msg=request", "method=GET", "path=/search", "status=200", "ip=198.51.100.9",
		fmt.Sprintf("bytes=%d", w.Body.Len()), "duration="} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("line %q lacks %q", lines[0], want)
		}
	}
	if strings.Contains(buf.String(), "s3cret") || strings.Contains(buf.String(), "progress") {
		t.Errorf("the query string was logged: %s", lines[0])
	}
	if !strings.Contains(lines[1], "status=404") || !strings.Contains(lines[1], "ip=2001:db8::5") {
		t.Errorf("second line: %s", lines[1])
	}
}
