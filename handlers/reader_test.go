package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"dateline/models"
	"dateline/models/store"
)

// readerEvent is one event of a reader-view fixture, reported by one
// article of each outlet in outlets, reports times over.
type readerEvent struct {
	date, gran, kind, summary string
	outlets                   []string
	reports                   int
}

// readerStory saves the events in story "r" (one article per report) and
// returns the app serving it, read at now (6 Aug 2025, noon).
func readerStory(t *testing.T, events []readerEvent) (*store.Store, http.Handler) {
	t.Helper()
	st, err := openFixtureStore(t, filepath.Join(t.TempDir(), "reader.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var arts []models.ExtractedArticle
	pub := time.Date(2025, 7, 1, 10, 0, 0, 0, time.UTC)
	for i, ev := range events {
		for _, outlet := range ev.outlets {
			for r := 0; r < max(ev.reports, 1); r++ {
				body := fmt.Sprintf("Report %d of %s by %s. %s.", r, ev.summary, outlet, ev.summary)
				p := pub.Add(time.Duration(len(arts)) * time.Hour)
				arts = append(arts, models.ExtractedArticle{Title: fmt.Sprintf("%s %d %d", outlet, i, r), Source: outlet,
					PublishedAt: &p, PublishedPrecision: models.PrecHour, Body: body,
					Events: []models.ExtractedEvent{{Date: ev.date, Granularity: ev.gran, Kind: ev.kind, Summary: ev.summary,
						Sentence: ev.summary + ".", Start: 0, End: len(body), Actors: []string{fmt.Sprintf("Envoy %d", i)}}}})
			}
		}
	}
	if _, err := st.SaveArticles(context.Background(), arts, store.SaveOptions{StorySlug: "r"}); err != nil {
		t.Fatal(err)
	}
	return st, newApp(t, st, "")
}

// pageOf gets a page that must answer 200.
func pageOf(t *testing.T, h http.Handler, path string) *goquery.Document {
	t.Helper()
	w := get(t, h, path)
	if w.Code != 200 {
		t.Fatalf("%s: %d %s", path, w.Code, w.Body.String())
	}
	return doc(t, w)
}

// TestReaderKeyEvents: the key events are those most outlets report,
// deadlines and pins; each reads its reports once; foreseen and future
// events go ahead, out of the span; a month-dated event sits in its
// month's band.
func TestReaderKeyEvents(t *testing.T) {
	events := []readerEvent{
		{"2025-07-02", models.GranDay, models.KindMeeting, "Envoy meets minister", []string{"Alpha", "Beta", "Gamma"}, 1},
		{"2025-07-03", models.GranDay, models.KindTalks, "Talks in Geneva", []string{"Wire"}, 12},
		{"2025-07-08", models.GranDay, models.KindDeadline, "Deadline for a ceasefire", []string{"Alpha"}, 1},
		{"2025-07", models.GranMonth, models.KindStatement, "Ministers speak of July", []string{"Alpha"}, 1},
		{"2027-04", models.GranMonth, models.KindMeeting, "A summit could take place in April", []string{"Alpha", "Beta"}, 1},
		{"2025-07-05", models.GranDay, models.KindMeeting, "A visit could follow", []string{"Alpha", "Beta", "Gamma"}, 2},
	}
	for i := 0; i < 10; i++ {
		events = append(events, readerEvent{fmt.Sprintf("2025-07-%02d", 10+i), models.GranDay, models.KindCall,
			fmt.Sprintf("Minor call %d", i), []string{"Wire"}, 1})
	}
	st, h := readerStory(t, events)
	ctx := context.Background()
	story, _ := st.StoryBySlug(ctx, "r")
	tl, _ := st.Timeline(ctx, story, models.Filter{Kind: models.KindCall})
	if err := st.SetEventState(ctx, story.ID, tl[len(tl)-1].Event.ID, models.StoryEventPinned); err != nil {
		t.Fatal(err)
	}
	d := pageOf(t, h, "/stories/r")
	var keys []string
	d.Find("li.key .summary").Each(func(_ int, s *goquery.Selection) { keys = append(keys, s.Text()) })
	got := strings.Join(keys, "|")
	if len(keys) != 9 || keys[0] != "Minor call 9" {
		t.Errorf("key events %q, want the pinned call first and 8 more", got)
	}
	for _, want := range []string{"Envoy meets minister", "Talks in Geneva", "Deadline for a ceasefire"} {
		if !strings.Contains(got, want) {
			t.Errorf("key events %q lack %q", got, want)
		}
	}
	tests := []struct{ sel, want string }{
		{`li.key:contains("Envoy meets minister") .report-line`, "reported by 3 articles from 3 outlets, first on 1 Jul 2025 10:00: Alpha, Beta, Gamma"},
		{`li.key:contains("Talks in Geneva") .report-line`, "reported by 12 articles from 1 outlet, first on 1 Jul 2025 13:00: Wire"},
		{".span-line strong", "2 Jul 2025 – 19 Jul 2025"},
		{".ahead", "A summit could take place in April"},
		{".ahead", "A visit could follow"},
		{".month .band", "Ministers speak of July"},
	}
	for _, tt := range tests {
		if got := strings.Join(strings.Fields(d.Find(tt.sel).Text()), " "); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.sel, got, tt.want)
		}
	}
	if d.Find(".month li.row:contains('could')").Length() != 0 || d.Find("li.key:contains('could')").Length() != 0 {
		t.Error("a foreseen event is counted among what happened")
	}
	if n := d.Find(".month > h3").Length(); n != 1 || d.Find(".month h4:contains('week')").Length() != 0 {
		t.Errorf("%d month headings; a coarse date among the days: %d", n, d.Find(".month h4:contains('week')").Length())
	}
	// The event page gives each distinct sentence once with its outlets.
	id, _ := d.Find(`li.key:contains("Talks in Geneva") .summary a`).Attr("href")
	ev := pageOf(t, h, id)
	if cards := ev.Find(".evidence"); cards.Length() != 1 || !strings.Contains(cards.Text(), "In 12 articles from Wire") {
		t.Errorf("%s: %d evidence cards: %q", id, cards.Length(), cards.Text())
	}
}

