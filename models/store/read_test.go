package store

import (
	"context"
	"testing"
	"time"

	"dateline/models"
)

// readFixture stores two articles about the August 2025 deadline: the first
// attached to story "deadline", the second only matched by rules.
func readFixture(t *testing.T) (*Store, models.Story) {
	t.Helper()
	ctx := context.Background()
	st := openTest(t)
	pub := time.Date(2025, 8, 6, 15, 0, 0, 0, time.UTC)
	putin, trump := "Vladimir Putin", "Donald Trump"
	body1 := `The envoy met Putin in Moscow on Wednesday. Trump said: "Great progress was made!" The deadline is Friday.`
	a1 := models.ExtractedArticle{Title: "Envoy in Moscow", Source: "Wire One", URL: "https://example.test/1",
		PublishedAt: &pub, PublishedPrecision: models.PrecHour, Body: body1,
		Events: []models.ExtractedEvent{
			{Date: "2025-08-06", Granularity: models.GranDay, Kind: models.KindMeeting, Summary: "Envoy meets Putin",
				Sentence: "The envoy met Putin in Moscow on Wednesday.", Start: 0, End: 44, Actors: []string{putin}},
			{Date: "2025-08-08", Granularity: models.GranDay, Kind: models.KindDeadline, Summary: "Sanctions deadline",
				Sentence: "The deadline is Friday.", Start: 89, End: 112, Actors: []string{trump},
				Deadline: &models.Deadline{Date: "2025-08-08", SetBy: trump, Demand: "a ceasefire", Consequence: "tariffs"}},
		},
		Quotes: []models.ExtractedQuote{{Text: "Great progress was made!", Kind: models.QuoteDirect, Start: 64, End: 88,
			Speaker: &trump, Cue: "said"}},
	}
	body2 := `=HYPERLINK("x") Putin spoke by phone with Xi in April. "We are ready," Putin said.`
	a2 := models.ExtractedArticle{Title: "Call", Source: "Paper Two", PublishedAt: &pub, Body: body2,
		Events: []models.ExtractedEvent{{Date: "2025-04", Granularity: models.GranMonth, Kind: models.KindCall,
			Summary: "Putin calls Xi", Sentence: "Putin spoke by phone with Xi in April.", Start: 16, End: 55,
			Actors: []string{putin}}},
		Quotes: []models.ExtractedQuote{{Text: "We are ready,", Kind: models.QuoteDirect, Start: 57, End: 70, Speaker: &putin}},
	}
	if _, err := st.SaveArticle(ctx, a1, SaveOptions{StorySlug: "deadline", StoryTitle: "Deadline"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveArticle(ctx, a2, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	story, err := st.StoryBySlug(ctx, "deadline")
	if err != nil {
		t.Fatal(err)
	}
	return st, story
}

func summaries(es []models.TimelineEntry) []string {
	var out []string
	for _, e := range es {
		s := e.Event.Summary
		if e.Pinned {
			s += "*"
		}
		out = append(out, s)
	}
	return out
}

func TestTimeline(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st, story := readFixture(t)
		got, err := st.Timeline(ctx, story, models.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Envoy meets Putin", "Sanctions deadline"}; !sameStrings(summaries(got), want) {
			t.Fatalf("attached only: got %q, want %q", summaries(got), want)
		}
		if len(got[0].Event.Sources) != 1 || got[0].Event.Sources[0].Article.Source.Name != "Wire One" {
			t.Errorf("sources not loaded: %+v", got[0].Event.Sources)
		}
		if len(got[1].Quotes) != 0 || len(got[0].Quotes) != 0 {
			t.Errorf("quote outside the event sentences attached: %+v", got)
		}
		// Rules pull in the call; hiding the meeting and pinning the deadline.
		story.Rules = `{"people":["Putin"],"kinds":["call"]}`
		if err := st.UpdateStory(ctx, &story, time.Now()); err != nil {
			t.Fatal(err)
		}
		call := got[0].Event.ID + 2
		meeting, deadline := got[0].Event.ID, got[1].Event.ID
		mustRead(t, st.SetEventState(ctx, story.ID, meeting, models.StoryEventHidden))
		mustRead(t, st.SetEventState(ctx, story.ID, deadline, models.StoryEventPinned))
		got, err = st.Timeline(ctx, story, models.Filter{})
		mustRead(t, err)
		if want := []string{"Putin calls Xi", "Sanctions deadline*"}; !sameStrings(summaries(got), want) {
			t.Fatalf("rules, hidden, pinned: got %q, want %q", summaries(got), want)
		}
		if got[0].Event.ID != call || len(got[0].Quotes) != 0 {
			t.Errorf("call entry: %+v", got[0])
		}
		tests := []struct {
			name string
			f    models.Filter
			want []string
		}{
			{"kind", models.Filter{Kind: "deadline"}, []string{"Sanctions deadline*"}},
			{"person", models.Filter{Person: "Putin"}, []string{"Putin calls Xi"}},
			{"source", models.Filter{Source: "Paper Two"}, []string{"Putin calls Xi"}},
			{"from", models.Filter{From: "2025-08-01"}, []string{"Sanctions deadline*"}},
			{"to inclusive", models.Filter{To: "2025-04-01"}, []string{"Putin calls Xi"}},
			{"nothing", models.Filter{Kind: "attack"}, nil},
			{"limit keeps the latest", models.Filter{Limit: 1}, []string{"Sanctions deadline*"}},
		}
		for _, tt := range tests {
			got, err := st.Timeline(ctx, story, tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if !sameStrings(summaries(got), tt.want) {
				t.Errorf("%s: got %q, want %q", tt.name, summaries(got), tt.want)
			}
			tt.f.Limit = 0
			if n, err := st.TimelineCount(ctx, story, tt.f); err != nil || (n != int64(len(got)) && tt.name != "limit keeps the latest") {
				t.Errorf("%s: count %d, %v", tt.name, n, err)
			}
		}
		if _, err := st.Timeline(ctx, story, models.Filter{From: "August"}); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("bad date: got %v, want EINVALID", err)
		}
		mustRead(t, st.SetEventState(ctx, story.ID, meeting, ""))
		if err := st.SetEventState(ctx, story.ID, 9999, models.StoryEventPinned); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("pin unknown event: %v", err)
		}
		if err := st.SetEventState(ctx, story.ID, meeting, "starred"); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("bad state: %v", err)
		}
	})
}

