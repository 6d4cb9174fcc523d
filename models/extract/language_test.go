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
	// "said A and reckoned that B" is two quotes, B not folded into A's
	two := extractOne(t, en, "Yuri Ushakov said the talks in Geneva were useful and reckoned that a summit could follow.")
	if len(two.Quotes) != 2 || two.Quotes[0].Text != "the talks in Geneva were useful" || two.Quotes[1].Cue != "reckoned" ||
		two.Quotes[1].Text != "a summit could follow" {
		t.Errorf("said A and reckoned that B: %+v", two.Quotes)
	}
	ref := time.Date(2025, 8, 7, 10, 0, 0, 0, time.UTC)
	y, err := en.Extract(Input{Name: "t", Data: []byte("Sergei Lavrov reckoned on Tuesday that Kyiv was stalling."), Plain: true, PublishedAt: &ref})
	if err != nil {
		t.Fatal(err)
	}
	evs := y.Articles[0].Events
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
// events, with the kind's CAMEO code; the shipped data finds neither.
func TestExtensionThroughData(t *testing.T) {
	x, err := NewFrom(lexiconWith(t, map[string]string{
		"en/verbs.txt": "\ngrumble\n",
		"kinds.txt":    "\nprotest | 8 | 141 | #aa3366 |\n",
		"en/cues.txt":  "\nprotest: protest protests protested protesting demonstration demonstrations\n",
	}), "en")
	if err != nil {
		t.Fatal(err)
	}
	body := "Sergei Lavrov grumbled on Tuesday that Kyiv was stalling.\n\n" +
		"Farmers protested outside the European Parliament in Brussels on Wednesday."
	a := extractOne(t, x, body)
	if !hasQuote(a, "grumbled", "Sergei Lavrov") {
		t.Errorf("no quote of Lavrov's with the cue grumbled among %+v", a.Quotes)
	}
	if st, ok := eventOf(a, models.KindStatement); !ok || st.Date != "2025-08-05" {
		t.Errorf("no statement on 2025-08-05 among %+v", a.Events)
	}
	if p, ok := eventOf(a, "protest"); !ok || p.Date != "2025-08-06" || p.Cameo != "141" {
		t.Errorf("no protest event on 2025-08-06 with CAMEO 141 among %+v", a.Events)
	}
	shipped := extractOne(t, en, body)
	if _, ok := eventOf(shipped, "protest"); ok || hasQuote(shipped, "grumbled", "Sergei Lavrov") {
		t.Errorf("the shipped data knows the test's verb or kind: %+v", shipped)
	}
}

// lexiconWith copies the shipped lexicon, adding text to the end of files.
func lexiconWith(t *testing.T, adds map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(data.Lexicons(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Lexicons(), p)
		fsys[p] = &fstest.MapFile{Data: append(b, adds[p]...)}
		delete(adds, p)
		return err
	})
	if err != nil || len(adds) > 0 {
		t.Fatalf("copying the lexicon: %v; not in it: %v", err, adds)
	}
	return fsys
}

// extractOne extracts body as one article published on 7 August 2025.
func extractOne(t *testing.T, x *Extractor, body string) models.ExtractedArticle {
	t.Helper()
	ref := time.Date(2025, 8, 7, 10, 0, 0, 0, time.UTC)
	got, err := x.Extract(Input{Name: "t", Data: []byte(body), Plain: true, PublishedAt: &ref})
	if err != nil {
		t.Fatal(err)
	}
	return got.Articles[0]
}

func hasQuote(a models.ExtractedArticle, cue, speaker string) bool {
	for _, q := range a.Quotes {
		if q.Cue == cue && q.Speaker != nil && *q.Speaker == speaker {
			return true
		}
	}
	return false
}

func eventOf(a models.ExtractedArticle, kind string) (models.ExtractedEvent, bool) {
	for _, e := range a.Events {
		if e.Kind == kind {
			return e, true
		}
	}
	return models.ExtractedEvent{}, false
}

// TestLanguageIsAFolder: a language is a folder of data/lexicon; a copy of
// the English one under another name is a language of its own that reads
// as English does.
func TestLanguageIsAFolder(t *testing.T) {
	fsys := lexiconWith(t, nil)
	for p, f := range fsys {
		if rest, ok := strings.CutPrefix(p, "en/"); ok {
			fsys["xx/"+rest] = f
		}
	}
	x, err := NewFrom(fsys, "xx")
	if err != nil || x.Language() != "xx" {
		t.Fatalf("NewFrom(xx) = %v, %v", x, err)
	}
	body := "Sergei Lavrov said on Tuesday that the talks in Geneva would fail."
	got, want := extractOne(t, x, body), extractOne(t, en, body)
	if len(got.Events) == 0 || len(got.Events) != len(want.Events) || len(got.Quotes) != len(want.Quotes) {
		t.Errorf("xx: %d events %d quotes, en: %d events %d quotes", len(got.Events), len(got.Quotes), len(want.Events), len(want.Quotes))
	}
}
