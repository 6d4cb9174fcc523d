package handlers_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"dateline/models"
)

func TestAddAndDetachArticle(t *testing.T) {
	clock := now
	h, st := accountsApp(t, &clock)
	reader, ann := newBrowser(t, h), newBrowser(t, h)
	if w := reader.get("/stories/deadline/articles/new"); w.Code != 303 || !strings.HasPrefix(w.Header().Get("Location"), "/login?next=") {
		t.Errorf("reader asking for the form: %d to %q", w.Code, w.Header().Get("Location"))
	}
	if reader.page(reader.get("/stories/deadline")).Find(`a[href$="/articles/new"], form.detach`).Length() != 0 {
		t.Errorf("the reader is offered to add or detach articles")
	}
	ann.signIn("ann", "correct horse")
	tok := ann.formCSRF("/stories/deadline/articles/new", "form.article-form")
	text := "Foreign ministers meet in Geneva\n\nThe foreign ministers of Russia and Ukraine will meet in Geneva on 12 August 2025, the Swiss government said on Thursday."
	refused := []struct {
		name string
		v    url.Values
		code int
		want string
	}{
		{"nothing given", url.Values{"text": {"  "}}, 400, "Paste the article"},
		{"bad time", url.Values{"text": {text}, "published": {"Thursday"}}, 400, "publication time"},
		{"no form token", url.Values{"text": {text}, "csrf": {""}}, 403, "out of date"},
	}
	for _, tt := range refused {
		if _, ok := tt.v["csrf"]; !ok {
			tt.v.Set("csrf", tok)
		}
		w := ann.post("/stories/deadline/articles", tt.v)
		if w.Code != tt.code || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("%s: %d, want %d %q", tt.name, w.Code, tt.code, tt.want)
		}
	}
	// The older token rule does not add articles: only editors do.
	v := url.Values{"text": {text}, "token": {"s3cret"}, "csrf": {reader.formCSRF("/login", "form.login")}}
	if w := reader.post("/stories/deadline/articles", v); w.Code != 403 || !strings.Contains(w.Body.String(), "Sign in as an editor") {
		t.Errorf("token post: %d", w.Code)
	}
	w := ann.post("/stories/deadline/articles", url.Values{"csrf": {tok}, "text": {text}, "source": {"Test Wire"},
		"published": {"2025-08-07T10:00"}})
	if w.Code != 303 || w.Header().Get("Location") != "/stories/deadline" {
		t.Fatalf("adding: %d %s", w.Code, w.Body.String())
	}
	d := ann.page(ann.get("/stories/deadline"))
	if !strings.Contains(d.Find("main").Text(), "Geneva") {
		t.Errorf("the added article's event is not on the story page")
	}
	var action string
	d.Find(`.source-list li`).Each(func(_ int, li *goquery.Selection) {
		if strings.Contains(li.Find("a").First().Text(), "Geneva") {
			action, _ = li.Find("form.detach").Attr("action")
		}
	})
	if !strings.HasPrefix(action, "/stories/deadline/articles/") {
		t.Fatalf("no detach form for the added article (action %q)", action)
	}
	idText := strings.TrimSuffix(strings.TrimPrefix(action, "/stories/deadline/articles/"), "/detach")
	id, _ := strconv.ParseUint(idText, 10, 64)
	edits, err := st.Edits(context.Background(), models.EditStoryArticle, uint(id))
	if err != nil || len(edits) != 1 || edits[0].Username != "ann" || edits[0].AfterJSON != `{"attached":"yes"}` {
		t.Errorf("edit log of the added article: %+v %v", edits, err)
	}
	w = ann.post(action, url.Values{"csrf": {tok}, "back": {"/stories/deadline?kind=meeting"}})
	if w.Code != 303 || w.Header().Get("Location") != "/stories/deadline?kind=meeting#sources" {
		t.Fatalf("detaching: %d to %q: %s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	if strings.Contains(ann.page(ann.get("/stories/deadline")).Find(".timeline").Text(), "Geneva") {
		t.Errorf("the detached article's event is still on the story page")
	}
	if w := ann.post(action, url.Values{"csrf": {tok}}); w.Code != 404 {
		t.Errorf("detaching twice: %d", w.Code)
	}
	if edits, _ := st.Edits(context.Background(), models.EditStoryArticle, uint(id)); len(edits) != 2 {
		t.Errorf("detach not logged: %+v", edits)
	}
}
