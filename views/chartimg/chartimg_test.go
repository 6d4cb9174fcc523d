package chartimg

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"dateline/models"
	"dateline/views"
)

func entries(n int, summary string) []models.TimelineEntry {
	out := make([]models.TimelineEntry, n)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		d := start.Add(time.Duration(i) * 6 * time.Hour)
		kind := views.KindNames()[i%len(views.KindNames())]
		out[i] = models.TimelineEntry{Event: models.Event{ID: uint(i + 1), Date: d.Format("2006-01-02"),
			Granularity: models.GranDay, Kind: kind, Summary: fmt.Sprintf("%s %d", summary, i), SortAt: d}}
	}
	return out
}

// decode parses an SVG and counts its elements by name.
func decode(t *testing.T, b []byte) map[string]int {
	t.Helper()
	counts := map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return counts
		}
		if err != nil {
			t.Fatalf("not well formed: %v\n%.400s", err, b)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
		}
	}
}

// TestSVGEscapesEverything: markup, entities, control characters and
// broken UTF-8 in a story's texts stay text in a well-formed SVG.
func TestSVGEscapesEverything(t *testing.T) {
	for _, hostile := range []string{`</text><script>alert(1)</script>`, `a & b <c> "d" 'e'`, "nul\x00 bell\x07 esc\x1b",
		"broken \xff\xfe utf-8", "]]> <![CDATA[ x", "<!-- -->", strings.Repeat("long ", 500)} {
		s, err := TimelineScene(Timeline{Title: hostile, Entries: entries(5, hostile), Footer: hostile, Theme: views.Light})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := s.WriteSVG(&buf); err != nil {
			t.Fatal(err)
		}
		counts := decode(t, buf.Bytes())
		if counts["script"] > 0 || counts["svg"] != 1 {
			t.Errorf("%q: elements %v", hostile, counts)
		}
		card, err := CardScene(Card{Story: hostile, Footer: hostile, Theme: views.Dark})
		if err != nil {
			t.Fatal(err)
		}
		buf.Reset()
		if err := card.WriteSVG(&buf); err != nil {
			t.Fatal(err)
		}
		decode(t, buf.Bytes())
	}
}

// TestTimelineBounded: a story of thousands of events draws at most
// MaxEvents dots (the latest), and texts are cut to fit the picture.
func TestTimelineBounded(t *testing.T) {
	s, err := TimelineScene(Timeline{Title: strings.Repeat("A very long story title ", 40),
		Entries: entries(3000, strings.Repeat("word ", 200)), Theme: views.Light})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	defer fs.close()
	labelled := 0
	for _, it := range s.Items {
		if it.shape == shapeCircle && it.Label != "" {
			labelled++
			if strings.Contains(it.Label, "summary 0 ") {
				t.Error("an early event is drawn past the bound")
			}
		}
		if it.shape == shapeText {
			x := it.X
			if it.Anchor == anchorEnd {
				x -= fs.width(it.Text, it.Size, it.Bold)
			}
			if x < -0.5 || x+fs.width(it.Text, it.Size, it.Bold) > float64(s.W)+0.5 {
				t.Errorf("text %q runs out of the picture", it.Text)
			}
		}
	}
	if labelled != MaxEvents {
		t.Errorf("%d dots drawn, want %d", labelled, MaxEvents)
	}
	img, err := s.Raster()
	if err != nil || img.Bounds().Dx() != TimelineW || img.Bounds().Dy() != TimelineH {
		t.Errorf("raster: %v %v", img.Bounds(), err)
	}
}

func TestTicks(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		from, to time.Time
		all      string
	}{
		{day(2025, 8, 6), day(2025, 8, 11), "6 Aug,7 Aug,8 Aug,9 Aug,10 Aug,11 Aug"},
		{day(2025, 7, 14), day(2025, 9, 2), "14 Jul,21 Jul,28 Jul,4 Aug,11 Aug,18 Aug,25 Aug,1 Sep"},
		{day(2024, 11, 3), day(2025, 8, 1), "Jan 2025,Mar 2025,May 2025,Jul 2025"},
		{day(2001, 5, 1), day(2025, 1, 1), "2005,2010,2015,2020,2025"},
	}
	for _, tt := range tests {
		var labels []string
		for _, tk := range ticks(tt.from, tt.to) {
			if tk.at.Before(tt.from) || tk.at.After(tt.to) {
				t.Errorf("tick %v outside %v..%v", tk.at, tt.from, tt.to)
			}
			labels = append(labels, tk.label)
		}
		if got := strings.Join(labels, ","); got != tt.all {
			t.Errorf("ticks(%v, %v) = %s, want %s", tt.from, tt.to, got, tt.all)
		}
	}
}

