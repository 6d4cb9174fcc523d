package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"dateline/models"
)

// reportOf is an article whose whole body is one sentence reporting ev.
func reportOf(title, body string, ev models.ExtractedEvent) models.ExtractedArticle {
	pub := time.Date(2025, 8, 6, 9, 0, 0, 0, time.UTC)
	ev.Sentence, ev.Start, ev.End = body, 0, len(body)
	if ev.Granularity == "" {
		ev.Granularity = models.GranDay
	}
	return models.ExtractedArticle{Title: title, Source: "Wire " + title, PublishedAt: &pub, Body: body,
		Events: []models.ExtractedEvent{ev}}
}

// saveReport saves one report in the story "talks" and returns the id of
// the event it joined or made.
func saveReport(t *testing.T, st *Store, a models.ExtractedArticle) uint {
	t.Helper()
	ctx := context.Background()
	r, err := st.SaveArticle(ctx, a, SaveOptions{StorySlug: "talks"})
	mustRead(t, err)
	_, evs, _, err := st.Article(ctx, r.ArticleID)
	mustRead(t, err)
	if len(evs) != 1 {
		t.Fatalf("article %q reports %d events, want 1", a.Title, len(evs))
	}
	return evs[0].ID
}

func reportsOf(t *testing.T, st *Store, id uint) int {
	t.Helper()
	e, _, err := st.Event(context.Background(), id, 0, 100)
	mustRead(t, err)
	return e.SourceCount
}

var (
	putinMeeting = models.ExtractedEvent{Date: "2025-08-06", Kind: models.KindMeeting, Summary: "Envoy meets Putin",
		Actors: []string{"Vladimir Putin"}}
	witkoffTalks = models.ExtractedEvent{Date: "2025-08-06", Kind: "talks", Summary: "Witkoff holds talks",
		Actors: []string{"Steve Witkoff"}}
	friday = models.ExtractedEvent{Date: "2025-08-08", Kind: models.KindDeadline, Summary: "Deadline for Russia"}
)

