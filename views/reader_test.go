package views

import (
	"html"
	"strings"
	"testing"
	"time"

	"dateline/models"
)

// FuzzReaderMark: whatever the search and the text, the marked text is the
// escaped text with <mark> and </mark> around some of it, and nothing else.
func FuzzReaderMark(f *testing.F) {
	for _, s := range [][2]string{{"talks", "Talks in Geneva"}, {"<b>", "a <b>bold</b> move"},
		{"( [ *", "odd ( [ * marks"}, {"é", "Élysée talks"}, {"a a", "a a a"}, {"", "x"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, q, text string) {
		v := NewReaderView(nil, ReaderQuery{Q: q}, time.Time{})
		got := string(v.Mark(text))
		plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got)
		if plain != html.EscapeString(text) {
			t.Fatalf("Mark(%q) with %q = %q", text, q, got)
		}
		if strings.Count(got, "<mark>") != strings.Count(got, "</mark>") {
			t.Fatalf("unbalanced marks: %q", got)
		}
	})
}

// TestReaderSpeculative: foreseen events go ahead; reported ones and
// deadlines stay.
func TestReaderSpeculative(t *testing.T) {
	now := time.Date(2025, 8, 6, 0, 0, 0, 0, time.UTC)
	past := now.AddDate(0, 0, -3)
	tests := []struct {
		summary, kind string
		at            time.Time
		ahead         bool
	}{
		{"A meeting could take place in April", models.KindMeeting, past, true},
		{"Sanctions are expected to take effect", models.KindSanction, past, true},
		{"The envoy met the president", models.KindMeeting, past, false},
		{"Deadline set by the White House", models.KindDeadline, now.AddDate(0, 0, 2), false},
		{"Talks set for next week", models.KindTalks, now.AddDate(0, 0, 7), true},
		{"Officials said the maybe-deal stalled", models.KindStatement, past, false},
	}
	for _, tt := range tests {
		d := models.EventDigest{Summary: tt.summary, Kind: tt.kind, SortAt: tt.at}
		if got := isAhead(d, now); got != tt.ahead {
			t.Errorf("%q: ahead %v, want %v", tt.summary, got, tt.ahead)
		}
	}
}
