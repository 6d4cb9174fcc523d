package handlers_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// editForm reads the correction form of event 1: its csrf and version.
func editForm(t *testing.T, b *browser) url.Values {
	t.Helper()
	d := b.page(b.get("/events/1/edit"))
	f := d.Find(`form.event-edit`)
	v := url.Values{}
	for _, name := range []string{"csrf", "version", "summary", "date", "kind"} {
		val, ok := f.Find(`input[name=` + name + `]`).Attr("value")
		if !ok {
			t.Fatalf("correction form has no %s field", name)
		}
		v.Set(name, val)
	}
	v.Set("actors", f.Find(`textarea[name=actors]`).Text())
	return v
}

func TestCorrectEventForm(t *testing.T) {
	clock := now
	h, _ := accountsApp(t, &clock)
	reader, ann, root := newBrowser(t, h), newBrowser(t, h), newBrowser(t, h)
	if w := reader.get("/events/1/edit"); w.Code != 303 || w.Header().Get("Location") != "/login?next=%2Fevents%2F1%2Fedit" {
		t.Errorf("reader asking for the form: %d to %q", w.Code, w.Header().Get("Location"))
	}
	ann.signIn("ann", "correct horse")
	root.signIn("root", "battery staple")
	annForm, rootForm := editForm(t, ann), editForm(t, root) // both start from version 0
	if annForm.Get("version") != "0" || annForm.Get("summary") != "Envoy meets Putin" || annForm.Get("date") != "2025-08-06" {
		t.Fatalf("form values: %v", annForm)
	}
	if annForm.Get("actors") != "Vladimir Putin" {
		t.Errorf("actors in the form: %q", annForm.Get("actors"))
	}
	annForm.Set("summary", "Witkoff meets Putin in Moscow")
	annForm.Set("actors", "Vladimir Putin\nSteve Witkoff\n\nvladimir putin")
	if w := ann.post("/events/1/edit", annForm); w.Code != 303 || w.Header().Get("Location") != "/events/1#corrections" {
		t.Fatalf("correction: %d %s", w.Code, w.Body.String())
	}
	// Root's form is stale: refused, nothing saved, the current values shown.
	rootForm.Set("summary", "Envoy and Putin talk")
	w := root.post("/events/1/edit", rootForm)
	d := root.page(w)
	current := d.Find(`.conflict`).Text()
	mine, _ := d.Find(`input[name=summary]`).Attr("value")
	version, _ := d.Find(`input[name=version]`).Attr("value")
	if w.Code != http.StatusConflict || !strings.Contains(current, "Witkoff meets Putin in Moscow") ||
		mine != "Envoy and Putin talk" || version != "1" {
		t.Errorf("stale edit: %d; current %q; form %q at version %q", w.Code, current, mine, version)
	}
	// The reader sees the correction, marked, with its log.
	d = reader.page(reader.get("/events/1"))
	log := d.Find(`#corrections + ol.corrections li`).Text()
	if h1 := d.Find("h1").Text(); h1 != "Witkoff meets Putin in Moscow" || !strings.Contains(log, "by ann") ||
		!strings.Contains(log, "summary “Envoy meets Putin” → “Witkoff meets Putin in Moscow”") {
		t.Errorf("event page: %q, log %q", h1, log)
	}
	if actors := d.Find(".actors").Text(); !strings.Contains(actors, "Vladimir Putin, Steve Witkoff") {
		t.Errorf("actors after the correction: %q", actors)
	}
	if d.Find(`a[href="/events/1/edit"]`).Length() != 0 {
		t.Errorf("the reader is offered the correction form")
	}
	if n := reader.page(reader.get("/stories/deadline")).Find(`#event-1 .corrected`).Length(); n != 1 {
		t.Errorf("story page: corrected mark %d times", n)
	}
	refused := []struct {
		name string
		b    *browser
		set  map[string]string
		code int
		want string
	}{
		{"bad date", root, map[string]string{"version": "1", "date": "Wednesday"}, 400, "write 2025-08-08"},
		{"bad kind", root, map[string]string{"version": "1", "kind": "Big Meeting"}, 400, "lower-case letters"},
		{"no version", root, map[string]string{"version": ""}, 400, "no version"},
		{"no form token", root, map[string]string{"version": "1", "csrf": ""}, 403, "out of date"},
		{"not signed in", reader, map[string]string{"version": "1", "token": "s3cret"}, 403, "Sign in as an editor"},
	}
	for _, tt := range refused {
		v := editForm(t, root)
		for k, val := range tt.set {
			v.Set(k, val)
		}
		if tt.b == reader {
			v.Set("csrf", reader.formCSRF("/login", "form.login"))
		}
		w := tt.b.post("/events/1/edit", v)
		if w.Code != tt.code || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("%s: %d, want %d %q: %s", tt.name, w.Code, tt.code, tt.want, w.Body.String())
		}
	}
	if h1 := reader.page(reader.get("/events/1")).Find("h1").Text(); h1 != "Witkoff meets Putin in Moscow" {
		t.Errorf("a refused correction changed the event: %q", h1)
	}
	// The export says which events were corrected, and how often.
	recs, err := csv.NewReader(strings.NewReader(reader.get("/export/events.csv?story=deadline").Body.String())).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][len(recs[0])-1] != "corrections" {
		t.Fatalf("events CSV: %v %v", recs, err)
	}
	for _, r := range recs[1:] {
		want := "0"
		if r[0] == "1" {
			want = "1"
		}
		if got := r[len(r)-1]; got != want || r[0] == "1" && r[6] != "Witkoff meets Putin in Moscow" {
			t.Errorf("events CSV row %v: corrections %q, want %s", r, got, want)
		}
	}
}

