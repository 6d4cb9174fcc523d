package views

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dateline/models"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares v, as indented JSON, with testdata/name.golden.json.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./views -run Golden -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from %s (rerun with -update and review the diff):\n%s", name, path, got)
	}
}

// TestChartsGolden pins the ECharts options the pages get, so a change in
// go-echarts or in our builders shows up as a reviewed diff.
func TestChartsGolden(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 8, d, 0, 0, 0, 0, time.UTC) }
	entries := []models.TimelineEntry{
		{Event: models.Event{ID: 1, Date: "2025-08-06", Granularity: models.GranDay, Kind: models.KindVisit,
			Summary: "Envoy arrives in Moscow", SortAt: day(6)}},
		{Event: models.Event{ID: 2, Date: "2025-08-06T14:00", Granularity: models.GranTime, Kind: models.KindMeeting,
			Summary: "Envoy meets Putin", SortAt: day(6).Add(14 * time.Hour)}, Pinned: true},
		{Event: models.Event{ID: 3, Date: "2025-08-08", Granularity: models.GranDay, Kind: models.KindDeadline,
			Summary: "Sanctions deadline", SortAt: day(8)}},
		{Event: models.Event{ID: 4, Date: "2025-W33", Granularity: models.GranWeek, Kind: models.KindTalks,
			Summary: "Summit talk", SortAt: day(11)}},
	}
	golden(t, "timeline_chart", TimelineChart("timeline-chart", entries))
	golden(t, "speakers_chart", SpeakersChart("speakers-chart", []models.SpeakerCount{
		{Name: "Donald Trump", Slug: "donald-trump", Quotes: 5}, {Name: "Yuri Ushakov", Slug: "yuri-ushakov", Quotes: 4}}))
}
