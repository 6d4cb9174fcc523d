package store

import (
	"context"
	"testing"
	"time"

	"dateline/models"
)

func TestGranularityOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-08-08", models.GranDay}, {"2025-08-06T14:00", models.GranTime}, {"2025-W33", models.GranWeek},
		{"2025-08", models.GranMonth}, {"2025-Q3", models.GranQuarter}, {"2025", models.GranYear},
		{"2025-13", ""}, {"2025-W54", ""}, {"Friday", ""}, {"", ""}, {"2025-08-32", ""},
	}
	for _, tt := range tests {
		if got, ok := GranularityOf(tt.in); got != tt.want || ok != (tt.want != "") {
			t.Errorf("GranularityOf(%q) = %q %v, want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestCorrectEvent(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st, story := readFixture(t)
		ann := testUser(t, st, "ann", models.RoleEditor, "correct horse")
		bob := testUser(t, st, "bob", models.RoleEditor, "battery staple")
		got, err := st.Timeline(ctx, story, models.Filter{})
		mustRead(t, err)
		meeting := got[0].Event
		now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		fix := models.EventCorrection{Summary: " Witkoff meets Putin in Moscow ", Date: "2025-08", Kind: "meeting",
			Actors: "Steve Witkoff\n Sergei Lavrov ;steve witkoff"}
		ev, err := st.CorrectEvent(ctx, meeting.ID, 0, fix, ann, now)
		if err != nil || ev.Version != 1 || ev.Summary != "Witkoff meets Putin in Moscow" || ev.Granularity != models.GranMonth ||
			ev.Actors != "Steve Witkoff; Sergei Lavrov" ||
			!ev.SortAt.Equal(time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("correction: %+v %v", ev, err)
		}
		// Bob started from version 0 too: refused, and shown what is there now.
		stale := models.EventCorrection{Summary: "Envoy and Putin talk", Date: "2025-08-06", Kind: "talks"}
		ev, err = st.CorrectEvent(ctx, meeting.ID, 0, stale, bob, now)
		if models.ErrorCode(err) != models.ECONFLICT || ev.Summary != "Witkoff meets Putin in Moscow" || ev.Version != 1 {
			t.Errorf("stale correction: %+v %v", ev, err)
		}
		bad := []models.EventCorrection{
			{Summary: "", Date: "2025-08-06", Kind: "meeting"},
			{Summary: "x", Date: "Wednesday", Kind: "meeting"},
			{Summary: "x", Date: "2025-08-06", Kind: "Meeting!"},
			{Summary: "x", Date: "2025-08-06", Kind: "meeting", Actors: "Putin; ???"},
		}
		for _, b := range bad {
			if _, err := st.CorrectEvent(ctx, meeting.ID, 1, b, bob, now); models.ErrorCode(err) != models.EINVALID {
				t.Errorf("%+v: %v, want EINVALID", b, err)
			}
		}
		if _, err := st.CorrectEvent(ctx, 99999, 0, fix, bob, now); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("unknown event: %v", err)
		}
		// The same correction again changes and logs nothing.
		if ev, err := st.CorrectEvent(ctx, meeting.ID, 1, fix, bob, now); err != nil || ev.Version != 1 {
			t.Errorf("no-op correction: %+v %v", ev, err)
		}
		edits, err := st.Edits(ctx, models.EditEvent, meeting.ID)
		mustRead(t, err)
		if len(edits) != 1 || edits[0].Username != "ann" ||
			edits[0].BeforeJSON != `{"summary":"Envoy meets Putin","date":"2025-08-06","kind":"meeting","actors":"Vladimir Putin"}` ||
			edits[0].AfterJSON != `{"summary":"Witkoff meets Putin in Moscow","date":"2025-08","kind":"meeting","actors":"Steve Witkoff; Sergei Lavrov"}` {
			t.Errorf("edit log: %+v", edits)
		}
		// A new report of the same meeting, more precise and naming Putin,
		// joins the corrected event and leaves its summary, date and
		// actors alone.
		pub := time.Date(2025, 8, 7, 9, 0, 0, 0, time.UTC)
		body := "Putin met the envoy on Wednesday at 14:00 in Moscow."
		a := models.ExtractedArticle{Title: "Later report", Source: "Wire Two", PublishedAt: &pub, Body: body,
			Events: []models.ExtractedEvent{{Date: "2025-08-06T14:00", Granularity: models.GranTime, Kind: models.KindMeeting,
				Summary: "Putin meets envoy", Sentence: body, Start: 0, End: len(body), Actors: []string{"Vladimir Putin"}}}}
		if _, err := st.SaveArticle(ctx, a, SaveOptions{StorySlug: "deadline"}); err != nil {
			t.Fatal(err)
		}
		got, err = st.Timeline(ctx, story, models.Filter{})
		mustRead(t, err)
		var found bool
		for _, en := range got {
			if en.Event.ID == meeting.ID {
				found = true
				if en.Event.Summary != "Witkoff meets Putin in Moscow" || en.Event.Date != "2025-08" ||
					en.Event.Actors != "Steve Witkoff; Sergei Lavrov" ||
					en.SourceCount != 2 || en.Event.Version != 1 {
					t.Errorf("after a new report: %+v (%d sources)", en.Event, en.SourceCount)
				}
			}
		}
		if !found || len(got) != 2 {
			t.Errorf("the new report made a new event: %q", summaries(got))
		}
	})
}

