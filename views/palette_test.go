package views

import (
	"encoding/json"
	"io/fs"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/models"
)

// entriesOfEveryKind is a timeline with one event of each kind.
func entriesOfEveryKind() []models.TimelineEntry {
	var out []models.TimelineEntry
	for i, k := range KindNames() {
		day := time.Date(2025, 8, 1+i, 0, 0, 0, 0, time.UTC)
		out = append(out, models.TimelineEntry{Event: models.Event{ID: uint(i + 1), Date: day.Format("2006-01-02"),
			Granularity: models.GranDay, Kind: k, Summary: "event " + k, SortAt: day}})
	}
	return out
}

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#000000", 21},
		{"#777777", "#ffffff", 4.48},
		{"#2f6db5", "#2f6db5", 1},
		{"#ff0000", "#ffffff", 4.00},
		{"#fff", "#000", 21},
	}
	for _, tt := range tests {
		got, err := Contrast(tt.a, tt.b)
		if err != nil || math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, %v; want %.2f", tt.a, tt.b, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "#ffff", "red", "#gg0000", "#12345678"} {
		if _, err := Contrast(bad, "#ffffff"); err == nil {
			t.Errorf("Contrast(%q) read a colour", bad)
		}
	}
}

// cssVars reads the custom properties of the style sheet's light theme
// (:root), its dark theme ([data-theme="dark"]) and the dark colours of
// the automatic theme (inside @media (prefers-color-scheme: dark)).
func cssVars(t *testing.T) (light, dark, auto map[string]string, css string) {
	t.Helper()
	b, err := fs.ReadFile(Static(), "style.css")
	if err != nil {
		t.Fatal(err)
	}
	css = string(b)
	block := func(start string) map[string]string {
		i := strings.Index(css, start)
		if i < 0 {
			t.Fatalf("style.css has no %q", start)
		}
		body := css[i+len(start):]
		body = body[:strings.IndexByte(body, '}')]
		out := map[string]string{}
		for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-f]{6});`).FindAllStringSubmatch(body, -1) {
			out[m[1]] = m[2]
		}
		return out
	}
	media := css[strings.Index(css, "@media (prefers-color-scheme: dark)"):]
	i := strings.Index(media, `[data-theme="auto"] {`)
	if i < 0 {
		t.Fatal("style.css has no automatic dark theme")
	}
	return block(":root {"), block(`[data-theme="dark"] {`), block2(media[i:], `[data-theme="auto"] {`), css
}

func block2(s, start string) map[string]string {
	body := s[len(start):]
	body = body[:strings.IndexByte(body, '}')]
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-f]{6});`).FindAllStringSubmatch(body, -1) {
		out[m[1]] = m[2]
	}
	return out
}

func themeVars(th Theme) map[string]string {
	return map[string]string{"bg": th.Background, "panel": th.Panel, "ink": th.Ink, "muted": th.Muted,
		"link": th.Link, "accent": th.Accent, "rule": th.Rule, "on-accent": th.OnAccent}
}

// TestThemesAreTheStyleSheets: the Go themes the server-drawn pictures use
// are the colours of style.css, light, dark and automatic.
func TestThemesAreTheStyleSheets(t *testing.T) {
	light, dark, auto, _ := cssVars(t)
	for _, tt := range []struct {
		name string
		css  map[string]string
		th   Theme
	}{{"light", light, Light}, {"dark", dark, Dark}, {"auto (dark)", auto, Dark}} {
		for name, want := range themeVars(tt.th) {
			if got := tt.css[name]; got != want {
				t.Errorf("%s theme: --%s is %q in style.css, %q in palette.go", tt.name, name, got, want)
			}
		}
	}
}

// TestPaletteContrast computes the WCAG contrast of every colour the pages,
// embeds, charts and pictures use on both themes: text 4.5:1 against the
// background and the panels, chart marks 3:1.
func TestPaletteContrast(t *testing.T) {
	check := func(what, fg, bg string, min float64) {
		t.Helper()
		r, err := Contrast(fg, bg)
		if err != nil || r < min {
			t.Errorf("%s: %s on %s is %.2f:1, want %.1f:1 (%v)", what, fg, bg, r, min, err)
		}
	}
	for _, th := range []Theme{Light, Dark} {
		for _, bg := range []string{th.Background, th.Panel} {
			for name, fg := range map[string]string{"ink": th.Ink, "muted": th.Muted, "link": th.Link, "accent": th.Accent} {
				check(th.Name+" text "+name, fg, bg, TextContrast)
			}
			for _, kind := range KindNames() {
				check(th.Name+" marks of "+kind, MarkColour(kind, th), bg, MarkContrast)
			}
			check(th.Name+" marks of an unknown kind", MarkColour("no-such-kind", th), bg, MarkContrast)
			check(th.Name+" speakers bars", SpeakerBar, bg, MarkContrast)
		}
		check(th.Name+" kind badge", th.Ink, th.Rule, TextContrast)
	}
	// The charts carry exactly those colours: light in the option, dark
	// beside it for app.js.
	ch := TimelineChart("t", entriesOfEveryKind())
	var opt struct {
		Series []any `json:"series"`
	}
	b, _ := json.Marshal(ch.Option)
	if err := json.Unmarshal(b, &opt); err != nil || len(opt.Series) != len(KindNames()) {
		t.Fatalf("timeline option: %d series, %v", len(opt.Series), err)
	}
	for i, s := range opt.Series {
		name := s.(map[string]any)["name"].(string)
		got := s.(map[string]any)["itemStyle"].(map[string]any)["color"]
		if got != MarkColour(name, Light) || ch.DarkColors[i] != MarkColour(name, Dark) {
			t.Errorf("series %s: colours %v / %s, want %s / %s", name, got, ch.DarkColors[i], MarkColour(name, Light), MarkColour(name, Dark))
		}
	}
}

// TestBadgeContrast reads the kind badges' rules of style.css and checks
// their text against their background on both themes.
func TestBadgeContrast(t *testing.T) {
	light, dark, _, css := cssVars(t)
	re := regexp.MustCompile(`(?m)^([.a-z, -]+) \{ background: ([^;]+); color: ([^;]+); \}$`)
	rules := re.FindAllStringSubmatch(css, -1)
	if len(rules) < 5 {
		t.Fatalf("found %d badge rules in style.css", len(rules))
	}
	resolve := func(v string, vars map[string]string) string {
		if name, ok := strings.CutPrefix(v, "var(--"); ok {
			return vars[strings.TrimSuffix(name, ")")]
		}
		return v
	}
	for _, r := range rules {
		for theme, vars := range map[string]map[string]string{"light": light, "dark": dark} {
			bg, fg := resolve(r[2], vars), resolve(r[3], vars)
			if bg == "" {
				bg = resolve(r[2], light) // a variable only the light theme sets
			}
			if c, err := Contrast(fg, bg); err != nil || c < TextContrast {
				t.Errorf("%s on %s theme: %s on %s is %.2f:1 (%v)", r[1], theme, fg, bg, c, err)
			}
		}
	}
}

// TestReadable: a colour already readable stays; one too faint moves
// towards black on light, white on dark, just enough.
func TestReadable(t *testing.T) {
	tests := []struct {
		c, bg   string
		changed bool
	}{
		{"#2f6db5", Light.Background, false},
		{"#d9822b", Light.Background, true},
		{"#8b1e3f", Dark.Background, true},
		{"#ffffff", Dark.Background, false},
		{"#fbfaf7", Light.Background, true},
		{"not a colour", Light.Background, false},
	}
	for _, tt := range tests {
		got := Readable(tt.c, MarkContrast, tt.bg)
		if (got != tt.c) != tt.changed {
			t.Errorf("Readable(%s on %s) = %s", tt.c, tt.bg, got)
		}
		if r, err := Contrast(got, tt.bg); tt.changed && (err != nil || r < MarkContrast || r > MarkContrast+1.5) {
			t.Errorf("Readable(%s on %s) = %s at %.2f:1", tt.c, tt.bg, got, r)
		}
	}
}
