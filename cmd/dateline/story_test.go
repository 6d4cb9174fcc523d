package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/models"
	"dateline/models/store"
	"dateline/views"
)

// storyFixtureArticle is a short report with a meeting, a deadline, a
// month-precise event and a partial quote, written for these tests.
func storyFixtureArticle() models.ExtractedArticle {
	pub := time.Date(2025, 8, 6, 18, 0, 0, 0, time.UTC)
	trump := "Donald Trump"
	body := `The US envoy held three hours of talks with Putin in Moscow on Wednesday. ` +
		`Trump wrote that "great progress was made" and kept Friday's deadline in place.`
	return models.ExtractedArticle{Title: "Envoy's Moscow talks end; Friday deadline stands", Source: "E2E Wire",
		PublishedAt: &pub, PublishedPrecision: models.PrecHour, Body: body,
		Events: []models.ExtractedEvent{
			{Date: "2025-08-06", Granularity: models.GranDay, Kind: models.KindMeeting, Cameo: "036",
				Summary: "US envoy holds talks with Putin in Moscow", Sentence: body[:74], Start: 0, End: 74,
				Actors: []string{"Vladimir Putin"}},
			{Date: "2025-08-08", Granularity: models.GranDay, Kind: models.KindDeadline, Cameo: "139",
				Summary: "Trump's sanctions deadline for Russia", Sentence: body[75:], Start: 75, End: len(body),
				Actors: []string{trump}, Deadline: &models.Deadline{Date: "2025-08-08", SetBy: trump,
					Demand: "agree to a ceasefire in Ukraine", Consequence: "new sanctions and secondary tariffs"}},
			{Date: "2025-08", Granularity: models.GranMonth, Kind: models.KindTalks, Summary: "Summit talk in August",
				Sentence: body[:74], Start: 0, End: 74, Actors: []string{trump, "Vladimir Putin"}},
		},
		Quotes: []models.ExtractedQuote{{Text: "great progress was made", Kind: models.QuotePartial,
			Start: 92, End: 115, Speaker: &trump, Cue: "wrote"}},
	}
}

// cliDB makes a database holding the fixture article in story "talks".
func cliDB(t *testing.T) string {
	t.Helper()
	db := testDB(t, filepath.Join(t.TempDir(), "cli.db"))
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SaveArticle(context.Background(), storyFixtureArticle(), store.SaveOptions{StorySlug: "talks"}); err != nil {
		t.Fatal(err)
	}
	return db
}

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestStoryCommand(t *testing.T) {
	db := cliDB(t)
	steps := []struct {
		args []string
		code int
		want string // in stdout, or in stderr when code != 0
	}{
		{[]string{"story", "list", "--db", db}, 0, "talks"},
		{[]string{"story", "show", "talks", "--db", db}, 0, "8 Aug 2025"},
		{[]string{"story", "create", "putin", "--db", db, "--title", "Putin", "--person", "Vladimir Putin", "--kind", "meeting,talks"}, 0, "created story putin"},
		{[]string{"story", "show", "putin", "--db", db}, 0, "2 events"},
		{[]string{"story", "create", "putin", "--db", db, "--title", "Again"}, 1, "already exists"},
		{[]string{"story", "create", "Bad Slug", "--db", db, "--title", "x"}, 1, "slug"},
		{[]string{"story", "edit", "putin", "--db", db, "--kind", "meeting", "--description", "Meetings only"}, 0, "saved story putin"},
		{[]string{"story", "show", "putin", "--db", db}, 0, "1 events"},
		{[]string{"story", "hide", "talks", "1", "--db", db}, 0, "hidden"},
		{[]string{"story", "pin", "talks", "2", "--db", db}, 0, "pinned"},
		{[]string{"story", "show", "talks", "--db", db}, 0, "*     2"},
		{[]string{"story", "hide", "talks", "1", "--clear", "--db", db}, 0, "cleared"},
		{[]string{"story", "pin", "talks", "999", "--db", db}, 1, "no event 999"},
		{[]string{"story", "attach", "putin", "1", "--db", db}, 0, "attached 1"},
		{[]string{"story", "attach", "putin", "77", "--db", db}, 1, "no article 77"},
		{[]string{"story", "show", "nope", "--db", db}, 1, "no story"},
		{[]string{"story", "frobnicate", "--db", db}, 2, "Usage"},
		{[]string{"story"}, 2, "Usage"},
	}
	for _, s := range steps {
		code, out, errOut := runCLI(t, s.args...)
		got := out
		if s.code != 0 {
			got = errOut
		}
		if code != s.code || !strings.Contains(got, s.want) {
			t.Errorf("%q: exit %d (want %d), output %q, want %q; stderr %q", s.args, code, s.code, got, s.want, errOut)
		}
	}
	code, out, _ := runCLI(t, "story", "show", "talks", "--json", "--db", db)
	var v struct{ Events []models.TimelineEntry }
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || len(v.Events) != 3 || !v.Events[2].Pinned || v.Events[2].Event.ID != 2 {
		t.Errorf("show --json: %d %s", code, out)
	}
}

func TestExportCommand(t *testing.T) {
	db := cliDB(t)
	code, out, errOut := runCLI(t, "export", "events", "--story", "talks", "--db", db)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 4 || strings.Join(recs[0], ",") != strings.Join(views.EventColumns, ",") {
		t.Fatalf("events CSV: %d %v %q %s", code, err, recs, errOut)
	}
	code, out, _ = runCLI(t, "export", "--format", "json", "--speaker", "Donald Trump", "--db", db, "quotes")
	var quotes []models.QuoteRow
	if code != 0 || json.Unmarshal([]byte(out), &quotes) != nil || len(quotes) != 1 || quotes[0].Cue != "wrote" {
		t.Errorf("quotes JSON: %d %s", code, out)
	}
	code, out, _ = runCLI(t, "export", "articles", "--from", "2025-09-01", "--db", db)
	if recs, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); code != 0 || len(recs) != 1 {
		t.Errorf("articles after September: %d %q", code, out)
	}
	for _, bad := range [][]string{{"export"}, {"export", "tweets"}, {"export", "events", "--format", "xml"}} {
		if code, _, _ := runCLI(t, append(bad, "--db", db)...); code != 2 {
			t.Errorf("%q: exit %d, want 2", bad, code)
		}
	}
	if code, _, errOut := runCLI(t, "export", "events", "--story", "nope", "--db", db); code != 1 || !strings.Contains(errOut, "no story") {
		t.Errorf("unknown story: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "export", "events", "--from", "soon", "--db", db); code != 1 || !strings.Contains(errOut, "YYYY-MM-DD") {
		t.Errorf("bad date: %d %q", code, errOut)
	}
}

func TestServeCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}, strings.NewReader(""), pw, &errb)
		pw.Close()
	}()
	buf := make([]byte, 512)
	n, _ := pr.Read(buf)
	line := string(buf[:n])
	go io.Copy(io.Discard, pr)
	i := strings.Index(line, "http://")
	if i < 0 {
		cancel()
		t.Fatalf("no URL printed: %q %s", line, errb.String())
	}
	base := strings.TrimSuffix(strings.Fields(line[i:])[0], "/")
	for path, want := range map[string]int{"/healthz": 200, "/": 200, "/stories/sanctions-deadline": 200, "/nope": 404} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, resp.StatusCode, want)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d: %s", code, errb.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
}
