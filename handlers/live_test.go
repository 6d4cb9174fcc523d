package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"dateline/models"
	"dateline/models/store"
)

type versionJSON struct {
	Story   string `json:"story"`
	Version string `json:"version"`
	Events  int64  `json:"events"`
}

func version(t *testing.T, st *store.Store, slug string) versionJSON {
	t.Helper()
	w := get(t, newApp(t, st, ""), "/api/stories/"+slug+"/version")
	if w.Code != 200 || w.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("version of %s: %d %q", slug, w.Code, w.Header().Get("Cache-Control"))
	}
	var v versionJSON
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestStoryVersionEndpoint: the stamp stays while nothing changes and
// moves with a new event; an unknown story is a 404.
func TestStoryVersionEndpoint(t *testing.T) {
	st := fixture(t)
	v1 := version(t, st, "deadline")
	if v1.Story != "deadline" || v1.Version == "" || v1.Events != 3 {
		t.Fatalf("version: %+v", v1)
	}
	if v := version(t, st, "deadline"); v != v1 {
		t.Errorf("unchanged story: %+v -> %+v", v1, v)
	}
	pub := time.Date(2025, 8, 7, 9, 0, 0, 0, time.UTC)
	body := "The ministers met in Geneva on Thursday."
	a := models.ExtractedArticle{Title: "Geneva", Source: "Wire One", URL: "https://example.test/9", PublishedAt: &pub, Body: body,
		Events: []models.ExtractedEvent{{Date: "2025-08-07", Granularity: models.GranDay, Kind: models.KindMeeting,
			Summary: "Ministers meet in Geneva", Sentence: body, Start: 0, End: len(body)}}}
	if _, err := st.SaveArticle(context.Background(), a, store.SaveOptions{StorySlug: "deadline"}); err != nil {
		t.Fatal(err)
	}
	if v := version(t, st, "deadline"); v.Version == v1.Version || v.Events != 4 {
		t.Errorf("after a new event: %+v -> %+v", v1, v)
	}
	if w := get(t, newApp(t, st, ""), "/api/stories/nope/version"); w.Code != 404 {
		t.Errorf("unknown story: %d", w.Code)
	}
}

// TestStoryAtomEndpoint reads the story's Atom feed back with encoding/xml:
// entries for the events and the deadline, hostile text escaped; the
// story page links to it and carries the live notice, embeds the reload
// marker, both with the script the app serves.
func TestStoryAtomEndpoint(t *testing.T) {
	st := fixture(t)
	h := newApp(t, st, "")
	for _, slug := range []string{"deadline", "hostile"} {
		w := get(t, h, "/stories/"+slug+"/feed.atom")
		if w.Code != 200 || w.Header().Get("Content-Type") != "application/atom+xml; charset=utf-8" {
			t.Fatalf("%s: %d %q", slug, w.Code, w.Header().Get("Content-Type"))
		}
		if strings.Contains(w.Body.String(), "<script>") {
			t.Errorf("%s: a live script tag in the feed", slug)
		}
		var f struct {
			Title   string `xml:"title"`
			Entries []struct {
				ID      string `xml:"id"`
				Title   string `xml:"title"`
				Updated string `xml:"updated"`
				Link    struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		d := xml.NewDecoder(bytes.NewReader(w.Body.Bytes()))
		d.Strict = true
		if err := d.Decode(&f); err != nil {
			t.Fatalf("%s: not well-formed: %v", slug, err)
		}
		var titles []string
		for _, e := range f.Entries {
			if e.ID == "" || e.Updated == "" || !strings.HasPrefix(e.Link.Href, "http://example.com/") {
				t.Errorf("%s: entry %+v", slug, e)
			}
			titles = append(titles, e.Title)
		}
		all := strings.Join(titles, "\n")
		switch slug {
		case "deadline":
			if len(f.Entries) != 4 || !strings.Contains(all, "Envoy meets Putin") || !strings.Contains(all, "Deadline set by Donald Trump: set, due 8 Aug 2025") {
				t.Errorf("deadline entries:\n%s", all)
			}
		case "hostile":
			if f.Title != "Story "+evil+" · dateline" || !strings.Contains(all, "Statement "+evil) {
				t.Errorf("hostile feed: %q\n%s", f.Title, all)
			}
		}
	}
	if w := get(t, h, "/stories/nope/feed.atom"); w.Code != 404 {
		t.Errorf("unknown story: %d", w.Code)
	}
	page := doc(t, get(t, h, "/stories/deadline"))
	if href, _ := page.Find(`head link[rel="alternate"][type="application/atom+xml"]`).Attr("href"); href != "/stories/deadline/feed.atom" {
		t.Errorf("no Atom link in the page's head: %q", href)
	}
	if v, _ := page.Find(`p.live[role="status"][hidden]`).Attr("data-live-version"); v != "/api/stories/deadline/version" {
		t.Errorf("no live notice: %q", v)
	}
	for _, path := range []string{"/stories/deadline", "/embed/stories/deadline", "/embed/stories/deadline/timeline", "/embed/stories/deadline/deadline"} {
		d := doc(t, get(t, h, path))
		if d.Find(`script[src^="/static/live.js?v="]`).Length() != 1 {
			t.Errorf("%s: live.js not loaded once", path)
		}
		if strings.HasPrefix(path, "/embed/") {
			if m, _ := d.Find("[data-live-version]").Attr("data-live-mode"); m != "reload" {
				t.Errorf("%s: no reload marker", path)
			}
		}
	}
	if w := get(t, h, "/static/live.js"); w.Code != 200 || !strings.Contains(w.Body.String(), "data-live-version") {
		t.Errorf("live.js: %d", w.Code)
	}
}
