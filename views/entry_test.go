package views

import (
	"bytes"
	"strings"
	"testing"

	"dateline/models"
)

func TestEntryMoreSources(t *testing.T) {
	srcs := func(n int) []models.EventSource { return make([]models.EventSource, n) }
	for _, tt := range []struct {
		name        string
		loaded, all int
		want        int
	}{
		{"the store's first 12 of 40", 12, 40, 28},
		{"all loaded, none counted", 15, 0, 3},
		{"few", 2, 2, 0},
		{"none", 0, 0, 0},
	} {
		e := EntryView{TimelineEntry: models.TimelineEntry{Event: models.Event{Sources: srcs(tt.loaded)}, SourceCount: tt.all}}
		if got := e.MoreSources(); got != tt.want {
			t.Errorf("%s: MoreSources() = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestEntryRendersCounts renders an entry whose sources and quote
// appearances were cut by the store and checks the "more" lines use the
// counts of all.
func TestEntryRendersCounts(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	srcs := make([]models.EventSource, 12)
	wire, daily := &models.Source{Name: "Wire"}, &models.Source{Name: "Daily Two"}
	for i := range srcs {
		src := wire
		if i%4 == 3 {
			src = daily
		}
		srcs[i] = models.EventSource{ArticleID: uint(i + 1), Article: &models.Article{ID: uint(i + 1), Source: src}}
	}
	q := models.Quote{ID: 1, Text: "We will act", Appearances: make([]models.QuoteAppearance, 8), AppearanceCount: 40}
	en := EntryView{TimelineEntry: models.TimelineEntry{Event: models.Event{ID: 7, Summary: "Deadline", Sources: srcs},
		SourceCount: 40, Quotes: []models.Quote{q, q, q, q, q, q}}}
	var buf bytes.Buffer
	if err := r.sets["story"].ExecuteTemplate(&buf, "entry", en); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	// each outlet once, with its count among the sources shown, and the
	// count of all the reports
	for _, want := range []string{"Reported by 40 articles", ">Wire</a> (9)", ">Daily Two</a> (3)", "all 40 reports", "and 32 more", ">more quotes</a>"} {
		if !strings.Contains(html, want) {
			t.Errorf("entry lacks %q:\n%s", want, html)
		}
	}
	if n := strings.Count(html, ">Wire</a>"); n != 1 {
		t.Errorf("Wire named %d times", n)
	}
}
