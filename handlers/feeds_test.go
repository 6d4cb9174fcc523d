package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/handlers"
	"dateline/models"
	"dateline/models/store"
)

// fakePoller stands in for serve's feed poller: it records the feeds it
// was asked to poll and stores a good poll with one new article.
type fakePoller struct {
	st    *store.Store
	mu    sync.Mutex
	asked []uint
}

func (p *fakePoller) poll(ctx context.Context, f models.Feed) (models.Feed, error) {
	p.mu.Lock()
	p.asked = append(p.asked, f.ID)
	p.mu.Unlock()
	f.LastFetchAt, f.LastStatus, f.NewItems = &now, models.FeedOK, 1
	next := now.Add(15 * time.Minute)
	f.NextFetchAt = &next
	return f, p.st.RecordFeedPoll(ctx, f, nil, now)
}

// feedsApp is accountsApp with a poller, and a feed (private, with a
// keyword and an error holding markup) on the story "deadline".
func feedsApp(t *testing.T) (http.Handler, *store.Store, *fakePoller, models.Feed) {
	t.Helper()
	st := fixture(t)
	addUser(t, st, "ann", models.RoleEditor, "correct horse")
	addUser(t, st, "root", models.RoleAdmin, "battery staple")
	p := &fakePoller{st: st}
	h, err := handlers.New(st, handlers.Options{Token: "s3cret", Now: func() time.Time { return now },
		Saver: saver{st}, MaxBodyBytes: 1 << 20, Secret: []byte(testSecret), PollFeed: p.poll})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	f := models.Feed{StorySlug: "deadline", URL: "http://10.0.0.7/wire.xml", AllowPrivate: true, Keywords: []string{"envoy"}}
	if err := st.AddFeed(ctx, &f, now); err != nil {
		t.Fatal(err)
	}
	f.LastFetchAt, f.LastStatus, f.LastError, f.Failures = &now, models.FeedError, "server answered 502 "+evil, 1
	next := now.Add(30 * time.Minute)
	f.NextFetchAt = &next
	if err := st.RecordFeedPoll(ctx, f, nil, now); err != nil {
		t.Fatal(err)
	}
	return h, st, p, f
}

// TestEditPageFeeds: the story's edit page lists its feeds with their
// status, and the forms that manage them, to a signed-in admin only; not
// to an editor, nor to a reader, even on the server's own machine.
func TestEditPageFeeds(t *testing.T) {
	h, _, _, _ := feedsApp(t)
	tests := []struct {
		name, user, pw string
		shown          bool
	}{
		{"admin", "root", "battery staple", true},
		{"editor", "ann", "correct horse", false},
		{"reader on this machine", "", "", false},
	}
	for _, tt := range tests {
		b := newBrowser(t, h)
		if tt.user != "" {
			b.signIn(tt.user, tt.pw)
		}
		w := b.get("/stories/deadline/edit")
		if w.Code != 200 {
			t.Fatalf("%s: %d", tt.name, w.Code)
		}
		d := b.page(w)
		rows := d.Find("table.feeds tbody tr")
		forms := d.Find("form.feed-add, form.feed-poll, form.feed-remove").Length()
		if shown := rows.Length() == 1; shown != tt.shown || strings.Contains(w.Body.String(), "10.0.0.7") != tt.shown ||
			(forms == 3) != tt.shown {
			t.Errorf("%s: feeds shown %v (%d forms), want %v", tt.name, shown, forms, tt.shown)
		}
		if !tt.shown {
			continue
		}
		text := rows.Text()
		for _, want := range []string{"http://10.0.0.7/wire.xml", "keywords: envoy", "may reach private addresses",
			"2025-08-06T12:00:00Z", "2025-08-06T12:30:00Z", "error", "server answered 502 " + evil} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the row lacks %q: %q", tt.name, want, text)
			}
		}
		if strings.Contains(w.Body.String(), "<script>alert") {
			t.Errorf("%s: a feed error is live markup", tt.name)
		}
		if note := d.Find("form.feed-add .notice").Text(); !strings.Contains(note, "security switch, for admins only") {
			t.Errorf("%s: the allow-private switch is not explained: %q", tt.name, note)
		}
	}
}

