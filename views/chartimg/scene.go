// Package chartimg draws the story timeline and the deadline card as
// images without a browser: a layout function places a few kinds of shapes
// (circles, lines, text) in a Scene, which is written out as
// SVG (our own markup, every text escaped by encoding/xml) or rasterised to
// PNG (golang.org/x/image/vector for shapes, the Go fonts for text). Both
// formats come from the same Scene, so they show the same picture.
package chartimg

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
)

// shape is what an Item draws.
type shape uint8

const (
	shapeCircle shape = iota
	shapeLine
	shapeText
)

// anchor is where a text's X stands: at its start, middle or end.
type anchor uint8

const (
	anchorStart anchor = iota
	anchorMiddle
	anchorEnd
)

// Item is one shape of a Scene. Circle: centre X, Y and
// radius R, with an outline of Stroke (when set) Width wide. Line: X, Y to
// X2, Y2, Width wide, dashed when Dash. Text: baseline at Y, Size pixels.
type Item struct {
	shape
	X, Y, R, X2, Y2 float64
	Width           float64
	Dash            bool
	Fill, Stroke    string // #rrggbb
	Text            string
	Size            float64
	Bold            bool
	Anchor          anchor
	// Label is the SVG <title> of a mark (its event), read by screen
	// readers and shown as a tooltip; the PNG has no place for it.
	Label string
}

// Scene is a picture of W x H pixels on Background ("" for transparent).
type Scene struct {
	W, H       int
	Background string
	Title      string // the picture's accessible name
	Desc       string // its longer description
	Items      []Item
}

func (s *Scene) circle(x, y, r float64, fill, stroke, label string) {
	s.Items = append(s.Items, Item{shape: shapeCircle, X: x, Y: y, R: r, Fill: fill, Stroke: stroke, Width: 1.5, Label: label})
}

func (s *Scene) line(x1, y1, x2, y2, width float64, colour string, dash bool) {
	s.Items = append(s.Items, Item{shape: shapeLine, X: x1, Y: y1, X2: x2, Y2: y2, Width: width, Stroke: colour, Dash: dash})
}

func (s *Scene) text(x, y float64, t string, size float64, bold bool, a anchor, fill string) {
	if t == "" {
		return
	}
	s.Items = append(s.Items, Item{shape: shapeText, X: x, Y: y, Text: t, Size: size, Bold: bold, Anchor: a, Fill: fill})
}

// dashPattern is the on and off lengths of a dashed line, in pixels.
var dashPattern = [2]float64{7, 5}

// fontFamily is what the SVG asks browsers for; the PNG uses the Go fonts,
// whose widths the layout measures (system sans faces are close to them).
const fontFamily = "Go, system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"

// WriteSVG writes the scene as a standalone SVG document.
func (s *Scene) WriteSVG(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="t d" font-family="%s">`,
		s.W, s.H, s.W, s.H, fontFamily)
	b.WriteString("\n<title id=\"t\">")
	escape(b, s.Title)
	b.WriteString("</title>\n<desc id=\"d\">")
	escape(b, s.Desc)
	b.WriteString("</desc>\n")
	if s.Background != "" {
		fmt.Fprintf(b, `<rect width="%d" height="%d" fill="%s"/>`+"\n", s.W, s.H, s.Background)
	}
	for i := range s.Items {
		writeItem(b, &s.Items[i])
	}
	b.WriteString("</svg>\n")
	return b.Flush()
}

func writeItem(b *bufio.Writer, it *Item) {
	switch it.shape {
	case shapeCircle:
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s"`, num(it.X), num(it.Y), num(it.R), it.Fill)
		if it.Stroke != "" {
			fmt.Fprintf(b, ` stroke="%s" stroke-width="%s"`, it.Stroke, num(it.Width))
		}
		if it.Label == "" {
			b.WriteString("/>")
			break
		}
		b.WriteString("><title>")
		escape(b, it.Label)
		b.WriteString("</title></circle>")
	case shapeLine:
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"`,
			num(it.X), num(it.Y), num(it.X2), num(it.Y2), it.Stroke, num(it.Width))
		if it.Dash {
			fmt.Fprintf(b, ` stroke-dasharray="%s %s"`, num(dashPattern[0]), num(dashPattern[1]))
		}
		b.WriteString("/>")
	case shapeText:
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s"`, num(it.X), num(it.Y), num(it.Size), it.Fill)
		if it.Bold {
			b.WriteString(` font-weight="bold"`)
		}
		switch it.Anchor {
		case anchorMiddle:
			b.WriteString(` text-anchor="middle"`)
		case anchorEnd:
			b.WriteString(` text-anchor="end"`)
		}
		b.WriteString(">")
		escape(b, it.Text)
		b.WriteString("</text>")
	}
	b.WriteByte('\n')
}

// escape writes s as XML character data: markup characters escaped, and
// characters XML cannot hold (control codes, broken UTF-8) replaced.
func escape(w io.Writer, s string) {
	_ = xml.EscapeText(w, []byte(s))
}

// num writes a coordinate with at most two decimals.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}