func TestStoryCRUD(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st, _ := readFixture(t)
		now := time.Date(2025, 8, 7, 0, 0, 0, 0, time.UTC)
		s := models.Story{Slug: "talks", Title: "Talks", Rules: `{"keywords":["phone"]}`}
		mustRead(t, st.CreateStory(ctx, &s, now))
		dup := models.Story{Slug: "talks", Title: "Again"}
		if err := st.CreateStory(ctx, &dup, now); models.ErrorCode(err) != models.ECONFLICT {
			t.Errorf("duplicate slug: %v", err)
		}
		for _, bad := range []models.Story{{Slug: "Bad Slug", Title: "x"}, {Slug: "ok", Title: ""},
			{Slug: "ok", Title: "x", Rules: "{"}, {Slug: "ok", Title: "x", Rules: `{"from":"Aug"}`}} {
			if err := st.CreateStory(ctx, &bad, now); models.ErrorCode(err) != models.EINVALID {
				t.Errorf("%+v: got %v, want EINVALID", bad, err)
			}
		}
		got, err := st.Timeline(ctx, s, models.Filter{})
		mustRead(t, err)
		if !sameStrings(summaries(got), []string{"Putin calls Xi"}) {
			t.Errorf("keyword rule: %q", summaries(got))
		}
		stories, err := st.Stories(ctx)
		mustRead(t, err)
		if len(stories) != 2 {
			t.Errorf("stories: %d", len(stories))
		}
		if _, err := st.StoryBySlug(ctx, "nope"); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("missing story: %v", err)
		}
		mustRead(t, st.AttachArticle(ctx, s.ID, 1))
		if err := st.AttachArticle(ctx, s.ID, 999); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("attach unknown article: %v", err)
		}
	})
}