func TestMergeEvents(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st := openTest(t)
		ann := testUser(t, st, "ann", models.RoleEditor, "correct horse")
		now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		keep := saveReport(t, st, reportOf("A", "The envoy met Putin in Moscow on Wednesday.", putinMeeting))
		talks := saveReport(t, st, reportOf("B", "Witkoff held talks in the Kremlin on Wednesday.", witkoffTalks))
		deadline := saveReport(t, st, reportOf("C", "Russia has until Friday to agree.", friday))
		story, err := st.StoryBySlug(ctx, "talks")
		mustRead(t, err)
		mustRead(t, st.SetEventState(ctx, story.ID, talks, models.StoryEventPinned))

		refused := []struct {
			name           string
			keep, merged   uint
			keepV, mergedV int
			code           string
		}{
			{"itself", keep, keep, 0, 0, models.EINVALID},
			{"unknown kept", 99999, talks, 0, 0, models.ENOTFOUND},
			{"unknown merged", keep, 99999, 0, 0, models.ENOTFOUND},
			{"stale kept", keep, talks, 3, 0, models.ECONFLICT},
			{"stale merged", keep, talks, 0, 2, models.ECONFLICT},
		}
		for _, tt := range refused {
			if _, _, err := st.MergeEvents(ctx, tt.keep, tt.keepV, tt.merged, tt.mergedV, ann, now); models.ErrorCode(err) != tt.code {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			}
		}
		kept, gone, err := st.MergeEvents(ctx, keep, 0, talks, 0, ann, now)
		mustRead(t, err)
		if kept.Version != 1 || kept.Actors != "Vladimir Putin; Steve Witkoff" || gone.ID != talks || reportsOf(t, st, keep) != 2 {
			t.Fatalf("merge: kept %+v, merged %+v", kept, gone)
		}
		if _, _, err := st.Event(ctx, talks, 0, 1); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("the merged event is still there: %v", err)
		}
		if into, err := st.MergedInto(ctx, talks); err != nil || into != keep {
			t.Errorf("MergedInto(%d) = %d %v, want %d", talks, into, err, keep)
		}
		if _, err := st.MergedInto(ctx, keep); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("MergedInto of a kept event: %v", err)
		}
		// The merged event's pin moved with it.
		tl, err := st.Timeline(ctx, story, models.Filter{})
		mustRead(t, err)
		ids := map[uint]bool{}
		for _, e := range tl {
			ids[e.Event.ID] = true
			if e.Event.ID == keep && !e.Pinned {
				t.Errorf("the kept event lost the merged one's pin")
			}
		}
		if ids[talks] || !ids[keep] || !ids[deadline] {
			t.Errorf("timeline after the merge: %v", ids)
		}
		// A stale form (the kept event moved on to version 1) is refused with the event as it is now.
		k, _, err := st.MergeEvents(ctx, keep, 0, deadline, 0, ann, now)
		if models.ErrorCode(err) != models.ECONFLICT || k.Version != 1 || k.Summary != "Envoy meets Putin" {
			t.Errorf("stale merge: %+v %v", k, err)
		}
		// A hidden duplicate merged into the kept event does not hide it.
		mustRead(t, st.SetEventState(ctx, story.ID, deadline, models.StoryEventHidden))
		_, _, err = st.MergeEvents(ctx, keep, 1, deadline, 0, ann, now)
		mustRead(t, err)
		if tl, err = st.Timeline(ctx, story, models.Filter{}); err != nil || len(tl) != 1 || tl[0].Event.ID != keep || !tl[0].Pinned {
			t.Errorf("timeline after merging a hidden event: %+v %v", tl, err)
		}

		// Re-ingest: new reports of either merged event join the kept one.
		later := []struct {
			title, body string
			ev          models.ExtractedEvent
		}{
			{"D", "Steve Witkoff held more talks on Wednesday, aides said.", witkoffTalks},
			{"E", "Friday at noon is the deadline set for Moscow.", models.ExtractedEvent{Date: "2025-08-08T12:00",
				Granularity: models.GranTime, Kind: models.KindDeadline, Summary: "Deadline"}},
		}
		for _, l := range later {
			if got := saveReport(t, st, reportOf(l.title, l.body, l.ev)); got != keep {
				t.Errorf("report %s of a merged event joined event %d, want %d", l.title, got, keep)
			}
		}
		if n := reportsOf(t, st, keep); n != 5 {
			t.Errorf("kept event has %d reports, want 5", n)
		}
		edits, err := st.Edits(ctx, models.EditEvent, keep)
		mustRead(t, err)
		if len(edits) != 2 || !strings.Contains(edits[0].AfterJSON, `"merged in":"event `) || !strings.Contains(edits[0].BeforeJSON, `"reports":"1"`) {
			t.Errorf("edit log of the kept event: %+v", edits)
		}
		if e, err := st.Edits(ctx, models.EditEvent, talks); err != nil || len(e) != 1 || !strings.Contains(e[0].AfterJSON, "merged into") {
			t.Errorf("edit log of the merged event: %+v %v", e, err)
		}
	})
}

func TestMergeChains(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st := openTest(t)
		ann := testUser(t, st, "ann", models.RoleEditor, "correct horse")
		now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		a := saveReport(t, st, reportOf("A", "The envoy met Putin in Moscow on Wednesday.", putinMeeting))
		b := saveReport(t, st, reportOf("B", "Witkoff held talks in the Kremlin on Wednesday.", witkoffTalks))
		c := saveReport(t, st, reportOf("C", "Russia has until Friday to agree.", friday))
		// b into a, then a into c: b's page and b's reports lead to c.
		_, _, err := st.MergeEvents(ctx, a, 0, b, 0, ann, now)
		mustRead(t, err)
		_, _, err = st.MergeEvents(ctx, c, 0, a, 1, ann, now)
		mustRead(t, err)
		for _, id := range []uint{a, b} {
			if into, err := st.MergedInto(ctx, id); err != nil || into != c {
				t.Errorf("MergedInto(%d) = %d %v, want %d", id, into, err, c)
			}
		}
		if got := saveReport(t, st, reportOf("D", "Steve Witkoff held more talks on Wednesday.", witkoffTalks)); got != c {
			t.Errorf("a report of b joined %d, want %d", got, c)
		}
	})
}

