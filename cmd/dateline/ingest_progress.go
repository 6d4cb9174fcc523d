package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
)

// progress draws a one-line bar on a terminal's stderr while ingest runs. A
// nil *progress draws nothing, which is what ingest uses when stderr is a
// file or a pipe, so logs and tests get no progress noise.
type progress struct {
	w           io.Writer
	total, done int
	articles    int
	last        time.Time
}

// newProgress returns a bar for total inputs when w is a terminal and there
// is more than one input, else nil.
func newProgress(w io.Writer, total int) *progress {
	f, ok := w.(*os.File)
	if !ok || total < 2 || !(isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		return nil
	}
	return &progress{w: w, total: total}
}

// add counts n more inputs done and redraws at most ten times a second.
func (p *progress) add(n, articles int) {
	if p == nil {
		return
	}
	p.done += n
	p.articles = articles
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || p.done == p.total {
		p.last = now
		p.draw()
	}
}

func (p *progress) draw() {
	const width = 30
	filled := width * p.done / max(1, p.total)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d inputs, %d articles",
		strings.Repeat("#", filled), strings.Repeat("-", width-filled), p.done, p.total, p.articles)
}

// finish clears the bar's line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	fmt.Fprint(p.w, "\r\033[K")
}