// feedEdits are the logged changes of feeds, in order.
func feedEdits(t *testing.T, st *store.Store) []string {
	t.Helper()
	edits, err := st.StoryEdits(context.Background(), 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(edits) - 1; i >= 0; i-- {
		if e := edits[i]; e.ObjectType == models.EditStoryFeed {
			out = append(out, e.Username+": "+e.AfterJSON)
		}
	}
	return out
}

// TestAdminManagesFeeds: an admin adds a feed (keyword rules typed one a
// line and with commas, allow-private ticked), polls it now and removes
// it; each change is logged and listed on the edit page.
func TestAdminManagesFeeds(t *testing.T) {
	h, st, p, _ := feedsApp(t)
	b := newBrowser(t, h)
	b.signIn("root", "battery staple")
	tok := b.formCSRF("/stories/deadline/edit", "form.feed-add")
	w := b.post("/stories/deadline/feeds", url.Values{"csrf": {tok}, "url": {" http://127.0.0.1:9/feed.xml "},
		"keywords": {"envoy\ntruce talks, Geneva"}, "allow_private": {"yes"}})
	if w.Code != 303 || !strings.HasPrefix(w.Header().Get("Location"), "/stories/deadline/edit#feed-") {
		t.Fatalf("adding: %d %q %s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	feeds, err := st.StoryFeeds(context.Background(), 1)
	if err != nil || len(feeds) != 2 {
		t.Fatalf("feeds: %+v %v", feeds, err)
	}
	added := feeds[1]
	if added.URL != "http://127.0.0.1:9/feed.xml" || !added.AllowPrivate || strings.Join(added.Keywords, "|") != "envoy|truce talks|Geneva" {
		t.Errorf("stored %+v", added)
	}
	id := "/stories/deadline/feeds/" + itoa(added.ID)
	if w := b.post(id+"/poll", url.Values{"csrf": {tok}}); w.Code != 303 || w.Header().Get("Location") != "/stories/deadline/edit#feed-"+itoa(added.ID) {
		t.Fatalf("polling: %d %s", w.Code, w.Body.String())
	}
	if len(p.asked) != 1 || p.asked[0] != added.ID {
		t.Errorf("polled %v, want [%d]", p.asked, added.ID)
	}
	row := b.page(b.get("/stories/deadline/edit")).Find("#feed-" + itoa(added.ID)).Text()
	if !strings.Contains(row, "ok") || !strings.Contains(row, "2025-08-06T12:15:00Z") {
		t.Errorf("after the poll the row reads %q", row)
	}
	if w := b.post(id+"/remove", url.Values{"csrf": {tok}}); w.Code != 303 || w.Header().Get("Location") != "/stories/deadline/edit#feeds" {
		t.Fatalf("removing: %d %s", w.Code, w.Body.String())
	}
	if feeds, _ := st.StoryFeeds(context.Background(), 1); len(feeds) != 1 {
		t.Errorf("after removing: %+v", feeds)
	}
	log := feedEdits(t, st)
	if len(log) != 3 || !strings.Contains(log[0], `"attached":"yes"`) || !strings.Contains(log[0], `"allow_private":"yes"`) ||
		!strings.Contains(log[1], `"polled":"yes"`) || !strings.Contains(log[2], `"attached":"no"`) {
		t.Errorf("edits log: %q", log)
	}
	changes := b.page(b.get("/stories/deadline/edit")).Find("ol.corrections").Text()
	for _, want := range []string{"added feed " + itoa(added.ID), "polled feed " + itoa(added.ID) + " (http://127.0.0.1:9/feed.xml): ok, 1 new article(s)",
		"removed feed " + itoa(added.ID), "by root"} {
		if !strings.Contains(changes, want) {
			t.Errorf("the edit page's changes lack %q: %q", want, changes)
		}
	}
}

// TestFeedFormsRefused: editors, readers (even with the access token, on
// this machine), forms without the session's token or from another site,
// and a bad feed are refused with a clear answer, and change and log
// nothing.
func TestFeedFormsRefused(t *testing.T) {
	h, st, p, f := feedsApp(t)
	root, ann, reader := newBrowser(t, h), newBrowser(t, h), newBrowser(t, h)
	root.signIn("root", "battery staple")
	ann.signIn("ann", "correct horse")
	rootTok := root.formCSRF("/stories/deadline/edit", "form.feed-add")
	annTok := ann.formCSRF("/stories/deadline/edit", "form.stack")
	readerTok := reader.formCSRF("/login", "form.login")
	feed := "/stories/deadline/feeds/" + itoa(f.ID)
	good := url.Values{"url": {"https://wire.example/feed.xml"}}
	with := func(v url.Values, k, val string) url.Values {
		out := url.Values{}
		for kk, vv := range v {
			out[kk] = vv
		}
		out.Set(k, val)
		return out
	}
	tests := []struct {
		name string
		b    *browser
		path string
		v    url.Values
		hdr  map[string]string
		code int
		want string
	}{
		{"editor adds", ann, "/stories/deadline/feeds", with(good, "csrf", annTok), nil, 403, "for admins; ann is an editor"},
		{"editor polls", ann, feed + "/poll", url.Values{"csrf": {annTok}}, nil, 403, "for admins"},
		{"editor removes", ann, feed + "/remove", url.Values{"csrf": {annTok}}, nil, 403, "for admins"},
		{"reader adds with the token", reader, "/stories/deadline/feeds", with(with(good, "csrf", readerTok), "token", "s3cret"), nil, 403, "Sign in as an admin"},
		{"reader polls", reader, feed + "/poll", url.Values{"csrf": {readerTok}, "token": {"s3cret"}}, nil, 403, "Sign in as an admin"},
		{"reader removes", reader, feed + "/remove", url.Values{"csrf": {readerTok}, "token": {"s3cret"}}, nil, 403, "Sign in as an admin"},
		{"no form token", root, "/stories/deadline/feeds", good, nil, 403, "out of date"},
		{"no form token, poll", root, feed + "/poll", url.Values{}, nil, 403, "out of date"},
		{"no form token, remove", root, feed + "/remove", url.Values{"csrf": {""}}, nil, 403, "out of date"},
		{"another site", root, "/stories/deadline/feeds", with(good, "csrf", rootTok), map[string]string{"Origin": "https://evil.test"}, 403, "https://evil.test, not from this site"},
		{"another site, poll", root, feed + "/poll", url.Values{"csrf": {rootTok}}, map[string]string{"Origin": "https://evil.test"}, 403, "not from this site"},
		{"another site, remove", root, feed + "/remove", url.Values{"csrf": {rootTok}}, map[string]string{"Referer": "https://evil.test/x"}, 403, "not from this site"},
		{"no Origin", root, feed + "/remove", url.Values{"csrf": {rootTok}}, map[string]string{}, 403, "did not say where it was"},
		{"bad address", root, "/stories/deadline/feeds", url.Values{"csrf": {rootTok}, "url": {"ftp://wire.example/feed"}, "keywords": {"envoy"}}, nil, 400, "ftp://wire.example/feed: want an http or https URL"},
		{"no address", root, "/stories/deadline/feeds", url.Values{"csrf": {rootTok}, "url": {" "}}, nil, 400, "want an http or https URL"},
		{"script address", root, "/stories/deadline/feeds", url.Values{"csrf": {rootTok}, "url": {"javascript:alert(1)"}}, nil, 400, "want an http or https URL"},
		{"the same feed again", root, "/stories/deadline/feeds", url.Values{"csrf": {rootTok}, "url": {f.URL}}, nil, 409, "has the feed http://10.0.0.7/wire.xml already"},
		{"another story's feed", root, "/stories/deadline/feeds/999/poll", url.Values{"csrf": {rootTok}}, nil, 404, "no feed 999"},
	}
	for _, tt := range tests {
		hdr := tt.hdr
		if hdr == nil {
			hdr = map[string]string{"Origin": site}
		}
		w := tt.b.do(http.MethodPost, tt.path, tt.v, hdr)
		if w.Code != tt.code || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("%s: %d, want %d with %q: %.300s", tt.name, w.Code, tt.code, tt.want, w.Body.String())
		}
	}
	// A bad address shows the form again, with what was typed.
	w := root.post("/stories/deadline/feeds", url.Values{"csrf": {rootTok}, "url": {"ftp://wire.example/feed"}, "keywords": {"envoy, truce"}, "allow_private": {"yes"}})
	d := root.page(w)
	if v, _ := d.Find(`form.feed-add input[name=url]`).Attr("value"); v != "ftp://wire.example/feed" ||
		d.Find(`form.feed-add textarea[name=keywords]`).Text() != "envoy, truce" ||
		d.Find(`form.feed-add input[name=allow_private][checked]`).Length() != 1 ||
		!strings.Contains(d.Find("form.feed-add .error-box").Text(), "want an http or https URL") {
		t.Errorf("the refused form is not shown again as typed")
	}
	feeds, err := st.StoryFeeds(context.Background(), 1)
	if err != nil || len(feeds) != 1 || feeds[0].LastStatus != models.FeedError {
		t.Errorf("refused forms changed the feeds: %+v %v", feeds, err)
	}
	if len(p.asked) != 0 {
		t.Errorf("refused forms polled %v", p.asked)
	}
	if log := feedEdits(t, st); len(log) != 0 {
		t.Errorf("refused forms were logged: %q", log)
	}
}

func itoa(n uint) string { return strconv.FormatUint(uint64(n), 10) }
