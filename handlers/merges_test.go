package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"dateline/models"
	"dateline/models/store"
)

// hiddenFields reads every named input of the first form matching sel on path.
func hiddenFields(t *testing.T, b *browser, path, sel string) url.Values {
	t.Helper()
	w := b.get(path)
	if w.Code != http.StatusOK {
		t.Fatalf("%s: %d %s", path, w.Code, w.Body.String())
	}
	v := url.Values{}
	b.page(w).Find(sel + ` input[type=hidden]`).Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		val, _ := s.Attr("value")
		v.Set(name, val)
	})
	if v.Get("csrf") == "" {
		t.Fatalf("%s: no form %s with a csrf field", path, sel)
	}
	return v
}

func TestMergeEventForm(t *testing.T) {
	clock := now
	h, _ := accountsApp(t, &clock)
	reader, ann, root := newBrowser(t, h), newBrowser(t, h), newBrowser(t, h)
	if w := reader.get("/events/1/merge?other=4"); w.Code != 303 || !strings.HasPrefix(w.Header().Get("Location"), "/login?next=") {
		t.Errorf("reader asking for the merge form: %d to %q", w.Code, w.Header().Get("Location"))
	}
	d := reader.page(reader.get("/events/1"))
	if d.Find(`a[href^="/events/1/merge"], a[href^="/events/1/split"]`).Length() != 0 {
		t.Errorf("the reader is offered merge or split")
	}
	ann.signIn("ann", "correct horse")
	root.signIn("root", "battery staple")
	if n := ann.page(ann.get("/events/1")).Find(`a[href^="/events/1/merge"], a[href^="/events/1/split"]`).Length(); n != 2 {
		t.Errorf("the editor sees %d merge and split links, want 2", n)
	}
	for _, tt := range []struct {
		other string
		code  int
		want  string
	}{
		{"1", 400, "That is this event"},
		{"99999", 404, "There is no event 99999"},
		{"x", 400, "is not an event number"},
	} {
		w := ann.get("/events/1/merge?other=" + tt.other)
		if w.Code != tt.code || !strings.Contains(ann.page(w).Find(".error-box").Text(), tt.want) {
			t.Errorf("merge form for %q: %d %q", tt.other, w.Code, ann.page(w).Find(".error-box").Text())
		}
	}
	annForm := hiddenFields(t, ann, "/events/1/merge?other=4&back=%2Fevents%2F1", "form.event-merge")
	rootForm := hiddenFields(t, root, "/events/1/merge?other=3", "form.event-merge")
	if annForm.Get("version") != "0" || annForm.Get("other_version") != "0" || annForm.Get("other") != "4" || annForm.Get("back") != "/events/1" {
		t.Fatalf("merge form: %v", annForm)
	}
	refused := []struct {
		name string
		b    *browser
		set  map[string]string
		code int
	}{
		{"reader", reader, nil, 403},
		{"no form token", ann, map[string]string{"csrf": ""}, 403},
		{"no version", ann, map[string]string{"version": ""}, 400},
		{"no other version", ann, map[string]string{"other_version": "x"}, 400},
		{"stale other", ann, map[string]string{"other_version": "3"}, 409},
	}
	for _, tt := range refused {
		v := url.Values{}
		for k := range annForm {
			v.Set(k, annForm.Get(k))
		}
		for k, val := range tt.set {
			v.Set(k, val)
		}
		if w := tt.b.post("/events/1/merge", v); w.Code != tt.code {
			t.Errorf("%s: %d, want %d", tt.name, w.Code, tt.code)
		}
	}
	if w := ann.post("/events/1/merge", annForm); w.Code != 303 || w.Header().Get("Location") != "/events/1#corrections" {
		t.Fatalf("merge: %d %s", w.Code, w.Body.String())
	}
	// Root's form started from event 1 at version 0: refused, both shown as they are now.
	w := root.post("/events/1/merge", rootForm)
	d = root.page(w)
	if v, _ := d.Find(`form.event-merge input[name=version]`).Attr("value"); w.Code != http.StatusConflict || v != "1" || d.Find(".conflict").Length() != 1 {
		t.Errorf("stale merge: %d, version in the new form %q", w.Code, v)
	}
	// The merged event's page leads to the kept one; the kept one shows the merge.
	if w := reader.get("/events/4?page=2"); w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "/events/1" {
		t.Errorf("merged event's page: %d to %q", w.Code, w.Header().Get("Location"))
	}
	d = reader.page(reader.get("/events/1"))
	if log := d.Find(`#corrections + ol.corrections`).Text(); !strings.Contains(log, "merged in “” → “event 4: Statement") ||
		d.Find(".lede .corrected").Length() != 1 || d.Find(".card").Length() != 2 {
		t.Errorf("kept event page: log %q, %d reports", log, d.Find(".card").Length())
	}
	csv := reader.get("/export/events.csv").Body.String()
	if strings.Contains(csv, "Statement") || !strings.Contains(csv, "Envoy meets Putin") {
		t.Errorf("export after the merge:\n%s", csv)
	}
}

