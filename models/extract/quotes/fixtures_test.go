package quotes

import (
	"dateline/models"
	"dateline/models/extract/doc"
	"dateline/models/temporal"
	"strings"
	"testing"
	"time"
)

// fixtureBody strips a first line "# published <RFC 3339 time>" from a
// fixture, returning the body and that time (zero without the line).
func fixtureBody(t *testing.T, name, b string) (string, time.Time) {
	head, body, ok := strings.Cut(b, "\n")
	v, isHead := strings.CutPrefix(head, "# published ")
	if !ok || !isHead {
		return b, time.Time{}
	}
	ref, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil {
		t.Fatalf("%s: bad header %q: %v", name, head, err)
	}
	return body, ref
}

// quotesAt runs the time and quote stages on body as the pipeline does,
// relative dates resolved against ref when it is set.
func quotesAt(body string, ref time.Time) ([]models.ExtractedQuote, []models.ExtractedPerson) {
	d := doc.New(testLang, body, ref)
	if !ref.IsZero() {
		d.Timexes = temporal.Tag(body, ref)
	}
	Find(d)
	return d.Quotes, d.People
}

// TestOfficeHolders: an epithet is whoever held the office on the
// article's date (data/lexicon/en/offices.txt): "the US president" is
// Barack Obama in 2016 and Donald Trump in 2025; a date no listed holder
// covers resolves to nobody rather than to today's holder.
func TestOfficeHolders(t *testing.T) {
	body := "The US president said the deal was close. The French president said Europe was ready. " +
		"The Kremlin chief said Moscow would wait."
	for _, c := range []struct {
		ref  time.Time
		want []string
	}{
		{time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC), []string{"Barack Obama", "François Hollande", "Vladimir Putin"}},
		{time.Date(2025, 8, 7, 0, 0, 0, 0, time.UTC), []string{"Donald Trump", "Emmanuel Macron", "Vladimir Putin"}},
		{time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC), []string{"Barack Obama", "", ""}},
	} {
		qs, _ := quotesAt(body, c.ref)
		if len(qs) != len(c.want) {
			t.Fatalf("%s: %d quotes", c.ref.Format(time.DateOnly), len(qs))
		}
		for i, q := range qs {
			got := ""
			if q.Speaker != nil && q.SpeakerKind == models.SpeakerPerson {
				got = *q.Speaker
			}
			if got != c.want[i] {
				t.Errorf("%s: %q by %q, want %q", c.ref.Format(time.DateOnly), q.Text, got, c.want[i])
			}
		}
	}
}