// TestReaderFacetsAndSearch: the menus count every event of the story,
// not the page shown; a search marks its words in escaped text, keeps
// date order and says how many of how many it shows.
func TestReaderFacetsAndSearch(t *testing.T) {
	var events []readerEvent
	for i := 0; i < 230; i++ {
		day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/2).Format("2006-01-02")
		events = append(events, readerEvent{day, models.GranDay, models.KindTalks, fmt.Sprintf("Round %d of talks", i), []string{"Wire"}, 1})
	}
	events = append(events,
		readerEvent{"2025-07-30", models.GranDay, models.KindStatement, `A <b>bold</b> "statement" & <script>alert(1)</script>`, []string{"Late Outlet"}, 1})
	_, h := readerStory(t, events)
	d := pageOf(t, h, "/stories/r")
	facets := map[string]string{}
	d.Find("form.filters select").Each(func(_ int, s *goquery.Selection) {
		var opts []string
		s.Find("option").Each(func(i int, o *goquery.Selection) {
			if i > 0 {
				opts = append(opts, o.Text())
			}
		})
		facets[s.AttrOr("name", "")] = strings.Join(opts, "|")
	})
	want := map[string]string{"kind": "talks (230)|statement (1)", "outlet": "Wire (230)|Late Outlet (1)",
		"month": "March 2025 (62)|April 2025 (60)|May 2025 (62)|June 2025 (46)|July 2025 (1)"}
	for name, w := range want {
		if facets[name] != w {
			t.Errorf("%s menu %q, want %q", name, facets[name], w)
		}
	}
	if got := d.Find(".result-count").Text(); !strings.Contains(got, "200 of 231 events") {
		t.Errorf("count %q", got)
	}
	tests := []struct {
		q, count string
		marks    int
		first    string
	}{
		{"round 122", "1 event match “round 122”", 2, "Round 122 of talks"},
		{"round 12", "11 events match “round 12”", 22, "Round 12 of talks"},
		{"ROUND", "200 of 230 events match “ROUND”", 200, "Round 0 of talks"},
		{"<b>bold</b>", "1 event match “<b>bold</b>”", 1, `A <b>bold</b> "statement" & <script>alert(1)</script>`},
		{"old", "No events match “old”", 0, ""},
		{"bold <script>alert(1)</script>", "1 event match", 2, `A <b>bold</b> "statement" & <script>alert(1)</script>`},
		{`"statement" &`, "1 event match", 2, `A <b>bold</b> "statement" & <script>alert(1)</script>`},
		{"(((", "No events match", 0, ""},
	}
	for _, tt := range tests {
		w := get(t, h, "/stories/r?q="+url.QueryEscape(tt.q))
		body := w.Body.String()
		if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "<b>bold") {
			t.Errorf("%q: user text rendered as markup", tt.q)
		}
		d := doc(t, w)
		if got := d.Find(".result-count").Text(); !strings.Contains(got, tt.count) {
			t.Errorf("%q: count %q, want %q", tt.q, got, tt.count)
		}
		if n := d.Find(".month li.row mark").Length(); n != tt.marks {
			t.Errorf("%q: %d marks, want %d", tt.q, n, tt.marks)
		}
		if got := d.Find(".month li.row a").First().Text(); got != tt.first {
			t.Errorf("%q: first result %q, want %q", tt.q, got, tt.first)
		}
	}
	// A facet narrows to the events beyond the first page too.
	if got := pageOf(t, h, "/stories/r?outlet=Late+Outlet").Find(".month li.row").Text(); !strings.Contains(got, "bold") {
		t.Errorf("outlet facet: %q", got)
	}
	if w := get(t, h, "/stories/r?q="+strings.Repeat("x", 201)); w.Code != 400 {
		t.Errorf("overlong search: %d", w.Code)
	}
}