func TestCorrectQuoteForm(t *testing.T) {
	clock := now
	h, _ := accountsApp(t, &clock)
	reader, ann, root := newBrowser(t, h), newBrowser(t, h), newBrowser(t, h)
	if reader.page(reader.get("/events/2")).Find(`a[href^="/quotes/"]`).Length() != 0 {
		t.Errorf("the reader is offered to correct quotes")
	}
	ann.signIn("ann", "correct horse")
	root.signIn("root", "battery staple")
	link, ok := ann.page(ann.get("/events/2")).Find(`a[href^="/quotes/"]`).First().Attr("href")
	if !ok || !strings.HasSuffix(link, "?back=%2fevents%2f2") {
		t.Fatalf("correct-quote link %q", link)
	}
	read := func(b *browser) url.Values {
		f := b.page(b.get(link)).Find(`form.quote-edit`)
		v := url.Values{}
		for _, n := range []string{"csrf", "version", "speaker", "back"} {
			val, _ := f.Find(`input[name=` + n + `]`).Attr("value")
			v.Set(n, val)
		}
		kind, _ := f.Find(`select[name=kind] option[selected]`).Attr("value")
		v.Set("kind", kind)
		return v
	}
	annForm, rootForm := read(ann), read(root)
	if annForm.Get("speaker") != "Donald Trump" || annForm.Get("kind") != "direct" || annForm.Get("back") != "/events/2" {
		t.Fatalf("quote form: %v", annForm)
	}
	action := strings.Split(link, "?")[0]
	annForm.Set("speaker", "Vladimir Putin")
	annForm.Set("kind", "partial")
	if w := ann.post(action, annForm); w.Code != 303 || w.Header().Get("Location") != "/events/2" {
		t.Fatalf("correction: %d %q %s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	rootForm.Set("kind", "indirect")
	w := root.post(action, rootForm)
	if cur := root.page(w).Find(".conflict").Text(); w.Code != 409 || !strings.Contains(cur, "Vladimir Putin") {
		t.Errorf("stale quote form: %d %q", w.Code, cur)
	}
	for _, tt := range []struct{ speaker, kind, want string }{
		{"!!!", "direct", "give a name"}, {"Donald Trump", "rumour", "want direct"}} {
		v := read(root)
		v.Set("speaker", tt.speaker)
		v.Set("kind", tt.kind)
		if w := root.post(action, v); w.Code != 400 || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("%s/%s: %d", tt.speaker, tt.kind, w.Code)
		}
	}
	// The quotes export counts the correction.
	recs, err := csv.NewReader(strings.NewReader(reader.get("/export/quotes.csv?speaker=Vladimir+Putin").Body.String())).ReadAll()
	if err != nil || len(recs) != 2 || recs[0][len(recs[0])-1] != "corrections" || recs[1][len(recs[1])-1] != "1" || recs[1][1] != "partial" {
		t.Errorf("quotes CSV: %v %v", recs, err)
	}
	// Readers see the quote under Putin now, marked corrected.
	d := reader.page(reader.get("/people/vladimir-putin"))
	if !strings.Contains(d.Find("main").Text(), "Great progress was made!") || d.Find("blockquote .corrected").Length() == 0 {
		t.Errorf("Putin's page lacks the corrected quote")
	}
}
