package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/crypto/bcrypt"

	"dateline/handlers"
	"dateline/models"
	"dateline/models/auth"
	"dateline/models/store"
)

// site is the origin the browser of these tests is on.
const site = "http://" + localHost

// browser is a minimal browser for the sign-in tests: it keeps cookies,
// and its posts carry the Origin of the page they were sent from.
type browser struct {
	t       *testing.T
	h       http.Handler
	cookies map[string]*http.Cookie
	tls     bool
}

func newBrowser(t *testing.T, h http.Handler) *browser {
	return &browser{t: t, h: h, cookies: map[string]*http.Cookie{}}
}

// do sends a request with the browser's cookies and hdr, and keeps the
// cookies the answer sets.
func (b *browser) do(method, path string, v url.Values, hdr map[string]string) *httptest.ResponseRecorder {
	b.t.Helper()
	var body *strings.Reader
	if v != nil {
		body = strings.NewReader(v.Encode())
	} else {
		body = strings.NewReader("")
	}
	scheme := "http://"
	if b.tls {
		scheme = "https://"
	}
	req := httptest.NewRequest(method, scheme+localHost+path, body)
	req.RemoteAddr = "127.0.0.1:40000"
	if v != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	for k, val := range hdr {
		req.Header.Set(k, val)
	}
	w := httptest.NewRecorder()
	b.h.ServeHTTP(w, req)
	for _, c := range w.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return w
}

func (b *browser) get(path string) *httptest.ResponseRecorder {
	return b.do(http.MethodGet, path, nil, nil)
}

// post sends a form as a page of this site does.
func (b *browser) post(path string, v url.Values) *httptest.ResponseRecorder {
	return b.do(http.MethodPost, path, v, map[string]string{"Origin": site})
}

// page parses an answer.
func (b *browser) page(w *httptest.ResponseRecorder) *goquery.Document {
	b.t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(w.Body.String()))
	if err != nil {
		b.t.Fatal(err)
	}
	return d
}

// formCSRF is the csrf field of the first form matching sel on path.
func (b *browser) formCSRF(path, sel string) string {
	b.t.Helper()
	v, ok := b.page(b.get(path)).Find(sel + ` input[name=csrf]`).First().Attr("value")
	if !ok || v == "" {
		b.t.Fatalf("%s: no csrf field in %s", path, sel)
	}
	return v
}

// signIn signs in through the login form and reports the answer.
func (b *browser) signIn(name, pw string) *httptest.ResponseRecorder {
	tok := b.formCSRF("/login", "form.login")
	return b.post("/login", url.Values{"csrf": {tok}, "username": {name}, "password": {pw}, "next": {"/stories/deadline"}})
}