func TestReadPages(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st, story := readFixture(t)
		a, evs, qs, err := st.Article(ctx, 1)
		mustRead(t, err)
		if a.Source == nil || len(evs) != 2 || len(qs) != 1 || qs[0].Speaker == nil || qs[0].Speaker.Name != "Donald Trump" {
			t.Fatalf("article page: %+v %d events %+v", a.Source, len(evs), qs)
		}
		if _, _, _, err := st.Article(ctx, 99); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("missing article: %v", err)
		}
		entry, stories, err := st.Event(ctx, evs[0].ID, 0, models.EventSourcesPage)
		mustRead(t, err)
		if len(stories) != 1 || stories[0].ID != story.ID || entry.Event.ID != evs[0].ID {
			t.Errorf("event page: %+v %+v", entry, stories)
		}
		p, pqs, err := st.Person(ctx, "vladimir-putin")
		mustRead(t, err)
		if p.Name != "Vladimir Putin" || len(pqs) != 1 {
			t.Errorf("person: %+v, %d quotes", p, len(pqs))
		}
		people, err := st.People(ctx)
		mustRead(t, err)
		if len(people) < 2 || people[0].Quotes != 1 {
			t.Errorf("people: %+v", people)
		}
		for _, tt := range []struct {
			f    models.Filter
			want int
		}{{models.Filter{}, 2}, {models.Filter{Speaker: "Vladimir Putin"}, 1}, {models.Filter{Speaker: "vladimir-putin"}, 1},
			{models.Filter{Story: "deadline"}, 1}, {models.Filter{Source: "Paper Two"}, 1}, {models.Filter{From: "2025-09-01"}, 0}} {
			got, err := st.Quotes(ctx, tt.f)
			mustRead(t, err)
			if len(got) != tt.want {
				t.Errorf("quotes %+v: %d, want %d", tt.f, len(got), tt.want)
			}
		}
		latest, err := st.LatestEvents(ctx, 2)
		mustRead(t, err)
		if len(latest) != 2 || latest[0].Summary != "Sanctions deadline" {
			t.Errorf("latest: %+v", latest)
		}
		fq, fe, err := st.Find(ctx, "progress", 10)
		mustRead(t, err)
		if len(fq) != 1 || fq[0].Speaker == nil || len(fe) != 0 {
			t.Errorf("find: %+v %+v", fq, fe)
		}
	})
}

func TestExportRows(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st, _ := readFixture(t)
		count := func(f models.Filter) (ev, qu, ar int) {
			mustRead(t, st.EachEventRow(ctx, f, func(r *models.EventRow) error {
				if r.SortAt.IsZero() || r.URL == "" && r.Source == "Wire One" {
					t.Errorf("event row: %+v", r)
				}
				ev++
				return nil
			}))
			mustRead(t, st.EachQuoteRow(ctx, f, func(r *models.QuoteRow) error { qu++; return nil }))
			mustRead(t, st.EachArticleRow(ctx, f, func(r *models.ArticleRow) error { ar++; return nil }))
			return
		}
		for _, tt := range []struct {
			f          models.Filter
			ev, qu, ar int
		}{
			{models.Filter{}, 3, 2, 2},
			{models.Filter{Story: "deadline"}, 2, 1, 1},
			{models.Filter{Speaker: "Donald Trump"}, 1, 1, 1},
			{models.Filter{Kind: "call"}, 1, 0, 1},
			{models.Filter{Source: "Paper Two"}, 1, 1, 1},
			{models.Filter{From: "2025-08-07"}, 1, 0, 0},
			{models.Filter{Limit: 1}, 1, 1, 1},
		} {
			ev, qu, ar := count(tt.f)
			if ev != tt.ev || qu != tt.qu || ar != tt.ar {
				t.Errorf("%+v: events %d quotes %d articles %d, want %d %d %d", tt.f, ev, qu, ar, tt.ev, tt.qu, tt.ar)
			}
		}
		if err := st.EachEventRow(ctx, models.Filter{Story: "nope"}, nil); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("unknown story: %v", err)
		}
	})
}

func mustRead(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
