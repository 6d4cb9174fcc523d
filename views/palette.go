package views

import (
	"fmt"
	"math"
	"strconv"
)

// Theme is the colours of one theme of the pages and embeds. The values
// are those of style.css (a test reads the style sheet and compares), and
// the server-drawn chart images use them directly.
type Theme struct {
	Name       string
	Background string // --bg: the page and embed background
	Panel      string // --panel: cards, entries, deadline panels
	Ink        string // --ink: body text
	Muted      string // --muted: secondary text, axis labels
	Link       string // --link
	Accent     string // --accent: deadline headings and countdowns
	Rule       string // --rule: grid lines and borders (decoration, no contrast asked)
	OnAccent   string // --on-accent: text on an accent background (deadline badges)
}

// Light and Dark are the two themes; "auto" picks one of them by the
// reader's prefers-color-scheme.
var (
	Light = Theme{Name: "light", Background: "#fbfaf7", Panel: "#ffffff", Ink: "#1d2430", Muted: "#5d6673",
		Link: "#1f5fa8", Accent: "#b3261e", Rule: "#e3ded4", OnAccent: "#ffffff"}
	Dark = Theme{Name: "dark", Background: "#12161c", Panel: "#1a2029", Ink: "#e8e6e1", Muted: "#a3abb7",
		Link: "#8ab4f8", Accent: "#ff7b72", Rule: "#2d3642", OnAccent: "#12161c"}
)

// SpeakerBar is the colour of the speakers chart's bars, the same on both
// themes (it stands out from both backgrounds).
const SpeakerBar = "#2f6db5"

// ThemeNamed returns the theme of a ?theme= value: Dark for "dark", Light
// for anything else (images cannot follow the reader's scheme by
// themselves; their pages choose with <picture>).
func ThemeNamed(name string) Theme {
	if name == "dark" {
		return Dark
	}
	return Light
}

// Minimum WCAG 2 contrast ratios: text against its background, and
// graphical marks (dots, bars, lines) against theirs.
const (
	TextContrast = 4.5
	MarkContrast = 3.0
)

// markColours holds every kind's chart colour per theme: the kinds.txt
// colour where it already stands out enough from the theme's background
// and panel, else that colour moved towards the theme's ink (darker on
// light, lighter on dark) in small steps until it does. The hue stays, so
// a kind still looks like itself in both themes.
var markColours = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, th := range []Theme{Light, Dark} {
		m := map[string]string{}
		for kind, c := range kindColors {
			m[kind] = Readable(c, MarkContrast, th.Background, th.Panel)
		}
		m[""] = Readable("#7a7f87", MarkContrast, th.Background, th.Panel)
		out[th.Name] = m
	}
	return out
}()

// MarkColour is the colour of a kind's marks on theme th; an unknown kind
// gets the neutral grey of kinds without a colour.
func MarkColour(kind string, th Theme) string {
	m := markColours[th.Name]
	if c, ok := m[kind]; ok {
		return c
	}
	return m[""]
}

// KindNames lists the kinds of kinds.txt in their display order.
func KindNames() []string { return append([]string(nil), kindOrder...) }

// Readable returns colour c, or c mixed with black (on light backgrounds)
// or white (on dark ones) just enough to reach ratio min against every
// background given. It returns c unchanged when c is not #rrggbb.
func Readable(c string, min float64, backgrounds ...string) string {
	rgb, err := parseHex(c)
	if err != nil || len(backgrounds) == 0 {
		return c
	}
	towards := [3]float64{0, 0, 0}
	if lum, _ := Luminance(backgrounds[0]); lum < 0.2 {
		towards = [3]float64{255, 255, 255}
	}
	for step := 0; step <= 20; step++ {
		t := float64(step) / 20
		var mix [3]float64
		for i := range mix {
			mix[i] = rgb[i] + (towards[i]-rgb[i])*t
		}
		out := toHex(mix)
		if worstContrast(out, backgrounds) >= min {
			return out
		}
	}
	return toHex(towards)
}

func worstContrast(c string, backgrounds []string) float64 {
	worst := math.Inf(1)
	for _, bg := range backgrounds {
		r, err := Contrast(c, bg)
		if err != nil {
			return 0
		}
		worst = math.Min(worst, r)
	}
	return worst
}

// Contrast is the WCAG 2 contrast ratio of two #rrggbb (or #rgb) colours, from 1 (the
// same) to 21 (black on white).
func Contrast(a, b string) (float64, error) {
	la, err := Luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := Luminance(b)
	if err != nil {
		return 0, err
	}
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05), nil
}

// Luminance is the WCAG 2 relative luminance of a #rrggbb colour.
func Luminance(c string) (float64, error) {
	rgb, err := parseHex(c)
	if err != nil {
		return 0, err
	}
	var l float64
	for i, w := range [3]float64{0.2126, 0.7152, 0.0722} {
		s := rgb[i] / 255
		if s <= 0.04045 {
			s /= 12.92
		} else {
			s = math.Pow((s+0.055)/1.055, 2.4)
		}
		l += w * s
	}
	return l, nil
}

func parseHex(c string) ([3]float64, error) {
	var out [3]float64
	if len(c) == 4 && c[0] == '#' { // #rgb is #rrggbb
		c = string([]byte{'#', c[1], c[1], c[2], c[2], c[3], c[3]})
	}
	if len(c) != 7 || c[0] != '#' {
		return out, fmt.Errorf("colour %q is not #rrggbb", c)
	}
	for i := range out {
		v, err := strconv.ParseUint(c[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return out, fmt.Errorf("colour %q is not #rrggbb", c)
		}
		out[i] = float64(v)
	}
	return out, nil
}

func toHex(rgb [3]float64) string {
	return fmt.Sprintf("#%02x%02x%02x", uint8(math.Round(rgb[0])), uint8(math.Round(rgb[1])), uint8(math.Round(rgb[2])))
}
