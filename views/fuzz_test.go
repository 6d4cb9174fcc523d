package views

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/models"
)

// FuzzDisplayDate: any value at any granularity reads as some text, and
// DeadlineStatus never panics.
func FuzzDisplayDate(f *testing.F) {
	for _, s := range []string{"2025-08-06", "2025-W33", "2025-Q3", "2025-08", "2025", "2025-08-06T14:00",
		"XXXX-04", "PAST_REF", "", "2025-W", "-Q", "9999-W53", "0000-W01", "2025-13"} {
		for _, g := range []string{models.GranDay, models.GranWeek, models.GranQuarter, models.GranMonth,
			models.GranYear, models.GranTime, models.GranUnknown} {
			f.Add(s, g)
		}
	}
	now := time.Date(2025, 8, 6, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, value, gran string) {
		if DisplayDate(value, gran) == "" {
			t.Errorf("DisplayDate(%q, %q) is empty", value, gran)
		}
		_ = DeadlineStatus(value, gran, now)
		_ = DayKey(value, gran)
	})
}

// FuzzHighlight: segments always rebuild the body exactly, whatever the spans.
func FuzzHighlight(f *testing.F) {
	f.Add("Trump said: “Great progress!”", 0, 5, 12, 28)
	f.Add("Ушаков сказал «да».", 3, 100, -4, 2)
	f.Add("", 0, 0, 1, 1)
	f.Fuzz(func(t *testing.T, body string, a, b, c, d int) {
		if !utf8.ValidString(body) {
			return
		}
		segs := Highlight(body, []Span{{Start: a, End: b, Class: "event"}, {Start: c, End: d, Class: "quote"}})
		var sb strings.Builder
		for _, s := range segs {
			sb.WriteString(s.Text)
		}
		if sb.String() != body {
			t.Errorf("segments rebuild %q, want %q", sb.String(), body)
		}
	})
}
