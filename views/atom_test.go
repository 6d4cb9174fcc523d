package views

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"dateline/models"
	"dateline/models/threads"
)

// parsedAtom is what a feed reader takes from the document.
type parsedAtom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func TestStoryAtom(t *testing.T) {
	t0 := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	evil := `</title><script>alert(1)</script> & "quotes"` + "\x00\x1b"
	story := models.Story{ID: 1, Slug: "talks", Title: "Talks <b>& more</b>", UpdatedAt: t0.Add(-time.Hour)}
	events := []models.Event{
		{ID: 7, Date: "2025-08-08", Granularity: models.GranDay, Kind: models.KindMeeting, Summary: evil, Actors: "Putin; Witkoff", CreatedAt: t0.Add(2 * time.Hour)},
		{ID: 3, Date: "2025-08-06", Granularity: models.GranDay, Kind: models.KindCall, Summary: "Call", CreatedAt: t0},
	}
	th := &threads.Thread{ID: "t1", Kind: models.KindDeadline, SetBy: "Donald Trump", Demand: "a ceasefire", Due: "2025-08-08",
		History: []threads.Change{{Change: "", Due: "2025-08-08", ArticleID: 1, Sentence: "The deadline is Friday."},
			{Change: models.DeadlineExtended, Due: "2025-08-22", ArticleID: 2, Sentence: "It was extended."},
			{Change: models.DeadlineMet, ArticleID: 99}}} // 99: no stored time, left out
	times := map[uint]time.Time{1: t0.Add(-30 * time.Minute), 2: t0.Add(time.Hour)}
	out, err := StoryAtom(AtomInput{Story: story, BaseURL: "http://news.example", Events: events, Threads: []*threads.Thread{th}, ArticleTimes: times})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("<script>")) || bytes.Contains(out, []byte("<b>")) {
		t.Errorf("markup from user text is live in the feed:\n%s", out)
	}
	var f parsedAtom
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = true
	if err := d.Decode(&f); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, out)
	}
	if f.ID != "http://news.example/stories/talks" || f.Title != "Talks <b>& more</b> · dateline" || f.Updated != "2025-08-07T14:00:00Z" {
		t.Errorf("feed head: %q %q %q", f.ID, f.Title, f.Updated)
	}
	if len(f.Links) != 2 || f.Links[0].Rel != "self" || f.Links[0].Href != "http://news.example/stories/talks/feed.atom" {
		t.Errorf("links: %+v", f.Links)
	}
	var got []string
	for _, e := range f.Entries {
		if e.ID == "" || e.Updated == "" || e.Title == "" || e.Link.Href == "" {
			t.Errorf("entry lacks id, updated, title or link: %+v", e)
		}
		got = append(got, fmt.Sprintf("%s|%s|%s", e.Updated, e.Title, e.Link.Href))
	}
	want := []string{
		"2025-08-07T14:00:00Z|8 Aug 2025: " + strings.ReplaceAll(evil, "\x00\x1b", "\uFFFD\uFFFD") + "|http://news.example/events/7",
		"2025-08-07T13:00:00Z|Deadline set by Donald Trump: extended, due 22 Aug 2025|http://news.example/articles/2",
		"2025-08-07T12:00:00Z|6 Aug 2025: Call|http://news.example/events/3",
		"2025-08-07T11:30:00Z|Deadline set by Donald Trump: set, due 8 Aug 2025|http://news.example/articles/1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f.Entries[0].Summary != strings.ReplaceAll(evil, "\x00\x1b", "\uFFFD\uFFFD")+" (Putin, Witkoff)" {
		t.Errorf("summary %q", f.Entries[0].Summary)
	}
}

// TestStoryAtomLimit: a story with many events carries the newest
// MaxAtomEntries; an empty story is a well-formed feed dated by the story.
func TestStoryAtomLimit(t *testing.T) {
	t0 := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		events, want int
		updated      string
	}{
		{0, 0, "2025-08-07T12:00:00Z"},
		{3, 3, "2025-08-07T12:03:00Z"},
		{MaxAtomEntries + 20, MaxAtomEntries, "2025-08-07T13:10:00Z"},
	}
	for _, tc := range tests {
		var evs []models.Event
		for i := tc.events; i >= 1; i-- {
			evs = append(evs, models.Event{ID: uint(i), Date: "2025-08-01", Granularity: models.GranDay, Summary: "e", CreatedAt: t0.Add(time.Duration(i) * time.Minute)})
		}
		out, err := StoryAtom(AtomInput{Story: models.Story{Slug: "s", Title: "S", UpdatedAt: t0}, BaseURL: "http://h", Events: evs})
		if err != nil {
			t.Fatal(err)
		}
		var f parsedAtom
		if err := xml.Unmarshal(out, &f); err != nil {
			t.Fatalf("%d events: %v", tc.events, err)
		}
		if len(f.Entries) != tc.want || f.Updated != tc.updated {
			t.Errorf("%d events: %d entries updated %s, want %d %s", tc.events, len(f.Entries), f.Updated, tc.want, tc.updated)
		}
	}
}
