package chartimg

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// fonts are the Go fonts, parsed once; faces are made per drawing, since a
// face is not safe for concurrent use.
var fonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	var out [2]*opentype.Font
	var err error
	if out[0], err = opentype.Parse(goregular.TTF); err != nil {
		return out, err
	}
	out[1], err = opentype.Parse(gobold.TTF)
	return out, err
})

// faces hands out font faces by size and weight, each made once per
// drawing. It also measures text for the layouts.
type faces struct {
	f     [2]*opentype.Font
	cache map[faceKey]font.Face
}

type faceKey struct {
	size float64
	bold bool
}

func newFaces() (*faces, error) {
	f, err := fonts()
	if err != nil {
		return nil, err
	}
	return &faces{f: f, cache: map[faceKey]font.Face{}}, nil
}

func (fs *faces) face(size float64, bold bool) font.Face {
	k := faceKey{size, bold}
	if f, ok := fs.cache[k]; ok {
		return f
	}
	i := 0
	if bold {
		i = 1
	}
	f, err := opentype.NewFace(fs.f[i], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		// only a size of zero or less fails, and the layouts use none
		panic(err)
	}
	fs.cache[k] = f
	return f
}

func (fs *faces) close() {
	for _, f := range fs.cache {
		f.Close()
	}
}

// width is how wide s is drawn at size.
func (fs *faces) width(s string, size float64, bold bool) float64 {
	return fix(font.MeasureString(fs.face(size, bold), s))
}

func fix(v fixed.Int26_6) float64 { return float64(v) / 64 }

// ellipsis marks text cut short to fit.
const ellipsis = "…"

// fit returns s, cut at a word (or, failing that, a letter) and ended with
// an ellipsis when it is wider than maxW.
func (fs *faces) fit(s string, size float64, bold bool, maxW float64) string {
	s = strings.Join(strings.Fields(s), " ")
	if fs.width(s, size, bold) <= maxW {
		return s
	}
	// Binary search on the rune count keeps a long summary cheap.
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fs.width(string(runes[:mid])+ellipsis, size, bold) <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	cut := string(runes[:lo])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + ellipsis
}

// wrap breaks s into at most maxLines lines of at most maxW, the last cut
// with an ellipsis when the text goes on.
func (fs *faces) wrap(s string, size float64, bold bool, maxW float64, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for i, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if fs.width(try, size, bold) <= maxW || cur == "" {
			cur = try
			continue
		}
		if len(lines) == maxLines-1 {
			return append(lines, fs.fit(cur+" "+strings.Join(words[i:], " ")+" "+ellipsis, size, bold, maxW))
		}
		lines, cur = append(lines, cur), w
	}
	if cur != "" {
		lines = append(lines, fs.fit(cur, size, bold, maxW))
	}
	return lines
}

// clip bounds a text taken from the database before any measuring: no
// label in these pictures needs more.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
