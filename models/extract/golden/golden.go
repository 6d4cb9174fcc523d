package golden

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/data"
	"dateline/models"
	"dateline/models/extract/doc"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// CheckGolden compares v, as indented JSON, with the golden file path;
// go test -update rewrites the file instead. A difference is reported as a
// line diff (- golden, + now), not the whole document.
func CheckGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if d := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")); d != "" {
		t.Errorf("%s differs (- golden, + now; go test -update rewrites it after review):\n%s", path, d)
	}
}

// goldenEvent is an event as its golden file holds it: with the rules that
// made it, so a golden diff names the rule that changed an event.
type goldenEvent struct {
	models.ExtractedEvent
	Rules []string `json:"rules"`
}

func GoldenEvents(evs []models.ExtractedEvent) []goldenEvent {
	out := make([]goldenEvent, len(evs))
	for i, e := range evs {
		out[i] = goldenEvent{e, e.Rules}
		if out[i].Rules == nil {
			out[i].Rules = []string{}
		}
	}
	return out
}

// English returns the shipped English language data for tests; it panics
// when the data does not load, which TestLanguageLoads reports properly.
func English() *doc.Language {
	lg, err := doc.Load(data.Lexicons(), "en")
	if err != nil {
		panic(err)
	}
	return lg
}

// Fixtures lists the .txt fixtures of every stage's testdata below root
// (the models/extract folder): events/testdata, pages/testdata and
// quotes/testdata, in that order.
func Fixtures(t testing.TB, root string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "*/testdata/*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	return files
}
