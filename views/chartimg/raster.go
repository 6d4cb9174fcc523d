package chartimg

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// WritePNG rasterises the scene and writes it as PNG.
func (s *Scene) WritePNG(w io.Writer) error {
	img, err := s.Raster()
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, img)
}

// Raster draws the scene into a new RGBA image. Each shape is rasterised
// in a buffer of its own bounding box, so a scene of many small dots costs
// little more than their area.
func (s *Scene) Raster() (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, s.W, s.H))
	if s.Background != "" {
		draw.Draw(img, img.Bounds(), image.NewUniform(rgba(s.Background)), image.Point{}, draw.Src)
	}
	fs, err := newFaces()
	if err != nil {
		return nil, err
	}
	defer fs.close()
	for i := range s.Items {
		it := &s.Items[i]
		switch it.shape {
		case shapeCircle:
			if it.Stroke != "" {
				fillPath(img, rgba(it.Stroke), circlePath(it.X, it.Y, it.R+it.Width/2))
			}
			fillPath(img, rgba(it.Fill), circlePath(it.X, it.Y, it.R-boolf(it.Stroke != "")*it.Width/2))
		case shapeLine:
			drawLine(img, it)
		case shapeText:
			drawText(img, fs, it)
		}
	}
	return img, nil
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// path is a closed outline: a list of segments, each a move, a line or a
// cubic curve, in image coordinates.
type path []seg

type seg struct {
	op  byte // 'M', 'L', 'C'
	pts [3][2]float64
}

// circlePath is a circle as four cubic curves (the usual 0.5523 handle).
func circlePath(cx, cy, r float64) path {
	k := 0.5523 * r
	return path{
		{op: 'M', pts: [3][2]float64{{cx + r, cy}}},
		{op: 'C', pts: [3][2]float64{{cx + r, cy + k}, {cx + k, cy + r}, {cx, cy + r}}},
		{op: 'C', pts: [3][2]float64{{cx - k, cy + r}, {cx - r, cy + k}, {cx - r, cy}}},
		{op: 'C', pts: [3][2]float64{{cx - r, cy - k}, {cx - k, cy - r}, {cx, cy - r}}},
		{op: 'C', pts: [3][2]float64{{cx + k, cy - r}, {cx + r, cy - k}, {cx + r, cy}}},
	}
}

// quadPath is the outline of a straight stroke from (x1, y1) to (x2, y2).
func quadPath(x1, y1, x2, y2, width float64) path {
	dx, dy := x2-x1, y2-y1
	l := math.Hypot(dx, dy)
	if l == 0 {
		return nil
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	return path{{op: 'M', pts: [3][2]float64{{x1 + nx, y1 + ny}}}, {op: 'L', pts: [3][2]float64{{x2 + nx, y2 + ny}}},
		{op: 'L', pts: [3][2]float64{{x2 - nx, y2 - ny}}}, {op: 'L', pts: [3][2]float64{{x1 - nx, y1 - ny}}}}
}

// fillPath fills p with c over img, rasterising only its bounding box.
func fillPath(img *image.RGBA, c color.Color, p path) {
	if len(p) == 0 {
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range p {
		n := 1
		if s.op == 'C' {
			n = 3
		}
		for _, pt := range s.pts[:n] {
			minX, minY = math.Min(minX, pt[0]), math.Min(minY, pt[1])
			maxX, maxY = math.Max(maxX, pt[0]), math.Max(maxY, pt[1])
		}
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY))).Intersect(img.Bounds())
	if box.Empty() {
		return
	}
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	z := vector.NewRasterizer(box.Dx(), box.Dy())
	at := func(pt [2]float64) (float32, float32) { return float32(pt[0] - ox), float32(pt[1] - oy) }
	for _, s := range p {
		switch s.op {
		case 'M':
			z.MoveTo(at(s.pts[0]))
		case 'L':
			z.LineTo(at(s.pts[0]))
		case 'C':
			x1, y1 := at(s.pts[0])
			x2, y2 := at(s.pts[1])
			x3, y3 := at(s.pts[2])
			z.CubeTo(x1, y1, x2, y2, x3, y3)
		}
	}
	z.ClosePath()
	z.DrawOp = draw.Over
	z.Draw(img, box, image.NewUniform(c), image.Point{})
}

// drawLine strokes a line, in dashes when asked.
func drawLine(img *image.RGBA, it *Item) {
	c := rgba(it.Stroke)
	if !it.Dash {
		fillPath(img, c, quadPath(it.X, it.Y, it.X2, it.Y2, it.Width))
		return
	}
	l := math.Hypot(it.X2-it.X, it.Y2-it.Y)
	if l == 0 {
		return
	}
	ux, uy := (it.X2-it.X)/l, (it.Y2-it.Y)/l
	for d := 0.0; d < l; d += dashPattern[0] + dashPattern[1] {
		e := math.Min(d+dashPattern[0], l)
		fillPath(img, c, quadPath(it.X+ux*d, it.Y+uy*d, it.X+ux*e, it.Y+uy*e, it.Width))
	}
}

// drawText draws a text with its baseline at it.Y.
func drawText(img *image.RGBA, fs *faces, it *Item) {
	f := fs.face(it.Size, it.Bold)
	x := it.X
	switch it.Anchor {
	case anchorMiddle:
		x -= fs.width(it.Text, it.Size, it.Bold) / 2
	case anchorEnd:
		x -= fs.width(it.Text, it.Size, it.Bold)
	}
	d := font.Drawer{Dst: img, Src: image.NewUniform(rgba(it.Fill)), Face: f,
		Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(it.Y * 64))}}
	d.DrawString(it.Text)
}

// rgba reads #rrggbb; anything else is black.
func rgba(c string) color.RGBA {
	if len(c) != 7 || c[0] != '#' {
		return color.RGBA{A: 255}
	}
	v, err := strconv.ParseUint(c[1:], 16, 32)
	if err != nil {
		return color.RGBA{A: 255}
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}
