package handlers_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"dateline/handlers"
	"dateline/models/extract"
	"dateline/models/extract/golden"
	"dateline/models/store"
)

// deadlineStory ingests the articles of testdata/deadlines/<name>/ (each
// with "# published" and "# source" header lines, then the text) into a
// new store as the story <name>, through the extractor as `dateline
// ingest` does.
func deadlineStory(t *testing.T, name string) *store.Store {
	t.Helper()
	st, err := openFixtureStore(t, filepath.Join(t.TempDir(), name+".db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	x, err := extract.New("en")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "deadlines", name, "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no articles for story %q", name)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in := extract.Input{Name: f, Format: extract.FormatText}
		rest := string(b)
		for strings.HasPrefix(rest, "# ") {
			line, more, _ := strings.Cut(rest, "\n")
			k, v, _ := strings.Cut(strings.TrimPrefix(line, "# "), " ")
			switch k {
			case "published":
				ts, err := time.Parse(time.RFC3339, v)
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				in.PublishedAt = &ts
			case "source":
				in.Source = v
			}
			rest = more
		}
		in.Data = []byte(rest)
		ex, err := x.Extract(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range ex.Articles {
			if _, err := st.SaveArticle(context.Background(), a, store.SaveOptions{StorySlug: name, StoryTitle: name}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return st
}

// TestDeadlineThreadsGolden: stories of several articles across outlets,
// through extraction, the store and /api/stories/{slug}/deadlines, read on
// 10 August 2025: a deadline set, moved twice and passed (russia); a
// tariff truce extended twice (truce); an ultimatum dropped (ultimatum);
// two deadlines in one story kept apart (two).
func TestDeadlineThreadsGolden(t *testing.T) {
	reader := time.Date(2025, 8, 10, 12, 0, 0, 0, time.UTC)
	for _, name := range []string{"russia", "truce", "ultimatum", "two"} {
		t.Run(name, func(t *testing.T) {
			st := deadlineStory(t, name)
			h, err := handlers.New(st, handlers.Options{Now: func() time.Time { return reader }, Secret: []byte(testSecret)})
			if err != nil {
				t.Fatal(err)
			}
			w := get(t, h, "/api/stories/"+name+"/deadlines")
			var v struct {
				Now       string `json:"now"`
				Deadlines any    `json:"deadlines"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			golden.CheckGolden(t, filepath.Join("testdata", "deadlines", name+".golden.json"), v)
		})
	}
}

// TestActorLinksGoToTheirPages: an event's actors link to their own pages
// (slugged once, not a search for "the%2bWhite%2bHouse"), and each page is
// there.
func TestActorLinksGoToTheirPages(t *testing.T) {
	st := deadlineStory(t, "russia")
	h, err := handlers.New(st, handlers.Options{Now: func() time.Time { return now }, Secret: []byte(testSecret)})
	if err != nil {
		t.Fatal(err)
	}
	d := doc(t, get(t, h, "/stories/russia"))
	links := d.Find(".actors a")
	if links.Length() == 0 {
		t.Fatal("no actor links")
	}
	links.Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		if !strings.HasPrefix(href, "/people/") || strings.Contains(href, "%") {
			t.Errorf("actor %q links to %q", a.Text(), href)
			return
		}
		if w := get(t, h, href); w.Code != 200 {
			t.Errorf("%s: %d", href, w.Code)
		}
	})
}

// TestEmbedThemeAndCredit: embeds follow the reader's colour scheme unless
// told light or dark, may drop their background, and end with their
// outlets, when they were updated and a link to the data.
func TestEmbedThemeAndCredit(t *testing.T) {
	st := deadlineStory(t, "russia")
	h, err := handlers.New(st, handlers.Options{Now: func() time.Time { return now }, Secret: []byte(testSecret)})
	if err != nil {
		t.Fatal(err)
	}
	for path, theme := range map[string]string{
		"/embed/stories/russia": "auto", "/embed/stories/russia/timeline?theme=dark": "dark",
		"/embed/stories/russia/deadline?theme=light": "light", "/embed/stories/russia/speakers?theme=nonsense": "auto",
	} {
		d := doc(t, get(t, h, path))
		if got, _ := d.Find("html").Attr("data-theme"); got != theme {
			t.Errorf("%s: theme %q, want %q", path, got, theme)
		}
		credit := d.Find("p.credit").Text()
		for _, want := range []string{"From 3 outlets: Daily Two, The Gazette, Wire One", "updated 2025-08-08", "Get the data"} {
			if !strings.Contains(credit, want) {
				t.Errorf("%s: credit %q lacks %q", path, credit, want)
			}
		}
		if href, _ := d.Find(`p.credit a:contains("Get the data")`).Attr("href"); href != "/export/events.csv?story=russia" {
			t.Errorf("%s: data link %q", path, href)
		}
	}
	d := doc(t, get(t, h, "/embed/stories/russia?background=transparent"))
	if !d.Find("body").HasClass("transparent") {
		t.Error("background=transparent: the body keeps its background")
	}
}
