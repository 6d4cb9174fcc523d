package extract

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"time"

	"dateline/data"
	"dateline/models"
)

// sampleManifest is data/samples/manifest.json.
type sampleManifest struct {
	Story struct {
		Slug, Title, Description string
	}
	Files []struct {
		File      string    `json:"file"`
		FetchedAt time.Time `json:"fetched_at"`
		Format    string    `json:"format"`
	}
}

// TestSamples extracts every first-run sample as the store would and checks
// that each gives dated, titled articles with quotes.
func TestSamples(t *testing.T) {
	fsys := data.Samples()
	b, err := fs.ReadFile(fsys, "manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m sampleManifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Story.Slug != "sanctions-deadline" || m.Story.Title == "" || len(m.Files) < 3 {
		t.Fatalf("manifest: %+v", m)
	}
	total := 0
	for _, f := range m.Files {
		src, err := fs.ReadFile(fsys, f.File)
		if err != nil {
			t.Fatal(err)
		}
		fetched := f.FetchedAt
		format := FormatText
		if f.Format == "html" {
			format = FormatHTML
		}
		x, err := en.Extract(Input{Name: f.File, Data: src, Format: format, FetchedAt: &fetched})
		if err != nil {
			t.Fatalf("%s: %v", f.File, err)
		}
		for _, a := range x.Articles {
			total++
			if a.Title == "" || a.Source == "" || a.PublishedAt == nil || a.PublishedAt.After(fetched) {
				t.Errorf("%s: article %q from %q published %v", f.File, a.Title, a.Source, a.PublishedAt)
			}
			if strings.Contains(a.Body, "app") && strings.Contains(a.Body, "Download") {
				t.Errorf("%s: app prompt left in %q", f.File, a.Title)
			}
		}
	}
	if total < 5 {
		t.Errorf("samples give %d articles, want at least 5", total)
	}
}

// TestExtractDecodesInput checks the pipeline's use of text.Decode: Latin-1
// text is read, binary data refused with EINVALID.
func TestExtractDecodesInput(t *testing.T) {
	x, err := en.Extract(Input{Name: "latin1.txt", Data: []byte("Talks in Z\xfcrich\n\nThe envoys met in Z\xfcrich on Tuesday.")})
	if err != nil || len(x.Articles) != 1 || !strings.Contains(x.Articles[0].Body, "Zürich") {
		t.Fatalf("latin-1: %v %+v", err, x)
	}
	_, err = en.Extract(Input{Name: "image.png", Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")})
	if models.ErrorCode(err) != models.EINVALID {
		t.Errorf("binary input: %v, want an invalid error", err)
	}
}
