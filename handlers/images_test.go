package handlers_test

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/handlers"
)

// svgText decodes an SVG with encoding/xml (failing the test when it is not
// well formed) and returns its root element name and all its character
// data, <title> elements included.
func svgText(t *testing.T, b []byte) (root string, text string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var sb strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well formed: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = x.Name.Local
			}
		case xml.CharData:
			sb.Write(x)
			sb.WriteByte('\n')
		}
	}
	return root, sb.String()
}

// TestChartImages: the timeline, deadline card and share pictures of a
// story come as well-formed SVG holding the story's event labels (hostile
// ones escaped) and as PNGs of the promised sizes, in both themes.
func TestChartImages(t *testing.T) {
	st := fixture(t)
	h := newApp(t, st, "")
	tests := []struct {
		path       string
		w, h       int
		wantInText []string
	}{
		{"/embed/stories/deadline/timeline.svg", 960, 480, []string{"Envoy meets Putin", "Sanctions deadline", "Summit talk", "From 1 outlet: Wire One"}},
		{"/embed/stories/deadline/timeline.svg?theme=dark&background=transparent", 960, 480, []string{"Envoy meets Putin"}},
		{"/embed/stories/hostile/timeline.svg", 960, 480, []string{"Statement " + evil, "Story " + evil}},
		{"/embed/stories/deadline/deadline.svg", 800, 420, []string{"Deadline set by Donald Trump", "a ceasefire", "secondary tariffs", "8 Aug 2025", "in 2 days"}},
		{"/embed/stories/hostile/deadline.svg", 800, 420, []string{"No deadline in this story yet"}},
		{"/embed/stories/deadline/timeline.png", 960, 480, nil},
		{"/embed/stories/deadline/timeline.png?theme=dark", 960, 480, nil},
		{"/embed/stories/deadline/deadline.png", 800, 420, nil},
		{"/embed/stories/deadline/share.png", 1200, 630, nil},
		{"/embed/stories/hostile/share.png?background=transparent", 1200, 630, nil},
	}
	for _, tt := range tests {
		w := get(t, h, tt.path)
		if w.Code != http.StatusOK {
			t.Errorf("%s: %d %s", tt.path, w.Code, w.Body.String())
			continue
		}
		ct := w.Header().Get("Content-Type")
		if strings.Contains(tt.path, ".svg") {
			if ct != "image/svg+xml; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", tt.path, ct)
			}
			root, text := svgText(t, w.Body.Bytes())
			if root != "svg" {
				t.Errorf("%s: root element %q", tt.path, root)
			}
			for _, want := range tt.wantInText {
				if !strings.Contains(text, want) {
					t.Errorf("%s: text lacks %q:\n%s", tt.path, want, text)
				}
			}
			if strings.Contains(w.Body.String(), "<script") {
				t.Errorf("%s: a label became markup", tt.path)
			}
			continue
		}
		img, err := png.Decode(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Errorf("%s: PNG does not decode: %v", tt.path, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h || ct != "image/png" {
			t.Errorf("%s: %dx%d %q, want %dx%d image/png", tt.path, b.Dx(), b.Dy(), ct, tt.w, tt.h)
		}
		if dir := os.Getenv("DATELINE_IMAGE_OUT"); dir != "" {
			name := strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "_").Replace(tt.path)
			_ = os.WriteFile(filepath.Join(dir, name+".png"), w.Body.Bytes(), 0o644)
		}
	}
}

// TestChartImageTimelinePixels: the PNG timeline is drawn, not blank: it
// has pixels of the deadline colour (the dashed line and the dot) and of
// the background; a transparent one keeps its corners clear.
func TestChartImageTimelinePixels(t *testing.T) {
	h := newApp(t, fixture(t), "")
	for _, tt := range []struct {
		path        string
		transparent bool
	}{{"/embed/stories/deadline/timeline.png", false}, {"/embed/stories/deadline/timeline.png?background=transparent", true}} {
		img, err := png.Decode(bytes.NewReader(get(t, h, tt.path).Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		colours := map[[3]uint32]int{}
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y += 2 {
			for x := b.Min.X; x < b.Max.X; x += 2 {
				r, g, bl, _ := img.At(x, y).RGBA()
				colours[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
			}
		}
		if len(colours) < 20 {
			t.Errorf("%s: only %d colours; the picture looks blank", tt.path, len(colours))
		}
		_, _, _, a := img.At(0, 0).RGBA()
		if (a == 0) != tt.transparent {
			t.Errorf("%s: corner alpha %d", tt.path, a)
		}
	}
}

// TestChartImageCaching: a second request with the ETag is answered 304;
// an unknown story or picture is 404.
func TestChartImageCaching(t *testing.T) {
	h := newApp(t, fixture(t), "")
	w := get(t, h, "/embed/stories/deadline/timeline.png")
	etag := w.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	req, _ := http.NewRequest(http.MethodGet, "/embed/stories/deadline/timeline.png", nil)
	req.RemoteAddr = "127.0.0.1:40000"
	req.Header.Set("If-None-Match", etag)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", rec.Code)
	}
	if w2 := get(t, h, "/embed/stories/deadline/timeline.svg"); w2.Header().Get("ETag") == etag {
		t.Error("the SVG and the PNG share an ETag")
	}
	for _, p := range []string{"/embed/stories/nope/timeline.png", "/embed/stories/deadline/pie.png"} {
		if w := get(t, h, p); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, w.Code)
		}
	}
}

// TestChartImageDeadlineStory: the deadline card of a story through
// extraction shows its thread and its step chart.
func TestChartImageDeadlineStory(t *testing.T) {
	st := deadlineStory(t, "russia")
	h, err := handlers.New(st, handlers.Options{Now: func() time.Time { return now }, Secret: []byte(testSecret)})
	if err != nil {
		t.Fatal(err)
	}
	_, text := svgText(t, get(t, h, "/embed/stories/russia/deadline.svg").Body.Bytes())
	for _, want := range []string{"Donald Trump", "DUE DATE AT EACH CHANGE", "shortened", "From 3 outlets"} {
		if !strings.Contains(text, want) {
			t.Errorf("card lacks %q:\n%s", want, text)
		}
	}
}
