package views

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"dateline/models"
	"dateline/models/threads"
)

const evil = `</script><script>alert(1)</script>`

func TestDisplayDate(t *testing.T) {
	tests := []struct{ value, gran, want string }{
		{"2025-08-06", models.GranDay, "6 Aug 2025"},
		{"2025-08-06T14:00", models.GranTime, "6 Aug 2025, 14:00"},
		{"2025-W33", models.GranWeek, "week of 11 Aug 2025"},
		{"2025-W01", models.GranWeek, "week of 30 Dec 2024"},
		{"2025-08", models.GranMonth, "Aug 2025"},
		{"2025-Q3", models.GranQuarter, "Q3 2025"},
		{"2025", models.GranYear, "2025"},
		// Failure cases: unreadable values still show something.
		{"XXXX-04", models.GranMonth, "c. Apr (year unknown)"},
		{"PAST_REF", models.GranUnknown, "in the past"},
		{"", "", "date unknown"},
		{"2025-13-45", models.GranDay, "c. 2025-13-45"},
		{"2025-W99", models.GranWeek, "c. 2025-W99"},
	}
	for _, tt := range tests {
		if got := DisplayDate(tt.value, tt.gran); got != tt.want {
			t.Errorf("DisplayDate(%q, %q) = %q, want %q", tt.value, tt.gran, got, tt.want)
		}
	}
}

