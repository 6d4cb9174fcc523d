package handlers_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"dateline/handlers"
	"dateline/models"
	"dateline/models/store"
	"dateline/views"
)

const evil = `</script><script>alert(1)</script>`

// now is the request clock of every test: Wednesday 6 August 2025, noon.
var now = time.Date(2025, 8, 6, 12, 0, 0, 0, time.UTC)

// saver adapts the store for POST /api/articles, as serve does.
type saver struct{ st *store.Store }

func (s saver) SaveArticle(ctx context.Context, a models.ExtractedArticle, story string) (handlers.SavedArticle, error) {
	r, err := s.st.SaveArticle(ctx, a, store.SaveOptions{StorySlug: story})
	return handlers.SavedArticle{ID: r.ArticleID, Duplicate: r.Duplicate}, err
}

// fixture stores two articles: one about the envoy's visit and the Friday
// deadline (attached to story "deadline"), and a hostile one whose title,
// speaker and quote carry a script and a spreadsheet formula.
func fixture(t *testing.T) *store.Store {
	t.Helper()
	st, err := openFixtureStore(t, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pub := time.Date(2025, 8, 6, 15, 0, 0, 0, time.UTC)
	trump, bad := "Donald Trump", "Mallory "+evil
	body := `The envoy met Putin in Moscow on Wednesday. Trump said: "Great progress was made!" The deadline is Friday.`
	a1 := models.ExtractedArticle{Title: "Envoy in Moscow", Source: "Wire One", URL: "https://example.test/1",
		PublishedAt: &pub, PublishedPrecision: models.PrecHour, Body: body,
		Events: []models.ExtractedEvent{
			{Date: "2025-08-06", Granularity: models.GranDay, Kind: models.KindMeeting, Cameo: "036", Summary: "Envoy meets Putin",
				Sentence: "The envoy met Putin in Moscow on Wednesday.", Start: 0, End: 44, Actors: []string{"Vladimir Putin"}},
			{Date: "2025-08-08", Granularity: models.GranDay, Kind: models.KindDeadline, Cameo: "139", Summary: "Sanctions deadline",
				Sentence: "Trump said: \"Great progress was made!\" The deadline is Friday.", Start: 45, End: 112,
				Actors:   []string{trump},
				Deadline: &models.Deadline{Date: "2025-08-08", SetBy: trump, Demand: "a ceasefire", Consequence: "secondary tariffs"}},
			{Date: "2025-W33", Granularity: models.GranWeek, Kind: models.KindTalks, Summary: "Summit talk",
				Sentence: "The envoy met Putin in Moscow on Wednesday.", Start: 0, End: 44, Actors: []string{trump}},
		},
		Quotes: []models.ExtractedQuote{{Text: "Great progress was made!", Kind: models.QuoteDirect, Start: 57, End: 81,
			Speaker: &trump, Cue: "said"}},
		People: []models.ExtractedPerson{{Name: trump, Kind: models.PersonKindPerson, Role: "President", Aliases: []string{"Trump"}}},
	}
	body2 := `=HYPERLINK("http://evil.test","x") he wrote. ` + evil + ` in April.`
	a2 := models.ExtractedArticle{Title: "Hostile " + evil, Source: "Bad " + evil, PublishedAt: &pub, Body: body2,
		Events: []models.ExtractedEvent{{Date: "2025-04", Granularity: models.GranMonth, Kind: models.KindStatement,
			Summary: "Statement " + evil, Sentence: body2, Start: 0, End: len([]rune(body2)), Actors: []string{bad}}},
		Quotes: []models.ExtractedQuote{
			{Text: `=HYPERLINK("http://evil.test","x")`, Kind: models.QuoteDirect, Start: 0, End: 34, Speaker: &bad},
			{Text: evil, Kind: models.QuoteDirect, Start: 46, End: 46 + len(evil), Speaker: &bad}},
	}
	if _, err := st.SaveArticle(context.Background(), a1, store.SaveOptions{StorySlug: "deadline", StoryTitle: "Deadline"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveArticle(context.Background(), a2, store.SaveOptions{StorySlug: "hostile", StoryTitle: "Story " + evil}); err != nil {
		t.Fatal(err)
	}
	return st
}

// testSecret signs the form tokens of every app newApp makes, as
// DATELINE_SECRET does for several servers of one newsroom.
const testSecret = "a secret the tests share"

// localHost is the Host of the forms tests post: a local write needs a
// loopback name as well as a loopback connection.
const localHost = "127.0.0.1:8080"

func newApp(t *testing.T, st *store.Store, token string) http.Handler {
	t.Helper()
	h, err := handlers.New(st, handlers.Options{Token: token, Now: func() time.Time { return now },
		Saver: saver{st}, MaxBodyBytes: 1 << 20, Secret: []byte(testSecret)})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.RemoteAddr = "127.0.0.1:40000"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func doc(t *testing.T, w *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(w.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// pages lists a path for every HTML page, with the status it must answer.
func pages(st *store.Store) map[string]int {
	return map[string]int{
		"/": 200, "/stories/deadline": 200, "/stories/deadline?kind=deadline&from=2025-08-01": 200,
		"/stories/hostile": 200, "/stories/new": 200, "/stories/deadline/edit": 200, "/stories/hostile/edit": 200,
		"/people": 200, "/people/donald-trump": 200, "/articles/1": 200, "/articles/2": 200,
		"/events/1": 200, "/events/4": 200, "/search?q=progress": 200, "/search?q=alert": 200, "/search": 200,
		"/embed/stories/deadline": 200, "/embed/stories/hostile?theme=dark": 200,
		"/embed/stories/deadline/timeline": 200, "/embed/stories/hostile/speakers": 200,
		"/stories/nope": 404, "/articles/999": 404, "/articles/abc": 404, "/nowhere": 404,
		"/stories/deadline?from=August": 400, "/embed/stories/deadline/pie": 404,
	}
}

func TestEveryPageSafe(t *testing.T) {
	st := fixture(t)
	h := newApp(t, st, "")
	for path, want := range pages(st) {
		w := get(t, h, path)
		if w.Code != want {
			t.Errorf("%s: status %d, want %d: %s", path, w.Code, want, w.Body.String())
			continue
		}
		body := w.Body.String()
		if strings.Contains(body, "<script>alert(1)") {
			t.Errorf("%s: unescaped script", path)
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s: content type %q", path, ct)
		}
		d := doc(t, w)
		d.Find("script").Each(func(_ int, s *goquery.Selection) {
			src, hasSrc := s.Attr("src")
			typ, _ := s.Attr("type")
			switch {
			case hasSrc && !strings.HasPrefix(src, "/static/"):
				t.Errorf("%s: script from outside the app: %q", path, src)
			case !hasSrc && typ != "application/json":
				t.Errorf("%s: inline script: %q", path, s.Text())
			case !hasSrc:
				var v views.Chart
				if err := json.Unmarshal([]byte(s.Text()), &v); err != nil || v.Option == nil {
					t.Errorf("%s: chart block is not JSON: %v", path, err)
				}
			}
		})
		d.Find("link[rel=stylesheet], link[rel=icon]").Each(func(_ int, s *goquery.Selection) {
			if href, _ := s.Attr("href"); !strings.HasPrefix(href, "/static/") {
				t.Errorf("%s: style sheet from outside the app: %q", path, href)
			}
		})
		// Absolute links to this server itself (the oEmbed discovery link,
		// the canonical address) are not another host.
		foreign := strings.ReplaceAll(body, `href="http://example.com/`, "")
		for _, outside := range []string{`src="http://`, `src="https://`, `href="http://`} {
			if strings.Contains(foreign, outside) && !strings.Contains(path, "articles") {
				t.Errorf("%s: page refers to another host: %s", path, outside)
			}
		}
		if want >= 400 && d.Find("link[href^='/static/style.css']").Length() != 1 {
			t.Errorf("%s: error page not in the site's style", path)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newApp(t, fixture(t), "")
	for path, embed := range map[string]bool{"/": false, "/stories/deadline": false, "/api/stories": false,
		"/export/events.csv": false, "/nowhere": false, "/static/app.js": false,
		"/embed/stories/deadline": true, "/embed/stories/deadline/speakers?theme=dark": true} {
		w := get(t, h, path)
		csp := w.Header().Get("Content-Security-Policy")
		if strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if embed != strings.HasSuffix(csp, "frame-ancestors *") || !embed && !strings.HasSuffix(csp, "frame-ancestors 'self'") {
			t.Errorf("%s: framing policy %q", path, csp)
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" || w.Header().Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff or referrer policy", path)
		}
		if embed && len(w.Result().Cookies()) > 0 {
			t.Errorf("%s: embed sets cookies", path)
		}
	}
}

func TestStoryPage(t *testing.T) {
	h := newApp(t, fixture(t), "")
	d := doc(t, get(t, h, "/stories/deadline"))
	if got := d.Find("h1").Text(); got != "Deadline" {
		t.Errorf("title %q", got)
	}
	// Days under their month; the talks "week of 11 Aug", after now, are ahead.
	var heads []string
	d.Find(".month > h3, .month > h4").Each(func(_ int, s *goquery.Selection) { heads = append(heads, s.Text()) })
	if strings.Join(heads, "|") != "August 2025|Wednesday 6 August 2025|Friday 8 August 2025" {
		t.Errorf("headings %q", heads)
	}
	if got := d.Find(".ahead li.row").Text(); !strings.Contains(got, "week of 11 Aug 2025") || !strings.Contains(got, "Summit talk") {
		t.Errorf("ahead lane: %q", got)
	}
	if got := d.Find(".span-line strong").Text(); got != "6 Aug 2025 – 8 Aug 2025" {
		t.Errorf("span %q", got)
	}
	panel := d.Find(".deadline-panel")
	if !strings.Contains(panel.Find(".countdown").Text(), "in 2 days") ||
		!strings.Contains(panel.Text(), "a ceasefire") || !strings.Contains(panel.Text(), "secondary tariffs") {
		t.Errorf("deadline panel: %q", panel.Text())
	}
	entry := d.Find("#key-2")
	if !strings.Contains(entry.Find("blockquote").Text(), "Great progress was made!") || entry.Find(".kind").Text() != "deadline" ||
		!strings.Contains(entry.Find(".report-line").Text(), "reported by 1 article from 1 outlet, first on 6 Aug 2025 15:00: Wire One") {
		t.Errorf("deadline key event: %q", entry.Text())
	}
	if d.Find("#event-2").Length() != 1 || strings.Contains(d.Text(), "CAMEO") {
		t.Errorf("deadline row: %d, CAMEO codes shown: %v", d.Find("#event-2").Length(), strings.Contains(d.Text(), "CAMEO"))
	}
	if d.Find("#embed-snippet").Length() != 1 || !strings.Contains(d.Find("#embed-snippet").Text(), "/embed/stories/deadline") {
		t.Error("no embed snippet")
	}
	if d.Find(`.source-list a[href="/articles/1"]`).Length() != 1 {
		t.Error("no source list")
	}
	if d.Find("details.alt table").Length() != 2 {
		t.Error("charts need a text alternative each")
	}
	// Filters keep their state in the URL and the form.
	d = doc(t, get(t, h, "/stories/deadline?kind=deadline&source=Wire+One"))
	if v, _ := d.Find(`select[name=kind] option[selected]`).Attr("value"); v != "deadline" {
		t.Errorf("kind filter not kept: %q", v)
	}
	if n := d.Find(".month li.row").Length(); n != 1 || !strings.Contains(d.Find(".result-count").Text(), "1 event match") {
		t.Errorf("filtered entries: %d, %q", n, d.Find(".result-count").Text())
	}
	if href, _ := d.Find(`a[href^="/export/events.csv"]`).Attr("href"); !strings.Contains(href, "kind=deadline") || !strings.Contains(href, "story=deadline") {
		t.Errorf("export link loses the filter: %q", href)
	}
}

func TestArticleHighlights(t *testing.T) {
	h := newApp(t, fixture(t), "")
	d := doc(t, get(t, h, "/articles/1"))
	if got := d.Find(".article-body .hl-quote").Text(); got != "Great progress was made!" {
		t.Errorf("quote highlight %q", got)
	}
	if d.Find(".article-body .hl-event").Length() == 0 {
		t.Error("no event highlight")
	}
	if got := d.Find(".article-body").Text(); !strings.HasPrefix(got, "The envoy met Putin") {
		t.Errorf("body %q", got)
	}
	d = doc(t, get(t, h, "/articles/2"))
	if got := d.Find(".article-body").Text(); !strings.Contains(got, evil) {
		t.Errorf("hostile body should show as text: %q", got)
	}
}

func readCSV(t *testing.T, h http.Handler, path string) [][]string {
	t.Helper()
	w := get(t, h, path)
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment; filename=") {
		t.Fatalf("%s: %d %v", path, w.Code, w.Header())
	}
	recs, err := csv.NewReader(w.Body).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func TestCSVExports(t *testing.T) {
	h := newApp(t, fixture(t), "")
	tests := []struct {
		path   string
		header []string
		rows   int
	}{
		{"/export/events.csv", views.EventColumns, 4},
		{"/export/events.csv?story=deadline", views.EventColumns, 3},
		{"/export/events.csv?kind=deadline", views.EventColumns, 1},
		{"/export/quotes.csv", views.QuoteColumns, 3},
		{"/export/quotes.csv?speaker=Donald+Trump", views.QuoteColumns, 1},
		{"/export/quotes.csv?story=hostile", views.QuoteColumns, 2},
		{"/export/articles.csv", views.ArticleColumns, 2},
		{"/export/articles.csv?source=Wire+One&from=2025-08-01&to=2025-08-31", views.ArticleColumns, 1},
	}
	for _, tt := range tests {
		recs := readCSV(t, h, tt.path)
		if strings.Join(recs[0], ",") != strings.Join(tt.header, ",") || len(recs)-1 != tt.rows {
			t.Errorf("%s: header %q, %d rows, want %d", tt.path, recs[0], len(recs)-1, tt.rows)
		}
	}
	var formula, script bool
	for _, r := range readCSV(t, h, "/export/quotes.csv") {
		for _, cell := range r {
			if strings.HasPrefix(cell, "=") {
				t.Errorf("formula cell not neutralised: %q", cell)
			}
			formula = formula || strings.HasPrefix(cell, `'=HYPERLINK(`)
			script = script || strings.Contains(cell, evil)
		}
	}
	if !formula || !script {
		t.Errorf("hostile quotes missing from the CSV (formula %v, script %v)", formula, script)
	}
	if w := get(t, h, "/export/articles.csv?bom=1"); !strings.HasPrefix(w.Body.String(), "\ufeffarticle_id,") {
		t.Errorf("bom: %q", w.Body.String()[:20])
	}
	for path, want := range map[string]int{"/export/events.csv?story=nope&bom=1": 404, "/export/quotes.csv?from=yesterday": 400} {
		w := get(t, h, path)
		if w.Code != want || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s: %d %q", path, w.Code, w.Header().Get("Content-Type"))
		}
	}
}

func TestJSONAPI(t *testing.T) {
	h := newApp(t, fixture(t), "")
	var stories struct{ Stories []struct{ Slug string } }
	decode(t, get(t, h, "/api/stories"), &stories)
	if len(stories.Stories) != 2 {
		t.Errorf("stories: %+v", stories)
	}
	var one struct {
		Events   int
		Speakers []models.SpeakerCount
	}
	decode(t, get(t, h, "/api/stories/deadline"), &one)
	if one.Events != 3 || len(one.Speakers) != 1 || one.Speakers[0].Name != "Donald Trump" {
		t.Errorf("story: %+v", one)
	}
	var evs struct{ Events []models.TimelineEntry }
	decode(t, get(t, h, "/api/stories/deadline/events?kind=meeting"), &evs)
	if len(evs.Events) != 1 || evs.Events[0].Event.Summary != "Envoy meets Putin" {
		t.Errorf("events: %+v", evs)
	}
	var qs struct{ Quotes []models.Quote }
	decode(t, get(t, h, "/api/quotes?speaker=donald-trump"), &qs)
	if len(qs.Quotes) != 1 || qs.Quotes[0].Speaker.Name != "Donald Trump" {
		t.Errorf("quotes: %+v", qs)
	}
	var people struct{ People []models.PersonSummary }
	decode(t, get(t, h, "/api/people"), &people)
	if len(people.People) < 2 {
		t.Errorf("people: %+v", people)
	}
	if w := get(t, h, "/api/stories/nope"); w.Code != 404 || !strings.Contains(w.Body.String(), `"code":"not_found"`) {
		t.Errorf("missing story: %d %s", w.Code, w.Body.String())
	}
	if w := get(t, h, "/api/stories/deadline/timelinejs"); w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Error("the read API should be readable from other origins (TimelineJS)")
	}
	if w := get(t, h, "/stories/deadline"); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("pages must not be readable cross-origin")
	}
	if w := get(t, h, "/healthz"); w.Code != 200 {
		t.Errorf("healthz: %d", w.Code)
	}
}

func TestTimelineJS(t *testing.T) {
	h := newApp(t, fixture(t), "")
	var tl struct {
		Title  struct{ Text struct{ Headline string } }
		Events []struct {
			StartDate   map[string]string `json:"start_date"`
			DisplayDate string            `json:"display_date"`
			UniqueID    string            `json:"unique_id"`
			Text        struct{ Headline, Text string }
		}
	}
	decode(t, get(t, h, "/api/stories/deadline/timelinejs"), &tl)
	if len(tl.Events) != 3 {
		t.Fatalf("events: %+v", tl.Events)
	}
	week := tl.Events[2]
	if week.DisplayDate != "week of 11 Aug 2025" || week.StartDate["day"] != "11" || week.StartDate["month"] != "8" {
		t.Errorf("week event: %+v", week)
	}
	if tl.Events[0].UniqueID != "1" || tl.Events[0].StartDate["hour"] != "" {
		t.Errorf("day event: %+v", tl.Events[0])
	}
	var hostile struct {
		Title  struct{ Text struct{ Headline string } }
		Events []struct {
			StartDate map[string]string `json:"start_date"`
			Text      struct{ Headline, Text string }
		}
	}
	decode(t, get(t, h, "/api/stories/hostile/timelinejs"), &hostile)
	if len(hostile.Events) != 1 || hostile.Events[0].StartDate["day"] != "" || hostile.Events[0].StartDate["month"] != "4" {
		t.Fatalf("month event: %+v", hostile.Events)
	}
	for _, s := range []string{hostile.Title.Text.Headline, hostile.Events[0].Text.Headline, hostile.Events[0].Text.Text} {
		if strings.Contains(s, "<script") {
			t.Errorf("TimelineJS renders HTML; text not escaped: %q", s)
		}
	}
}

func decode(t *testing.T, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatal(err)
	}
}

func TestStaticAssets(t *testing.T) {
	h := newApp(t, fixture(t), "")
	for path, ct := range map[string]string{"/static/app.js": "javascript", "/static/style.css": "text/css", "/static/favicon.svg": "image/svg+xml"} {
		w := get(t, h, path)
		if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Type"), ct) {
			t.Errorf("%s: %d %q", path, w.Code, w.Header().Get("Content-Type"))
		}
	}
	w := get(t, h, "/static/vendor/echarts.min.js")
	if views.ChartsAvailable() != (w.Code == 200) {
		t.Errorf("echarts: status %d, embedded %v", w.Code, views.ChartsAvailable())
	}
	if w.Code == 404 && !strings.Contains(w.Body.String(), "make assets") {
		t.Errorf("missing echarts should say how to get it: %q", w.Body.String())
	}
	if w := get(t, h, "/static/../handlers.go"); w.Code != 404 && w.Code != 301 {
		t.Errorf("path escape: %d", w.Code)
	}
}

// form posts a browser form, with the csrf cookie and field unless csrf is "".
func form(h http.Handler, path, remote, csrf string, v url.Values, hdr map[string]string) *httptest.ResponseRecorder {
	if csrf != "" {
		v.Set("csrf", csrf)
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = remote
	req.Host = localHost
	if csrf != "" {
		req.AddCookie(&http.Cookie{Name: "dateline_csrf", Value: csrf})
	}
	for k, val := range hdr {
		req.Header.Set(k, val)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestStoryForms(t *testing.T) {
	st := fixture(t)
	h := newApp(t, st, "")
	w := get(t, h, "/stories/new")
	var tok string
	for _, c := range w.Result().Cookies() {
		if c.Name == "dateline_csrf" {
			tok = c.Value
			if c.SameSite != http.SameSiteStrictMode || !c.HttpOnly {
				t.Errorf("csrf cookie: %+v", c)
			}
		}
	}
	if v, _ := doc(t, w).Find(`input[name=csrf]`).Attr("value"); v != tok || tok == "" {
		t.Fatalf("form token %q, cookie %q", v, tok)
	}
	local := "127.0.0.1:5000"
	story := url.Values{"slug": {"talks"}, "title": {"Talks"}, "people": {"Vladimir Putin\n"}, "kinds": {"meeting"}}
	tests := []struct {
		name   string
		remote string
		csrf   string
		hdr    map[string]string
		want   int
	}{
		{"no csrf", local, "", nil, 403},
		{"other site", local, tok, map[string]string{"Origin": "http://evil.test"}, 403},
		{"cross-site fetch", local, tok, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"not local without a token", "203.0.113.9:5000", tok, nil, 403},
		{"ok", local, tok, map[string]string{"Origin": "http://" + localHost}, 303},
		{"slug taken", local, tok, nil, 409},
	}
	for _, tt := range tests {
		w := form(h, "/stories", tt.remote, tt.csrf, url.Values{"slug": story["slug"], "title": story["title"],
			"people": story["people"], "kinds": story["kinds"]}, tt.hdr)
		if w.Code != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.name, w.Code, tt.want, w.Body.String())
		}
	}
	d := doc(t, get(t, h, "/stories/talks"))
	if n := d.Find("li.row").Length(); n != 1 {
		t.Errorf("rules story has %d entries, want the meeting", n)
	}
	if w := form(h, "/stories", local, tok, url.Values{"slug": {"Bad Slug"}, "title": {"x"}}, nil); w.Code != 400 ||
		doc(t, w).Find(".error-box").Length() != 1 {
		t.Errorf("bad slug: %d", w.Code)
	}
	w = form(h, "/stories/talks/edit", local, tok, url.Values{"title": {"Putin's talks"}, "keywords": {"Moscow"}}, nil)
	if w.Code != 303 {
		t.Errorf("edit: %d %s", w.Code, w.Body.String())
	}
	w = form(h, "/stories/deadline/events/1", local, tok, url.Values{"state": {"hidden"}}, nil)
	if w.Code != 303 || doc(t, get(t, h, "/stories/deadline")).Find("#event-1").Length() != 0 {
		t.Errorf("hide: %d", w.Code)
	}
	if doc(t, get(t, h, "/stories/deadline/edit")).Find(`form[action="/stories/deadline/events/1"]`).Length() != 1 {
		t.Error("hidden event not listed on the edit page")
	}
	form(h, "/stories/deadline/events/2", local, tok, url.Values{"state": {"pinned"}}, nil)
	if doc(t, get(t, h, "/stories/deadline")).Find("li.row.pinned#event-2").Length() != 1 {
		t.Error("pinned event not marked")
	}
	// With a token, anyone who has it may write; nobody without.
	ht := newApp(t, st, "s3cret")
	if w := form(ht, "/stories/deadline/events/1", "203.0.113.9:5000", tok, url.Values{"state": {""}, "token": {"wrong"}}, nil); w.Code != 403 {
		t.Errorf("wrong token: %d", w.Code)
	}
	if w := form(ht, "/stories/deadline/events/1", "203.0.113.9:5000", tok, url.Values{"state": {""}, "token": {"s3cret"}}, nil); w.Code != 303 {
		t.Errorf("right token: %d", w.Code)
	}
}

func TestPostArticle(t *testing.T) {
	st := fixture(t)
	post := func(h http.Handler, auth, ct, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/api/articles", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	text := `{"text":"MOSCOW, Aug 6 (Wire) - The envoy met Putin on Wednesday, officials said.","source":"Wire One","story":"deadline","published_at":"2025-08-06T10:00:00Z"}`
	off := newApp(t, st, "")
	if w := post(off, "", "application/json", text); w.Code != 403 || !strings.Contains(w.Body.String(), "DATELINE_TOKEN") {
		t.Errorf("write API without a token: %d %s", w.Code, w.Body.String())
	}
	on := newApp(t, st, "s3cret")
	for name, tt := range map[string]struct {
		auth, ct, body string
		want           int
	}{
		"no bearer":       {"", "application/json", text, 401},
		"wrong bearer":    {"nope", "application/json", text, 401},
		"bad json":        {"s3cret", "application/json", "{", 400},
		"nothing":         {"s3cret", "application/json", `{"source":"x"}`, 400},
		"url, no fetcher": {"s3cret", "application/json", `{"url":"http://127.0.0.1/"}`, 400},
		"bad type":        {"s3cret", "image/png", "x", 400},
		"too large":       {"s3cret", "text/plain", strings.Repeat("a", 2<<20), 413},
		"json":            {"s3cret", "application/json", text, 201},
		"plain":           {"s3cret", "text/plain", "Trump said on Tuesday that talks went well.", 201},
	} {
		if w := post(on, tt.auth, tt.ct, tt.body); w.Code != tt.want {
			t.Errorf("%s: %d, want %d: %s", name, w.Code, tt.want, w.Body.String())
		}
	}
	w := post(on, "s3cret", "application/json", text)
	var res struct{ Articles []handlers.SavedArticle }
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || len(res.Articles) != 1 || !res.Articles[0].Duplicate {
		t.Errorf("posting again should be a duplicate: %s", w.Body.String())
	}
}

func TestErrorsHideInternals(t *testing.T) {
	st := fixture(t)
	h := newApp(t, st, "")
	st.Close() // every query now fails inside the driver
	for _, path := range []string{"/", "/stories/deadline", "/api/stories", "/export/events.csv"} {
		w := get(t, h, path)
		body, _ := io.ReadAll(w.Body)
		if w.Code != 500 || strings.Contains(strings.ToLower(string(body)), "sql") {
			t.Errorf("%s: %d %s", path, w.Code, body)
		}
	}
	if w := get(t, h, "/healthz"); w.Code != 503 {
		t.Errorf("healthz on a closed database: %d", w.Code)
	}
}

func TestWriteAPIRateLimit(t *testing.T) {
	st := fixture(t)
	h := newApp(t, st, "s3cret")
	codes := map[int]int{}
	for i := 0; i < 25; i++ {
		req := httptest.NewRequest(http.MethodPost, "/api/articles", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer s3cret")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		codes[w.Code]++
	}
	// The clock stands still: 20 requests pass (and fail validation), 5 are refused.
	if codes[400] != 20 || codes[429] != 5 {
		t.Errorf("status counts %v", codes)
	}
}

func TestPersonEventSearchPages(t *testing.T) {
	h := newApp(t, fixture(t), "")
	d := doc(t, get(t, h, "/people/donald-trump"))
	if d.Find("h1").Text() != "Donald Trump" || !strings.Contains(d.Find("blockquote").Text(), "Great progress was made!") ||
		d.Find("#person-chart").Length() != 1 {
		t.Errorf("person page: %q", d.Find("main").Text())
	}
	if w := get(t, h, "/people/trump"); w.Code != 301 || w.Header().Get("Location") != "/people/donald-trump" {
		t.Errorf("alias: %d %q", w.Code, w.Header().Get("Location"))
	}
	d = doc(t, get(t, h, "/events/2"))
	if !strings.Contains(d.Find(".deadline-panel").Text(), "in 2 days") || d.Find(`a[href^="/articles/1"]`).Length() == 0 ||
		d.Find(`a[href="/stories/deadline"]`).Length() != 1 {
		t.Errorf("event page: %q", d.Find("main").Text())
	}
	d = doc(t, get(t, h, "/search?q=great+progress"))
	if d.Find(".search-hit blockquote").Length() != 1 {
		t.Errorf("search: %q", d.Find("main").Text())
	}
	d = doc(t, get(t, h, "/"))
	card := d.Find(`li.story-card:contains("Deadline")`)
	if card.Find(`a[href="/stories/deadline"]`).Length() != 1 || card.Find(".span-line strong").Text() != "6 Aug 2025 – 8 Aug 2025" ||
		!strings.Contains(card.Find(".lead-deadline").Text(), "next deadline Deadline set by Donald Trump: 8 Aug 2025 · in 2 days") ||
		!strings.Contains(card.Text(), "updated 6 Aug 2025 15:00") {
		t.Errorf("home: %q", strings.Join(strings.Fields(card.Text()), " "))
	}
}

// TestHostileIngestThroughPipeline posts hostile text through the real
// extraction and store, then checks the pages, chart blocks and CSVs it
// reaches.
func TestHostileIngestThroughPipeline(t *testing.T) {
	st := fixture(t)
	h := newApp(t, st, "s3cret")
	text := `MOSCOW, Aug 6 - Envoy ` + evil + ` met officials on Wednesday. ` +
		`"=HYPERLINK(""http://evil.test"",""click"") is all we ask," ` + evil + ` said on Wednesday. ` +
		`"` + evil + `," the Kremlin said.`
	body, _ := json.Marshal(map[string]string{"text": text, "source": "Wire " + evil, "story": "pipeline",
		"published_at": "2025-08-06T10:00:00Z"})
	req := httptest.NewRequest(http.MethodPost, "/api/articles", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer s3cret")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	var res struct{ Articles []handlers.SavedArticle }
	if w.Code != 201 || json.Unmarshal(w.Body.Bytes(), &res) != nil || len(res.Articles) == 0 {
		t.Fatalf("post: %d %s", w.Code, w.Body.String())
	}
	id := res.Articles[0].ID
	paths := []string{"/stories/pipeline", "/embed/stories/pipeline", "/embed/stories/pipeline/speakers",
		"/articles/" + strconv.FormatUint(uint64(id), 10), "/people", "/search?q=kremlin", "/"}
	for _, p := range paths {
		w := get(t, h, p)
		if w.Code != 200 || strings.Contains(w.Body.String(), "<script>alert(1)") {
			t.Errorf("%s: %d or unescaped script", p, w.Code)
		}
	}
	if n := len(readCSV(t, h, "/export/quotes.csv?story=pipeline")); n < 2 {
		t.Errorf("the hostile quotes were not extracted: %d rows", n-1)
	}
	for _, p := range []string{"/export/quotes.csv?story=pipeline", "/export/events.csv?story=pipeline", "/export/articles.csv"} {
		for _, r := range readCSV(t, h, p) {
			for _, cell := range r {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: formula cell %q", p, cell)
				}
			}
		}
	}
}

func TestLongStoryIsCut(t *testing.T) {
	st := fixture(t)
	// Published on the story's second day, so no event is background (a
	// year before the first report).
	pub := time.Date(2024, 1, 2, 15, 0, 0, 0, time.UTC)
	body := "Talks went on day after day."
	a := models.ExtractedArticle{Title: "Long", Source: "Wire One", PublishedAt: &pub, Body: body}
	for i := 0; i < 510; i++ {
		d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02")
		a.Events = append(a.Events, models.ExtractedEvent{Date: d, Granularity: models.GranDay, Kind: models.KindTalks,
			Summary: "Talks on " + d, Sentence: body, Start: 0, End: len(body), Actors: []string{"Negotiator " + d}})
	}
	if _, err := st.SaveArticle(context.Background(), a, store.SaveOptions{StorySlug: "long"}); err != nil {
		t.Fatal(err)
	}
	h := newApp(t, st, "")
	// The story reads in date order, 200 rows a page, with honest counts.
	path := "/stories/long"
	for _, want := range []string{"200 of 510 events", "201–400 of 510 events", "401–510 of 510 events"} {
		d := doc(t, get(t, h, path))
		if got := d.Find(".result-count").Text(); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
		next, _ := d.Find(`a[rel=next]`).Attr("href")
		if want != "401–510 of 510 events" {
			if n := d.Find("li.row").Length(); n != 200 {
				t.Errorf("%s: %d rows", path, n)
			}
			path, _, _ = strings.Cut(next, "#") // the fragment stays in the browser
			continue
		}
		if last := d.Find("li.row").Last().Text(); next != "" || !strings.Contains(last, "Talks on 2025-05-24") {
			t.Errorf("last page: next %q, last row %q", next, last)
		}
	}
	var res struct {
		Events    []models.TimelineEntry
		Truncated bool
	}
	decode(t, get(t, h, "/api/stories/long/events?limit=5"), &res)
	if len(res.Events) != 5 || !res.Truncated || res.Events[4].Event.Date != "2025-05-24" {
		t.Errorf("API limit: %d events, truncated %v", len(res.Events), res.Truncated)
	}
	// The API's pages, followed through "next", hold every event once, in
	// timeline order; the default page is 200.
	var page struct {
		Events    []models.TimelineEntry
		Truncated bool
		Next      string
	}
	decode(t, get(t, h, "/api/stories/long/events"), &page)
	if len(page.Events) != 200 || !page.Truncated || page.Next == "" {
		t.Errorf("default page: %d events, truncated %v, next %q", len(page.Events), page.Truncated, page.Next)
	}
	var dates []string
	next, pages := "/api/stories/long/events?kind=talks&limit=128", 0
	for ; next != "" && pages < 10; pages++ {
		page.Next = ""
		decode(t, get(t, h, next), &page)
		var these []string
		for _, e := range page.Events {
			these = append(these, e.Event.Date)
		}
		dates, next = append(these, dates...), page.Next
		if next != "" && !strings.Contains(next, "kind=talks") {
			t.Errorf("next %q drops the filter", next)
		}
	}
	if pages != 4 || len(dates) != 510 || !slices.IsSorted(dates) || len(slices.Compact(slices.Clone(dates))) != 510 ||
		dates[509] != "2025-05-24" {
		t.Errorf("paging: %d pages, %d events", pages, len(dates))
	}
	for _, bad := range []string{"x", "0", "-1"} {
		if w := get(t, h, "/api/stories/long/events?before="+bad); w.Code != http.StatusBadRequest {
			t.Errorf("before=%s: status %d", bad, w.Code)
		}
	}
	if n := len(readCSV(t, h, "/export/events.csv?story=long")) - 1; n != 510 {
		t.Errorf("the CSV has every event: %d", n)
	}
}
