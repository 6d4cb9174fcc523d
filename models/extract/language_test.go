package extract

import (
	"io/fs"
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
	err := filepath.WalkDir(".", func(f string, _ fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(f, ".go") || strings.HasSuffix(f, "_test.go") {
			return err
		}
		if b, _ := os.ReadFile(f); strings.Contains(string(b), "reckon") {
			t.Fatalf("%s names the verb: this test is about data alone", f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	body := "Sergei Lavrov reckoned on Tuesday that Kyiv was stalling.\n\n" +
		"Steve Witkoff met Yuri Ushakov in Moscow on Wednesday, reckoning that a summit could follow within days.\n\n" +
		"Marco Rubio reckons the sanctions will bite by Friday."
	x, err := en.Extract(Input{Name: "t", Data: []byte(body), Plain: true})
	if err != nil {
		t.Fatal(err)
	}
	quotes := x.Articles[0].Quotes
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

// en is the English extractor the tests share.
var en = func() *Extractor {
	x, err := New("en")
	if err != nil {
		panic(err)
	}
	return x
}()

// TestLanguageLoads: the shipped language data loads, and an unknown
// language is an error naming it.
func TestLanguageLoads(t *testing.T) {
	if x, err := New("en"); err != nil || x.Language() != "en" {
		t.Fatalf("New(en) = %v, %v", x, err)
	}
	if _, err := New("xx"); err == nil || !strings.Contains(err.Error(), "xx") {
		t.Errorf("New(xx) = %v, want an error naming xx", err)
	}
}
