package extract

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dateline/data"
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

// TestExtensionThroughData: a lexicon of a test's own, the shipped one
// with a verb (one lemma-only line), an event kind (one line of kinds.txt)
// and that kind's cues (one block of cues.txt) added, and no Go change:
// extraction finds the verb's quotes and statements and the new kind's
// events, with the kind's CAMEO code.
func TestExtensionThroughData(t *testing.T) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(data.Lexicons(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Lexicons(), p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	add := func(p, text string) {
		f, ok := fsys[p]
		if !ok {
			t.Fatalf("no %s in the shipped lexicon", p)
		}
		f.Data = append(append([]byte{}, f.Data...), text...)
	}
	add("en/verbs.txt", "\nmutter\n")
	add("kinds.txt", "\nprotest | 8 | 141 | #aa3366 |\n")
	add("en/cues.txt", "\nprotest: protest protests protested protesting demonstration demonstrations\n")

	x, err := NewFrom(fsys, "en")
	if err != nil {
		t.Fatal(err)
	}
	ref := time.Date(2025, 8, 7, 10, 0, 0, 0, time.UTC)
	body := "Sergei Lavrov muttered on Tuesday that Kyiv was stalling.\n\n" +
		"Farmers protested outside the European Parliament in Brussels on Wednesday."
	got, err := x.Extract(Input{Name: "t", Data: []byte(body), Plain: true, PublishedAt: &ref})
	if err != nil {
		t.Fatal(err)
	}
	a := got.Articles[0]
	quoted := false
	for _, q := range a.Quotes {
		quoted = quoted || (q.Cue == "muttered" && q.Speaker != nil && *q.Speaker == "Sergei Lavrov")
	}
	if !quoted {
		t.Errorf("no quote of Lavrov's with the cue muttered among %+v", a.Quotes)
	}
	kinds := map[string]models.ExtractedEvent{}
	for _, e := range a.Events {
		kinds[e.Kind] = e
	}
	if st, ok := kinds[models.KindStatement]; !ok || st.Date != "2025-08-05" {
		t.Errorf("no statement on 2025-08-05 among %+v", a.Events)
	}
	if p, ok := kinds["protest"]; !ok || p.Date != "2025-08-06" || p.Cameo != "141" {
		t.Errorf("no protest event on 2025-08-06 with CAMEO 141 among %+v", a.Events)
	}

	// The shipped data knows neither.
	plain, err := en.Extract(Input{Name: "t", Data: []byte(body), Plain: true, PublishedAt: &ref})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range plain.Articles[0].Events {
		if e.Kind == "protest" {
			t.Errorf("the shipped data found a protest: %+v", e)
		}
	}
	for _, q := range plain.Articles[0].Quotes {
		if q.Cue == "muttered" {
			t.Errorf("the shipped data knows muttered: %+v", q)
		}
	}
}