func TestSplitEvent(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		st := openTest(t)
		ann := testUser(t, st, "ann", models.RoleEditor, "correct horse")
		now := time.Date(2025, 8, 7, 12, 0, 0, 0, time.UTC)
		s1, s2 := "The envoy met Putin in Moscow on Wednesday.", "Putin also met Lavrov on Wednesday, before the envoy."
		ev := saveReport(t, st, reportOf("A", s1, putinMeeting))
		if saveReport(t, st, reportOf("B", s2, putinMeeting)) != ev || saveReport(t, st, reportOf("C", "Putin received the envoy on Wednesday.", putinMeeting)) != ev {
			t.Fatal("the three reports are not one event")
		}
		e, _, err := st.Event(ctx, ev, 0, 100)
		mustRead(t, err)
		byTitle := map[string]uint{}
		for _, src := range e.Event.Sources {
			byTitle[src.Article.Title] = src.ArticleID
		}
		split := models.EventCorrection{Summary: "Putin meets Lavrov", Date: "2025-08-06", Kind: "meeting", Actors: "Vladimir Putin; Sergei Lavrov"}
		refused := []struct {
			name     string
			version  int
			articles []uint
			c        models.EventCorrection
			code     string
		}{
			{"no reports", 0, nil, split, models.EINVALID},
			{"every report", 0, []uint{byTitle["A"], byTitle["B"], byTitle["C"]}, split, models.EINVALID},
			{"an article of no report", 0, []uint{byTitle["B"], 99999}, split, models.EINVALID},
			{"no summary", 0, []uint{byTitle["B"]}, models.EventCorrection{Date: "2025-08-06", Kind: "meeting"}, models.EINVALID},
			{"bad date", 0, []uint{byTitle["B"]}, models.EventCorrection{Summary: "x", Date: "soon", Kind: "meeting"}, models.EINVALID},
			{"stale", 1, []uint{byTitle["B"]}, split, models.ECONFLICT},
		}
		for _, tt := range refused {
			if _, _, err := st.SplitEvent(ctx, ev, tt.version, tt.articles, tt.c, ann, now); models.ErrorCode(err) != tt.code {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			}
		}
		if _, _, err := st.SplitEvent(ctx, 99999, 0, []uint{1}, split, ann, now); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("unknown event: %v", err)
		}
		from, into, err := st.SplitEvent(ctx, ev, 0, []uint{byTitle["B"], byTitle["B"]}, split, ann, now)
		mustRead(t, err)
		if from.Version != 1 || into.Version != 1 || into.Summary != "Putin meets Lavrov" || into.ID == ev ||
			reportsOf(t, st, ev) != 2 || reportsOf(t, st, into.ID) != 1 {
			t.Fatalf("split: from %+v, into %+v", from, into)
		}
		if _, _, err := st.SplitEvent(ctx, ev, 0, []uint{byTitle["C"]}, split, ann, now); models.ErrorCode(err) != models.ECONFLICT {
			t.Errorf("a second split from version 0: %v", err)
		}
		// Re-ingest: the split-off sentence in another article goes to the
		// new event; another report of the meeting stays with the old one.
		if got := saveReport(t, st, reportOf("D", s2, putinMeeting)); got != into.ID {
			t.Errorf("a copy of the split-off sentence joined %d, want %d", got, into.ID)
		}
		if got := saveReport(t, st, reportOf("E", "The envoy and Putin spoke for three hours on Wednesday.", putinMeeting)); got != ev {
			t.Errorf("another report joined %d, want %d", got, ev)
		}
		for id, want := range map[uint]string{ev: `"split off":"event `, into.ID: `"split from":"event `} {
			edits, err := st.Edits(ctx, models.EditEvent, id)
			mustRead(t, err)
			if len(edits) != 1 || !strings.Contains(edits[0].AfterJSON, want) {
				t.Errorf("edit log of %d: %+v", id, edits)
			}
		}
		// Merging them back leaves no split behind: reports go to the kept event.
		_, _, err = st.MergeEvents(ctx, ev, 1, into.ID, 1, ann, now)
		mustRead(t, err)
		if got := saveReport(t, st, reportOf("F", s2+" Officials confirmed it.", putinMeeting)); got != ev {
			t.Errorf("after merging back, a report joined %d, want %d", got, ev)
		}
	})
}