func TestCorrectQuote(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st, _ := readFixture(t)
		ann := testUser(t, st, "ann", models.RoleEditor, "correct horse")
		now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		_, qs, err := st.Person(ctx, "donald-trump")
		mustRead(t, err)
		if len(qs) != 1 {
			t.Fatalf("Trump's quotes: %+v", qs)
		}
		id := qs[0].ID
		q, err := st.CorrectQuote(ctx, id, 0, models.QuoteCorrection{Speaker: " Vladimir Putin ", Kind: "partial"}, ann, now)
		if err != nil || q.Version != 1 || q.Speaker == nil || q.Speaker.Name != "Vladimir Putin" || q.Kind != "partial" {
			t.Fatalf("correction: %+v %v", q, err)
		}
		bad := []struct {
			name    string
			version int
			c       models.QuoteCorrection
			code    string
		}{
			{"stale", 0, models.QuoteCorrection{Speaker: "Donald Trump", Kind: "direct"}, models.ECONFLICT},
			{"no name", 1, models.QuoteCorrection{Speaker: "!!!", Kind: "direct"}, models.EINVALID},
			{"bad kind", 1, models.QuoteCorrection{Speaker: "Donald Trump", Kind: "rumour"}, models.EINVALID},
		}
		for _, b := range bad {
			got, err := st.CorrectQuote(ctx, id, b.version, b.c, ann, now)
			if models.ErrorCode(err) != b.code {
				t.Errorf("%s: %v, want %s", b.name, err, b.code)
			}
			if b.code == models.ECONFLICT && (got.Speaker == nil || got.Speaker.Name != "Vladimir Putin") {
				t.Errorf("stale: current quote not returned: %+v", got)
			}
		}
		// The quote moved to Putin's page; a new copy still credited to
		// Trump joins it and does not move it back.
		if _, qs, _ := st.Person(ctx, "donald-trump"); len(qs) != 0 {
			t.Errorf("Trump still has %d quotes", len(qs))
		}
		pub := time.Date(2025, 8, 7, 9, 0, 0, 0, time.UTC)
		trump := "Donald Trump"
		body := `Trump said: "Great progress was made!" on Wednesday.`
		a := models.ExtractedArticle{Title: "Copy", Source: "Wire Three", PublishedAt: &pub, Body: body,
			Quotes: []models.ExtractedQuote{{Text: "Great progress was made!", Kind: models.QuoteDirect, Start: 12, End: 36, Speaker: &trump, Cue: "said"}}}
		if _, err := st.SaveArticle(ctx, a, SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		_, pq, err := st.Person(ctx, "vladimir-putin")
		mustRead(t, err)
		var found bool
		for _, q := range pq {
			if q.ID == id {
				found = true
				if len(q.Appearances) != 2 || q.Kind != "partial" || q.Version != 1 {
					t.Errorf("after a new copy: %+v", q)
				}
			}
		}
		if _, tq, _ := st.Person(ctx, "donald-trump"); !found || len(tq) != 0 {
			t.Errorf("after a new copy: Putin has it %v, Trump has %d", found, len(tq))
		}
		// A name nobody had yet becomes a person.
		if q, err := st.CorrectQuote(ctx, id, 1, models.QuoteCorrection{Speaker: "Yuri Ushakov", Kind: "partial"}, ann, now); err != nil ||
			q.Speaker == nil || q.Speaker.Slug != "yuri-ushakov" || q.Speaker.Kind != models.PersonKindPerson {
			t.Fatalf("a new speaker: %+v %v", q, err)
		}
		if _, uq, err := st.Person(ctx, "yuri-ushakov"); err != nil || len(uq) != 1 {
			t.Errorf("the new person's quotes: %+v %v", uq, err)
		}
		// Unattributed, then logged three times.
		if q, err := st.CorrectQuote(ctx, id, 2, models.QuoteCorrection{Kind: "partial"}, ann, now); err != nil || q.Speaker != nil {
			t.Errorf("unattributing: %+v %v", q, err)
		}
		// Another copy credited to Trump, published earlier (so it updates
		// the stored quote), leaves it unattributed.
		early := time.Date(2025, 8, 6, 10, 0, 0, 0, time.UTC)
		body2 := `Trump wrote: "Great progress was made!" late on Wednesday.`
		a2 := models.ExtractedArticle{Title: "Copy two", Source: "Wire Four", PublishedAt: &early, Body: body2,
			Quotes: []models.ExtractedQuote{{Text: "Great progress was made!", Kind: models.QuoteDirect, Start: 13, End: 37, Speaker: &trump, Cue: "wrote"}}}
		if _, err := st.SaveArticle(ctx, a2, SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		var sid *uint
		mustRead(t, st.rdb.Raw(`SELECT speaker_id FROM quotes WHERE id = ?`, id).Scan(&sid).Error)
		if sid != nil {
			t.Errorf("a new copy gave the unattributed quote speaker %d again", *sid)
		}
		edits, err := st.Edits(ctx, models.EditQuote, id)
		mustRead(t, err)
		if len(edits) != 3 || edits[0].BeforeJSON != `{"speaker":"Donald Trump","kind":"direct"}` ||
			edits[2].AfterJSON != `{"speaker":"","kind":"partial"}` {
			t.Errorf("quote edits: %+v", edits)
		}
	})
}