func TestFitAndWrap(t *testing.T) {
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	defer fs.close()
	tests := []struct {
		in   string
		maxW float64
		want string
	}{
		{"short", 200, "short"},
		{"Deadline set by Donald Trump on Russia", 120, "Deadline set by…"},
		{"Supercalifragilistic", 60, "Superc…"},
		{"  spaced   out  ", 200, "spaced out"},
	}
	for _, tt := range tests {
		got := fs.fit(tt.in, 14, false, tt.maxW)
		if got != tt.want || fs.width(got, 14, false) > tt.maxW {
			t.Errorf("fit(%q, %v) = %q (%.1f px), want %q", tt.in, tt.maxW, got, fs.width(got, 14, false), tt.want)
		}
	}
	lines := fs.wrap(strings.Repeat("ceasefire talks ", 30), 14, false, 200, 2)
	if len(lines) != 2 || !strings.HasSuffix(lines[1], ellipsis) {
		t.Errorf("wrap: %q", lines)
	}
	for _, l := range lines {
		if fs.width(l, 14, false) > 200 {
			t.Errorf("wrapped line %q too wide", l)
		}
	}
}

// BenchmarkPictures times what one picture request costs past the store:
// laying out and writing the SVG, and rasterising and encoding the PNG, of
// a 200-event story (the most a story page lists).
func BenchmarkPictures(b *testing.B) {
	es := entries(200, "Envoy meets Putin in Moscow as the sanctions deadline nears")
	tl := Timeline{Title: "Russia", Entries: es, Footer: "From 3 outlets · dateline", Theme: views.Light}
	b.Run("timeline.svg", func(b *testing.B) {
		for b.Loop() {
			s, _ := TimelineScene(tl)
			_ = s.WriteSVG(io.Discard)
		}
	})
	for _, size := range [][2]int{{TimelineW, TimelineH}, {ShareW, ShareH}} {
		b.Run(fmt.Sprintf("png-%dx%d", size[0], size[1]), func(b *testing.B) {
			tl.W, tl.H = size[0], size[1]
			for b.Loop() {
				s, _ := TimelineScene(tl)
				_ = s.WritePNG(io.Discard)
			}
		})
	}
}

// FuzzPictures: any title, summary, kind, date and footer gives a
// well-formed SVG with the picture's size, and a PNG that rasterises.
func FuzzPictures(f *testing.F) {
	f.Add("Russia", "Envoy meets Putin", "meeting", "2025-08-06", models.GranDay, "From 1 outlet")
	f.Add(`</text><script>alert(1)</script>`, "a & b \x00\xff", "no-such-kind", "2025-W33", models.GranWeek, "]]>")
	f.Add("", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, title, summary, kind, date, gran, footer string) {
		at, _ := views.ParseDate(date, gran)
		es := []models.TimelineEntry{{Event: models.Event{ID: 1, Date: date, Granularity: gran, Kind: kind, Summary: summary, SortAt: at}},
			{Event: models.Event{ID: 2, Date: "2025-08-08", Granularity: models.GranDay, Kind: models.KindDeadline, Summary: summary,
				SortAt: time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)}}}
		s, err := TimelineScene(Timeline{Title: title, Entries: es, Footer: footer, Theme: views.Dark, W: 480, H: 240})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := s.WriteSVG(&buf); err != nil {
			t.Fatal(err)
		}
		if c := decode(t, buf.Bytes()); c["svg"] != 1 || c["script"] != 0 {
			t.Errorf("elements %v", c)
		}
		if img, err := s.Raster(); err != nil || img.Bounds().Dx() != 480 {
			t.Errorf("raster: %v", err)
		}
	})
}