// TestHomeStories: the home page sums up each story once, the most
// recently reported first, with its span, last update, deadline and key
// event, however many events another story has.
func TestHomeStories(t *testing.T) {
	var events []readerEvent
	for i := 0; i < 300; i++ {
		events = append(events, readerEvent{fmt.Sprintf("2025-06-%02d", 1+i%28), models.GranDay, models.KindTalks,
			fmt.Sprintf("Big story round %d", i), []string{"Wire"}, 1})
	}
	st, h := readerStory(t, events)
	pub := time.Date(2025, 8, 5, 9, 0, 0, 0, time.UTC)
	body := "The ministry set a deadline for 9 August."
	small := models.ExtractedArticle{Title: "Small", Source: "Gazette", PublishedAt: &pub, PublishedPrecision: models.PrecHour, Body: body,
		Events: []models.ExtractedEvent{{Date: "2025-08-09", Granularity: models.GranDay, Kind: models.KindDeadline,
			Summary: "Ministry deadline", Sentence: body, End: len(body), Deadline: &models.Deadline{SetBy: "the ministry"}}}}
	if _, err := st.SaveArticle(context.Background(), small, store.SaveOptions{StorySlug: "small"}); err != nil {
		t.Fatal(err)
	}
	d := pageOf(t, h, "/")
	cards := d.Find("li.story-card")
	if cards.Length() != 2 || d.Find(`a[href="/stories/small"]`).Length() != 1 || d.Find(`a[href="/stories/r"]`).Length() != 1 {
		t.Fatalf("%d story cards: %q", cards.Length(), d.Find("main").Text())
	}
	tests := []struct {
		card int
		want []string
	}{
		{0, []string{"9 Aug 2025", "1 event", "updated 5 Aug 2025 09:00", "next deadline", "in 3 days", "Ministry deadline"}},
		{1, []string{"1 Jun 2025 – 28 Jun 2025", "300 events", "Key event: Big story round"}},
	}
	for _, tt := range tests {
		text := strings.Join(strings.Fields(cards.Eq(tt.card).Text()), " ")
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("card %d: %q lacks %q", tt.card, text, w)
			}
		}
	}
	if n := d.Find(`a[href^="/events/"]`).Length(); n != 2 {
		t.Errorf("%d event links on the home page, want one key event per story", n)
	}
}