func TestDeadlineStatus(t *testing.T) {
	now := time.Date(2025, 8, 6, 21, 30, 0, 0, time.UTC)
	tests := []struct{ value, gran, want string }{
		{"2025-08-08", models.GranDay, "in 2 days"},
		{"2025-08-07", models.GranDay, "tomorrow"},
		{"2025-08-06", models.GranDay, "today"},
		{"2025-08-05", models.GranDay, "passed 1 day ago"},
		{"2025-07-27", models.GranDay, "passed 10 days ago"},
		{"2025-08-08T12:00", models.GranTime, "in 2 days"},
		{"XXXX-08", models.GranMonth, "date not known precisely"},
	}
	for _, tt := range tests {
		if got := DeadlineStatus(tt.value, tt.gran, now); got != tt.want {
			t.Errorf("DeadlineStatus(%q) = %q, want %q", tt.value, got, tt.want)
		}
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "plain": "plain", "": "", "a=b": "a=b",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQuoteCSVReadBack(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewCSVWriter(&buf, QuoteColumns)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 8, 6, 15, 0, 0, 0, time.UTC)
	rows := []models.QuoteRow{
		{QuoteID: 1, Kind: "direct", Text: "=HYPERLINK(\"http://x\",\"y\")", Speaker: evil, PlacedAt: &at,
			ArticleID: 2, Title: "line one\nline two, \"quoted\"", PublishedAt: &at},
		{QuoteID: 2, Kind: "indirect", Text: "Great progress was made!"},
	}
	for i := range rows {
		if err := w.Quote(&rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || strings.Join(recs[0], ",") != strings.Join(QuoteColumns, ",") {
		t.Fatalf("header or row count wrong: %q", recs)
	}
	if got := recs[1][2]; got != `'=HYPERLINK("http://x","y")` {
		t.Errorf("formula not neutralised: %q", got)
	}
	if recs[1][3] != evil || recs[1][5] != "2025-08-06T15:00:00Z" || recs[1][7] != "line one\nline two, \"quoted\"" {
		t.Errorf("row 1 does not read back: %q", recs[1])
	}
	if recs[2][5] != "" || recs[2][2] != "Great progress was made!" {
		t.Errorf("row 2 does not read back: %q", recs[2])
	}
}

func TestJSONWriter(t *testing.T) {
	for n, want := range map[int]int{0: 0, 1: 1, 3: 3} {
		var buf bytes.Buffer
		w := NewJSONWriter(&buf)
		for i := 0; i < n; i++ {
			if err := w.Article(&models.ArticleRow{ArticleID: uint(i + 1), Title: evil}); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		var got []models.ArticleRow
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatalf("%d rows: %v in %s", n, err, buf.String())
		}
		if len(got) != want || (n > 0 && got[0].Title != evil) {
			t.Errorf("%d rows: got %+v", n, got)
		}
	}
}

func TestHighlight(t *testing.T) {
	body := "Ушаков said: “Great progress was made!” Then <b>left</b>."
	// The quote's words in runes: find them without byte offsets.
	runes := []rune(body)
	qs := strings.Index(body, "Great")
	qStart := len([]rune(body[:qs]))
	qEnd := qStart + len([]rune("Great progress was made!"))
	segs := Highlight(body, []Span{
		{Start: 0, End: len(runes), Class: "event", Href: "/events/1"},
		{Start: qStart, End: qEnd, Class: "quote", Title: "Ushakov"},
		{Start: 50, End: 10, Class: "quote"},   // reversed: dropped
		{Start: -5, End: 9999, Class: "event"}, // clipped
	})
	var all strings.Builder
	var quoted string
	for _, s := range segs {
		all.WriteString(s.Text)
		if strings.Contains(s.Classes, "hl-quote") {
			quoted += s.Text
			if !strings.Contains(s.Classes, "hl-event") {
				t.Errorf("quote inside the event lost its event class: %+v", s)
			}
		}
	}
	if all.String() != body {
		t.Errorf("segments do not rebuild the body: %q", all.String())
	}
	if quoted != "Great progress was made!" {
		t.Errorf("quote span = %q (rune offsets mishandled)", quoted)
	}
}

func TestTimelineChartJSONEscaped(t *testing.T) {
	entries := []models.TimelineEntry{
		{Event: models.Event{ID: 1, Date: "2025-08-08", Granularity: models.GranDay, Kind: models.KindDeadline,
			Summary: evil, SortAt: time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)}},
		{Event: models.Event{ID: 2, Date: "2025-08-06", Granularity: models.GranDay, Kind: models.KindMeeting,
			Summary: "Envoy meets Putin", SortAt: time.Date(2025, 8, 6, 0, 0, 0, 0, time.UTC)}, Pinned: true},
	}
	counts := []models.SpeakerCount{{Name: evil, Slug: "x", Quotes: 2}, {Name: "Trump", Slug: "donald-trump", Quotes: 1}}
	now := time.Date(2025, 8, 7, 0, 0, 0, 0, time.UTC)
	v := NewStoryView(models.Story{ID: 1, Slug: "s", Title: evil}, models.Filter{}, entries, entries, counts,
		now, "http://127.0.0.1:8080")
	v.SetDeadlines([]*threads.Thread{{ID: "t", Kind: models.KindDeadline, SetBy: evil, Demand: evil, Consequence: evil,
		Due: "2025-08-08", Granularity: models.GranDay, Articles: 1, Outlets: 1,
		History: []threads.Change{{Change: models.DeadlineSet, On: "2025-07-14", Due: "2025-09-02", Sentence: evil, Source: evil, Reports: 1},
			{Change: models.DeadlineShortened, On: "2025-07-28", Due: "2025-08-08", Sentence: evil, Reports: 1}}}}, now)
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"story", "embed_story"} {
		var buf bytes.Buffer
		var data any = v
		if page == "story" {
			data = &ReaderStory{StoryView: v, Reader: NewReaderView(DigestOf(entries), ReaderQuery{Q: evil}, now)}
		}
		if err := r.Render(&buf, page, &Page{Title: evil, Theme: "light", Data: data}); err != nil {
			t.Fatal(err)
		}
		html := buf.String()
		if strings.Contains(html, "<script>alert(1)") {
			t.Errorf("%s: unescaped script in page", page)
		}
		if n := strings.Count(html, `class="chart-data"`); n == 0 {
			t.Errorf("%s: no chart block", page)
		}
		if !strings.Contains(html, "in 1 day") && !strings.Contains(html, "tomorrow") {
			t.Errorf("%s: deadline countdown missing", page)
		}
	}
	if got := v.LatestEntries(1); len(got) != 2 || !got[0].Pinned || got[1].Event.ID != 1 {
		t.Errorf("latest entries: %+v", got)
	}
	if v.Deadline[0].StatusText != "in 1 day" || len(v.Pinned) != 1 || len(v.Days) != 1 {
		t.Errorf("story view: %+v", v.Deadline)
	}
}

func TestZoomStart(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	var story []time.Time
	story = append(story, day(1, 20), day(4, 10))
	for d := 1; d <= 13; d++ {
		story = append(story, day(8, d))
	}
	tests := []struct {
		name     string
		times    []time.Time
		min, max float32
	}{
		{"few events", story[:3], 0, 0},
		{"short span", story[2:], 0, 0},
		{"one early outlier pair", story, 80, 97},
	}
	for _, tt := range tests {
		if got := zoomStart(tt.times); got < tt.min || got > tt.max {
			t.Errorf("%s: zoomStart = %v, want %v..%v", tt.name, got, tt.min, tt.max)
		}
	}
}

// TestDeadlineOrder: the panel puts the open threads first, soonest due
// first, then the ended ones, latest first; the embed leads with the first.
func TestDeadlineOrder(t *testing.T) {
	now := time.Date(2025, 8, 7, 0, 0, 0, 0, time.UTC)
	mk := func(id, due string) *threads.Thread {
		return &threads.Thread{ID: id, Kind: models.KindDeadline, Due: due, Granularity: models.GranDay,
			History: []threads.Change{{Change: models.DeadlineSet, Due: due}}}
	}
	v := NewStoryView(models.Story{Slug: "s"}, models.Filter{}, nil, nil, nil, now, "")
	v.SetDeadlines([]*threads.Thread{mk("a", "2025-07-01"), mk("b", "2025-08-01"), mk("c", "2025-08-08"), mk("d", "2025-09-01")}, now)
	var got []string
	for _, d := range v.Deadline {
		got = append(got, d.ID+" "+d.StatusText)
	}
	if fmt.Sprint(got) != "[c in 1 day d in 25 days b passed 6 days ago a passed 37 days ago]" || v.Lead()[0].ID != "c" {
		t.Errorf("deadline order %v", got)
	}
}

func TestTimelineChartMarkLines(t *testing.T) {
	at := time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)
	entries := []models.TimelineEntry{
		{Event: models.Event{ID: 1, Date: "2025-08-06", Granularity: models.GranDay, Kind: models.KindMeeting, SortAt: at.AddDate(0, 0, -2)}},
		{Event: models.Event{ID: 2, Date: "2025-08-08", Granularity: models.GranDay, Kind: models.KindDeadline, SortAt: at}},
	}
	ch := TimelineChart("c", entries)
	b, err := json.Marshal(ch.Option)
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		Series []struct {
			Name     string
			MarkLine *struct {
				Data []struct{ Name, XAxis string }
			} `json:"markLine"`
		}
		XAxis    []struct{ Type string } `json:"xAxis"`
		DataZoom []struct{ Type string } `json:"dataZoom"`
	}
	if err := json.Unmarshal(b, &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) != 2 || opt.Series[1].Name != "deadline" || opt.Series[1].MarkLine == nil ||
		opt.Series[1].MarkLine.Data[0].XAxis != "2025-08-08T00:00:00Z" || opt.Series[0].MarkLine != nil {
		t.Errorf("series: %s", b)
	}
	// One slider, no "inside" zoom: that one takes the mouse wheel from the page.
	if opt.XAxis[0].Type != "time" || len(opt.DataZoom) != 1 || opt.DataZoom[0].Type != "slider" || len(ch.Links) != 2 || ch.Links[1][0] != "/events/2" {
		t.Errorf("axis, zoom or links: %s %v", b, ch.Links)
	}
}

func TestNestedQuotes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`the "deal" is off`, "the ‘deal’ is off"},
		{"the “deal” is off", "the ‘deal’ is off"},
		{"it's \"final\" and \"fair\"", "it's ‘final’ and ‘fair’"},
		{"no marks here", "no marks here"},
	} {
		if got := NestedQuotes(c.in); got != c.want {
			t.Errorf("NestedQuotes(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
