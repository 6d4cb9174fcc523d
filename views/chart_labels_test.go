package views

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"dateline/models"
)

// TestTimelineDeadlineLabels: deadlines on one date draw one line; past
// maxLineLabels lines, none is labelled (the labels piled up).
func TestTimelineDeadlineLabels(t *testing.T) {
	tests := []struct {
		dates  []string
		lines  int
		labels bool
	}{
		{[]string{"2025-08-08", "2025-08-08"}, 1, true},
		{[]string{"2025-08-01", "2025-08-08", "2025-08-15"}, 3, true},
		{[]string{"2025-08-01", "2025-08-08", "2025-08-15", "2025-08-22", "2025-08-22"}, 4, false},
	}
	for _, tt := range tests {
		var entries []models.TimelineEntry
		for i, d := range tt.dates {
			at, _ := time.Parse("2006-01-02", d)
			entries = append(entries, models.TimelineEntry{Event: models.Event{ID: uint(i + 1), Date: d,
				Granularity: models.GranDay, SortAt: at, Kind: models.KindDeadline, Summary: fmt.Sprint("d", i)}})
		}
		b, _ := json.Marshal(TimelineChart("c", entries).Option)
		var opt struct {
			Series []struct {
				MarkLine struct {
					Data  []struct{ XAxis string }
					Label struct{ Show bool }
				} `json:"markLine"`
			}
		}
		if err := json.Unmarshal(b, &opt); err != nil {
			t.Fatal(err)
		}
		ml := opt.Series[0].MarkLine
		if len(ml.Data) != tt.lines || ml.Label.Show != tt.labels {
			t.Errorf("%v: %d lines, labels %v; want %d, %v", tt.dates, len(ml.Data), ml.Label.Show, tt.lines, tt.labels)
		}
	}
}
