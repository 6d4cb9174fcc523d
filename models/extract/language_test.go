package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/models"
)

// TestVerbFromDataAlone: "reckon" is one lemma-only line in
// data/lexicon/en/verbs.txt and nowhere in the Go code, and all its forms
// report speech, and its finite forms are statement events.
func TestVerbFromDataAlone(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if b, _ := os.ReadFile(f); !strings.HasSuffix(f, "_test.go") && strings.Contains(string(b), "reckon") {
			t.Fatalf("%s names the verb: this test is about data alone", f)
		}
	}
	body := "Sergei Lavrov reckoned on Tuesday that Kyiv was stalling.\n\n" +
		"Steve Witkoff met Yuri Ushakov in Moscow on Wednesday, reckoning that a summit could follow within days.\n\n" +
		"Marco Rubio reckons the sanctions will bite by Friday."
	quotes, _ := quotesOf(body)
	want := map[string]string{"reckoned": "Sergei Lavrov", "reckoning": "Steve Witkoff", "reckons": "Marco Rubio"}
	for _, q := range quotes {
		if sp, ok := want[q.Cue]; ok && q.Speaker != nil && *q.Speaker == sp {
			delete(want, q.Cue)
		}
	}
	if len(want) > 0 {
		t.Errorf("no quote for %v among %+v", want, quotes)
	}
	evs := eventsOf("Sergei Lavrov reckoned on Tuesday that Kyiv was stalling.", time.Date(2025, 8, 7, 10, 0, 0, 0, time.UTC))
	if len(evs) != 1 || evs[0].Kind != models.KindStatement || evs[0].Date != "2025-08-05" {
		t.Errorf("events %+v, want one statement on 2025-08-05", evs)
	}
}

// TestLanguageLoads: the shipped language data loads without error.
func TestLanguageLoads(t *testing.T) {
	if err := LanguageError(); err != nil {
		t.Fatal(err)
	}
}