func TestSplitEventForm(t *testing.T) {
	clock := now
	h, st := accountsApp(t, &clock)
	pub := time.Date(2025, 8, 6, 18, 0, 0, 0, time.UTC)
	body := "Putin also received Lavrov on Wednesday."
	r, err := st.SaveArticle(context.Background(), models.ExtractedArticle{Title: "Lavrov too", Source: "Wire Two", PublishedAt: &pub, Body: body,
		Events: []models.ExtractedEvent{{Date: "2025-08-06", Granularity: models.GranDay, Kind: models.KindMeeting, Summary: "Putin meets",
			Sentence: body, Start: 0, End: len(body), Actors: []string{"Vladimir Putin"}}}}, store.SaveOptions{StorySlug: "deadline"})
	if err != nil {
		t.Fatal(err)
	}
	lavrov := strconv.FormatUint(uint64(r.ArticleID), 10)
	reader, ann, root := newBrowser(t, h), newBrowser(t, h), newBrowser(t, h)
	if w := reader.get("/events/1/split"); w.Code != 303 {
		t.Errorf("reader asking for the split form: %d", w.Code)
	}
	ann.signIn("ann", "correct horse")
	root.signIn("root", "battery staple")
	form := func(b *browser) url.Values {
		v := hiddenFields(t, b, "/events/1/split?back=%2Fevents%2F1", "form.event-split")
		if n := b.page(b.get("/events/1/split")).Find(`form.event-split input[name=article]`).Length(); n != 2 {
			t.Fatalf("split form lists %d reports, want 2", n)
		}
		v.Set("summary", "Putin meets Lavrov")
		v.Set("date", "2025-08-06")
		v.Set("kind", "meeting")
		v.Set("actors", "Vladimir Putin\nSergei Lavrov")
		v["article"] = []string{lavrov}
		return v
	}
	annForm, rootForm := form(ann), form(root)
	refused := []struct {
		name     string
		b        *browser
		set      map[string]string
		articles []string
		code     int
		want     string
	}{
		{"reader", reader, nil, []string{lavrov}, 403, ""},
		{"none ticked", ann, nil, nil, 400, "choose 1 to"},
		{"every report", ann, nil, []string{"1", lavrov}, 400, "leave at least one report"},
		{"bad date", ann, map[string]string{"date": "soon"}, []string{lavrov}, 400, "write 2025-08-08"},
		{"not a number", ann, nil, []string{"x"}, 400, ""},
	}
	for _, tt := range refused {
		v := url.Values{}
		for k := range annForm {
			v.Set(k, annForm.Get(k))
		}
		for k, val := range tt.set {
			v.Set(k, val)
		}
		v["article"] = tt.articles
		w := tt.b.post("/events/1/split", v)
		if w.Code != tt.code || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("%s: %d, want %d with %q", tt.name, w.Code, tt.code, tt.want)
		}
	}
	if w := ann.post("/events/1/split", annForm); w.Code != 303 || w.Header().Get("Location") != "/events/1#corrections" {
		t.Fatalf("split: %d %s", w.Code, w.Body.String())
	}
	w := root.post("/events/1/split", rootForm)
	d := root.page(w)
	checked, _ := d.Find(`input[name=article][value="` + lavrov + `"]`).Attr("checked")
	if w.Code != http.StatusConflict || d.Find(".conflict").Length() != 1 || d.Find(`input[name=article]`).Length() != 1 {
		t.Errorf("stale split: %d, %d reports listed, checked %q", w.Code, d.Find(`input[name=article]`).Length(), checked)
	}
	d = reader.page(reader.get("/events/1"))
	if log := d.Find(`#corrections + ol.corrections`).Text(); !strings.Contains(log, "split off “” → “event ") || d.Find(".card").Length() != 1 {
		t.Errorf("event page after the split: log %q, %d reports", log, d.Find(".card").Length())
	}
	d = reader.page(reader.get("/articles/" + lavrov))
	if !strings.Contains(d.Text(), "Putin meets Lavrov") {
		t.Errorf("the split-off article does not show its new event")
	}
}