// TestReaderBackground: events dated more than a year before the story's
// first report are listed apart, out of the span, the rows and the chart.
func TestReaderBackground(t *testing.T) {
	_, h := readerStory(t, []readerEvent{
		{"1994", models.GranYear, models.KindAgreement, "The 1994 memorandum", []string{"Alpha"}, 1},
		{"2025-07-02", models.GranDay, models.KindMeeting, "Envoy meets minister", []string{"Alpha"}, 1},
		{"2025-07-04", models.GranDay, models.KindTalks, "Talks resume", []string{"Alpha"}, 1},
	})
	d := pageOf(t, h, "/stories/r")
	if got := d.Find(".span-line strong").Text(); got != "2 Jul 2025 – 4 Jul 2025" {
		t.Errorf("span %q", got)
	}
	if bg := d.Find("details.background"); !strings.Contains(bg.Text(), "The 1994 memorandum") || d.Find(".month li.row").Length() != 2 {
		t.Errorf("background %q, %d rows", bg.Text(), d.Find(".month li.row").Length())
	}
	if strings.Contains(d.Find("script.chart-data").First().Text(), "1994") {
		t.Error("the background stretches the chart")
	}
}

// TestReaderEditorControls: a reader who has not signed in sees no pin
// and hide forms, no token box and no CAMEO codes, wherever they read from
// (signed-in editors get them: TestReaderAndEditorViews).
func TestReaderEditorControls(t *testing.T) {
	st := fixture(t)
	tests := []struct {
		name, token, remote string
		forms               bool
	}{
		// editing controls are for signed-in editors only (accounts_test.go),
		// even on the server's own machine with no token set
		{"local, no token", "", "127.0.0.1:40000", false},
		{"local, token set", "s3cret", "127.0.0.1:40000", false},
		{"remote", "", "203.0.113.9:40000", false},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "/stories/deadline", nil)
		req.RemoteAddr, req.Host = tt.remote, "127.0.0.1:8080"
		w := httptest.NewRecorder()
		newApp(t, st, tt.token).ServeHTTP(w, req)
		if w.Code != 200 {
			t.Fatalf("%s: %d", tt.name, w.Code)
		}
		d := doc(t, w)
		if got := d.Find("li.row form.row-tools").Length() > 0; got != tt.forms || d.Find(`input[name=token]`).Length() != 0 {
			t.Errorf("%s: forms %v, want %v; token boxes %d", tt.name, got, tt.forms, d.Find(`input[name=token]`).Length())
		}
		if strings.Contains(d.Text(), "CAMEO") {
			t.Errorf("%s: CAMEO codes on the reader's page", tt.name)
		}
	}
}

// TestReaderOverview: the overview chart counts every event of the story,
// not the page listed, by period and kind, and a bar opens its month.
func TestReaderOverview(t *testing.T) {
	var events []readerEvent
	for i := 0; i < 230; i++ {
		day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/2).Format("2006-01-02")
		events = append(events, readerEvent{day, models.GranDay, []string{models.KindTalks, models.KindCall}[i%2],
			fmt.Sprintf("Round %d", i), []string{"Wire"}, 1})
	}
	_, h := readerStory(t, events)
	var overview struct {
		Option struct {
			Series []struct {
				Name, Stack string
				Data        []struct{ Value int }
			}
		}
		Links [][]string
	}
	found := false
	pageOf(t, h, "/stories/r").Find("script.chart-data").Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(s.Text(), `"kind":"overview"`) {
			found = json.Unmarshal([]byte(s.Text()), &overview) == nil
		}
	})
	total := 0
	for _, s := range overview.Option.Series {
		for _, d := range s.Data {
			total += d.Value
		}
	}
	if !found || total != 230 || len(overview.Option.Series) != 2 || overview.Option.Series[0].Stack != "events" {
		t.Fatalf("overview: found %v, %d events in %d series", found, total, len(overview.Option.Series))
	}
	for i, s := range overview.Option.Series {
		if want := "/stories/r?kind=" + s.Name + "&month=2025-03"; overview.Links[i][0] != want {
			t.Errorf("first %s bar opens %q, want %q", s.Name, overview.Links[i][0], want)
		}
	}
}