// addUser stores an account with a cheap hash.
func addUser(t *testing.T, st *store.Store, name, role, pw string) {
	t.Helper()
	h, err := auth.HashPassword(pw, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateUser(context.Background(), &models.User{Username: name, Role: role, PasswordHash: h}, now); err != nil {
		t.Fatal(err)
	}
}

// accountsApp is the fixture served with an editor (ann), an admin (root)
// and a token for machines; clock is the request time.
func accountsApp(t *testing.T, clock *time.Time) (http.Handler, *store.Store) {
	t.Helper()
	st := fixture(t)
	addUser(t, st, "ann", models.RoleEditor, "correct horse")
	addUser(t, st, "root", models.RoleAdmin, "battery staple")
	h, err := handlers.New(st, handlers.Options{Token: "s3cret", Now: func() time.Time { return *clock },
		Saver: saver{st}, MaxBodyBytes: 1 << 20, Secret: []byte(testSecret), SessionTTL: 2 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return h, st
}

func TestLogin(t *testing.T) {
	clock := now
	h, _ := accountsApp(t, &clock)
	tests := []struct {
		name, user, pw string
		origin         string // "" sends none
		csrf           bool
		tls            bool
		code           int
		want           string // in the body, or the Location of a redirect
	}{
		{"right password", "ann", "correct horse", site, true, false, 303, "/stories/deadline"},
		{"over TLS", "ann", "correct horse", "https://" + localHost, true, true, 303, "/stories/deadline"},
		{"wrong password", "ann", "correct horsE", site, true, false, 401, "Wrong name or password."},
		{"unknown user", "nobody", "correct horse", site, true, false, 401, "Wrong name or password."},
		{"overlong password", "ann", strings.Repeat("x", 100), site, true, false, 401, "Wrong name or password."},
		{"no form token", "ann", "correct horse", site, false, false, 403, "The form expired"},
		{"another site", "ann", "correct horse", "https://evil.test", true, false, 403, "https://evil.test, not from this site"},
		{"no origin or referer", "ann", "correct horse", "", true, false, 403, "did not say where it was"},
		{"opaque origin", "ann", "correct horse", "null", true, false, 403, "no address"},
	}
	for _, tt := range tests {
		b := newBrowser(t, h)
		b.tls = tt.tls
		v := url.Values{"username": {tt.user}, "password": {tt.pw}, "next": {"/stories/deadline"}}
		if tt.csrf {
			v.Set("csrf", b.formCSRF("/login", "form.login"))
		}
		hdr := map[string]string{}
		if tt.origin != "" {
			hdr["Origin"] = tt.origin
		}
		w := b.do(http.MethodPost, "/login", v, hdr)
		got := w.Body.String()
		if w.Code == 303 {
			got = w.Header().Get("Location")
		}
		if w.Code != tt.code || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %d %q, want %d %q", tt.name, w.Code, got, tt.code, tt.want)
			continue
		}
		ses, signedIn := b.cookies["dateline_session"]
		if signedIn != (tt.code == 303) {
			t.Errorf("%s: session cookie %v", tt.name, ses)
			continue
		}
		if signedIn && (!ses.HttpOnly || ses.SameSite != http.SameSiteLaxMode || ses.Secure != tt.tls ||
			ses.MaxAge != int((2*time.Hour)/time.Second) || ses.Path != "/") {
			t.Errorf("%s: session cookie %+v", tt.name, ses)
		}
		if tt.code == 403 && !strings.Contains(got, "Not allowed") {
			t.Errorf("%s: refusal page without its heading: %s", tt.name, got)
		}
	}
}

func TestLoginNext(t *testing.T) {
	clock := now
	h, _ := accountsApp(t, &clock)
	for next, want := range map[string]string{
		"/stories/deadline?kind=deadline": "/stories/deadline?kind=deadline",
		"//evil.test/x":                   "/",
		"https://evil.test/":              "/",
		`/\evil.test`:                     "/",
		"":                                "/",
	} {
		b := newBrowser(t, h)
		tok := b.formCSRF("/login", "form.login")
		w := b.post("/login", url.Values{"csrf": {tok}, "username": {"ann"}, "password": {"correct horse"}, "next": {next}})
		if w.Code != 303 || w.Header().Get("Location") != want {
			t.Errorf("next %q: %d to %q, want %q", next, w.Code, w.Header().Get("Location"), want)
		}
	}
}

// editorMarks counts what only the editor's view shows on a page.
func editorMarks(d *goquery.Document) map[string]int {
	html, _ := d.Html()
	return map[string]int{
		"tools":     d.Find(".entry-tools form").Length(),
		"cameo":     strings.Count(html, "CAMEO"),
		"password":  d.Find(`input[type=password]`).Length(),
		"edit link": d.Find(`a[href$="/edit"]`).Length(),
		"sign out":  d.Find(`form[action="/logout"]`).Length(),
	}
}

func TestReaderAndEditorViews(t *testing.T) {
	clock := now
	h, _ := accountsApp(t, &clock)
	reader, editor := newBrowser(t, h), newBrowser(t, h)
	if w := editor.signIn("ann", "correct horse"); w.Code != 303 {
		t.Fatalf("sign in: %d %s", w.Code, w.Body.String())
	}
	for _, path := range []string{"/stories/deadline", "/events/1", "/stories/deadline?kind=deadline"} {
		r := editorMarks(reader.page(reader.get(path)))
		for k, n := range r {
			if n != 0 {
				t.Errorf("reader on %s sees %d %s", path, n, k)
			}
		}
		e := editorMarks(editor.page(editor.get(path)))
		if e["cameo"] == 0 || e["sign out"] != 1 || e["password"] != 0 {
			t.Errorf("editor on %s: %v", path, e)
		}
		if strings.HasPrefix(path, "/stories/") && (e["tools"] == 0 || e["edit link"] != 1) {
			t.Errorf("editor on %s has no controls: %v", path, e)
		}
	}
	// Only an admin is offered a new story.
	admin := newBrowser(t, h)
	admin.signIn("root", "battery staple")
	for _, b := range []*browser{reader, editor, admin} {
		n := b.page(b.get("/")).Find(`a[href="/stories/new"]`).Length()
		if want := map[*browser]int{admin: 1}[b]; n != want {
			t.Errorf("new story link %d times, want %d", n, want)
		}
	}
	// A shared cache never keeps an editor's page (it holds the form token).
	if cc := editor.get("/stories/deadline").Header().Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("editor's page Cache-Control %q", cc)
	}
	if cc := reader.get("/stories/deadline").Header().Get("Cache-Control"); strings.Contains(cc, "private") {
		t.Errorf("reader's page Cache-Control %q", cc)
	}
	// Embeds are the reader's view even for a signed-in browser.
	if e := editorMarks(editor.page(editor.get("/embed/stories/deadline"))); e["tools"]+e["cameo"]+e["sign out"] != 0 {
		t.Errorf("embed shows editor marks: %v", e)
	}
	// The reader's page offers the sign-in link, which comes back to it
	// (encoded once: the link's next is the page's address as it was).
	page := "/stories/deadline?kind=deadline&person=Donald+Trump"
	link, _ := reader.page(reader.get(page)).Find(`footer a[href^="/login?next="]`).Attr("href")
	next, _ := reader.page(reader.get(link)).Find(`form.login input[name=next]`).Attr("value")
	if next != page {
		t.Errorf("sign-in link %q leads back to %q, want %q", link, next, page)
	}
}

func TestSessionExpires(t *testing.T) {
	clock := now
	h, _ := accountsApp(t, &clock)
	b := newBrowser(t, h)
	b.signIn("ann", "correct horse")
	steps := []struct {
		after  time.Duration
		editor bool
	}{{time.Minute, true}, {2*time.Hour - time.Second, true}, {2 * time.Hour, false}, {3 * time.Hour, false}}
	for _, s := range steps {
		clock = now.Add(s.after)
		got := editorMarks(b.page(b.get("/stories/deadline")))["sign out"] == 1
		if got != s.editor {
			t.Errorf("after %s: signed in %v, want %v", s.after, got, s.editor)
		}
	}
}

func TestEditorPinKeepsFilters(t *testing.T) {
	clock := now
	h, st := accountsApp(t, &clock)
	b := newBrowser(t, h)
	b.signIn("ann", "correct horse")
	page := "/stories/deadline?kind=deadline"
	d := b.page(b.get(page))
	f := d.Find(`.entry-tools form`).First()
	action, _ := f.Attr("action")
	tok, _ := f.Find(`input[name=csrf]`).Attr("value")
	back, _ := f.Find(`input[name=back]`).Attr("value")
	if back != page || tok == "" || !strings.HasPrefix(action, "/stories/deadline/events/") {
		t.Fatalf("pin form: action %q back %q csrf %q", action, back, tok)
	}
	id := strings.TrimPrefix(action, "/stories/deadline/events/")
	w := b.post(action, url.Values{"csrf": {tok}, "back": {back}, "state": {"pinned"}})
	if w.Code != 303 || w.Header().Get("Location") != page+"#event-"+id {
		t.Fatalf("pin: %d to %q", w.Code, w.Header().Get("Location"))
	}
	// The pinned deadline shows under another filter too.
	if n := b.page(b.get("/stories/deadline?kind=meeting")).Find(`li.key#key-` + id + ` .pin`).Length(); n != 1 {
		t.Errorf("pinned event not shown under a filter that leaves it out: %d", n)
	}
	// A back address elsewhere is not followed.
	w = b.post(action, url.Values{"csrf": {tok}, "back": {"https://evil.test/"}, "state": {""}})
	if w.Code != 303 || w.Header().Get("Location") != "/stories/deadline#event-"+id {
		t.Errorf("foreign back: %d to %q", w.Code, w.Header().Get("Location"))
	}
	// The story's edit page lists the changes for editors, newest first.
	hist := b.page(b.get("/stories/deadline/edit")).Find(`ol.corrections li`)
	if hist.Length() != 2 || !strings.Contains(hist.First().Text(), "by ann: restored event "+id) ||
		!strings.Contains(hist.Last().Text(), "pinned event "+id) {
		t.Errorf("story history: %q", hist.Text())
	}
	if n := doc(t, get(t, h, "/stories/deadline/edit")).Find(`ol.corrections`).Length(); n != 0 {
		t.Errorf("story history shown to a reader")
	}
	eid, _ := strconv.ParseUint(id, 10, 64)
	edits, err := st.Edits(context.Background(), models.EditStoryEvent, uint(eid))
	if err != nil || len(edits) != 2 || edits[0].Username != "ann" || edits[0].AfterJSON != `{"state":"pinned"}` {
		t.Errorf("edit log: %+v %v", edits, err)
	}
}

// TestEditorFormsRefused: a signed-in browser's forms need the session's
// form token and must come from this site; each refusal is a 403 page
// that says why, and changes nothing.
func TestEditorFormsRefused(t *testing.T) {
	clock := now
	h, st := accountsApp(t, &clock)
	b := newBrowser(t, h)
	b.signIn("ann", "correct horse")
	tok := b.formCSRF("/stories/deadline", ".entry-tools form")
	other := newBrowser(t, h)
	other.signIn("ann", "correct horse")
	otherTok := other.formCSRF("/stories/deadline", ".entry-tools form")
	tests := []struct {
		name string
		csrf string
		hdr  map[string]string
		want string
	}{
		{"no form token", "", map[string]string{"Origin": site}, "out of date"},
		{"another session's token", otherTok, map[string]string{"Origin": site}, "out of date"},
		{"another site's Origin", tok, map[string]string{"Origin": "https://evil.test"}, "https://evil.test, not from this site"},
		{"another site's Referer", tok, map[string]string{"Referer": "https://evil.test/page"}, "https://evil.test, not from this site"},
		{"neither Origin nor Referer", tok, nil, "did not say where it was"},
		{"a look-alike host", tok, map[string]string{"Origin": "http://" + localHost + ".evil.test"}, "not from this site"},
	}
	for _, tt := range tests {
		w := b.do(http.MethodPost, "/stories/deadline/events/1", url.Values{"csrf": {tt.csrf}, "state": {"hidden"}}, tt.hdr)
		if w.Code != 403 || !strings.Contains(w.Body.String(), tt.want) || !strings.Contains(w.Body.String(), "Not allowed") {
			t.Errorf("%s: %d %s", tt.name, w.Code, w.Body.String())
		}
	}
	if hidden, err := st.HiddenEvents(context.Background(), 1); err != nil || len(hidden) != 0 {
		t.Errorf("a refused form hid %+v %v", hidden, err)
	}
	// The same form, right, goes through; a Referer of this site will do.
	w := b.do(http.MethodPost, "/stories/deadline/events/1", url.Values{"csrf": {tok}, "state": {"hidden"}},
		map[string]string{"Referer": site + "/stories/deadline"})
	if w.Code != 303 {
		t.Errorf("right form: %d %s", w.Code, w.Body.String())
	}
}

func TestStoryFormsNeedAdmin(t *testing.T) {
	clock := now
	h, _ := accountsApp(t, &clock)
	for _, tt := range []struct {
		user, pw string
		code     int
	}{{"ann", "correct horse", 403}, {"root", "battery staple", 303}} {
		b := newBrowser(t, h)
		b.signIn(tt.user, tt.pw)
		d := b.page(b.get("/stories/deadline/edit"))
		if d.Find(`input[type=password]`).Length() != 0 {
			t.Errorf("%s: the story form asks a signed-in account for the token", tt.user)
		}
		tok := b.formCSRF("/stories/deadline/edit", "form.stack")
		w := b.post("/stories/deadline/edit", url.Values{"csrf": {tok}, "title": {"Renamed by " + tt.user}})
		if w.Code != tt.code {
			t.Errorf("%s edits the story: %d, want %d: %s", tt.user, w.Code, tt.code, w.Body.String())
		}
	}
}

func TestLogout(t *testing.T) {
	clock := now
	h, _ := accountsApp(t, &clock)
	b := newBrowser(t, h)
	b.signIn("ann", "correct horse")
	session := *b.cookies["dateline_session"]
	tok := b.formCSRF("/", `form[action="/logout"]`)
	if w := b.post("/logout", url.Values{"csrf": {"wrong"}}); w.Code != 403 {
		t.Errorf("logout without the form token: %d", w.Code)
	}
	if w := b.post("/logout", url.Values{"csrf": {tok}}); w.Code != 303 {
		t.Fatalf("logout: %d %s", w.Code, w.Body.String())
	}
	if _, ok := b.cookies["dateline_session"]; ok {
		t.Errorf("session cookie kept after signing out")
	}
	// The old cookie, replayed, no longer signs in.
	b.cookies["dateline_session"] = &session
	if editorMarks(b.page(b.get("/stories/deadline")))["sign out"] != 0 {
		t.Errorf("a signed-out session still works")
	}
}

func TestLoginWithoutAccounts(t *testing.T) {
	st := fixture(t)
	h := newApp(t, st, "")
	b := newBrowser(t, h)
	d := b.page(b.get("/login"))
	if d.Find(`form.login`).Length() != 0 || !strings.Contains(d.Find("main").Text(), "dateline user add") {
		t.Errorf("sign-in page of a server without accounts: %s", d.Find("main").Text())
	}
	addUser(t, st, "ann", models.RoleEditor, "correct horse")
	if b.page(b.get("/login")).Find(`form.login`).Length() != 1 {
		t.Errorf("no sign-in form once an account exists")
	}
}
