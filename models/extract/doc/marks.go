package doc

import (
	"unicode"
	"unicode/utf8"
)

// Marked is a stretch of text between quotation marks. open and close are
// the rune offsets of the marks (close is the end of the paragraph for a
// quote left open there); s and e bound the quoted words, marks and edge
// space excluded. multi is set for a quote running over paragraphs.
type Marked struct {
	Open, Close int
	S, E        int
	Multi       bool
	After       int // offset just after the closing mark
}

// Families of quotation marks. A quote opened with one family ignores
// marks of the other family until it closes (nested quotes stay inside).
const (
	famNone = iota
	FamDouble
	FamSingle
)

// markScanner finds quoted stretches in one linear pass over the runes.
type markScanner struct {
	r        []rune
	out      []Marked
	fam      int  // family of the open quote, famNone when none is open
	style    rune // the opening mark
	open     int  // offset of the opening mark
	start    int  // where the current quote began (earlier paragraph when multi)
	width    int  // runes in the opening mark: 2 for a doubled apostrophe
	multi    bool
	skipNext int // offset of a reopening mark to ignore, -1 if none
}

// FindMarked returns the quoted stretches of r in order. Apostrophes
// ("Putin's", "economy stinks'" closing a single quote, "'90s") are told
// from single quotes by the letters around them. Unbalanced marks never
// pair across a paragraph break unless the next paragraph reopens the quote
// (news style for quotes over several paragraphs).
func FindMarked(r []rune) []Marked {
	m := &markScanner{r: r, skipNext: -1}
	for i := 0; i < len(r); i++ {
		c := r[i]
		if c < utf8.RuneSelf && c != '\n' && c != '"' && c != '\'' {
			continue // most runes: no mark, no paragraph end
		}
		if c == '\n' {
			m.paragraphEnd(i)
			continue
		}
		if i == m.skipNext {
			if doubledApostrophe(r, i) {
				i++
			}
			continue
		}
		if doubledApostrophe(r, i) {
			m.double(i, '"', 2) // ''old newspaper style''
			i++
			continue
		}
		switch c {
		case '"', '“', '”', '„', '«', '»', '‹', '›':
			m.double(i, c, 1)
		case '\'', '‘', '’':
			m.single(i, c)
		}
	}
	m.paragraphEnd(len(r))
	return m.out
}

// doubledApostrophe reports whether r[i:] starts with two apostrophes
// standing for a double quotation mark.
func doubledApostrophe(r []rune, i int) bool {
	return r[i] == '\'' && i+1 < len(r) && r[i+1] == '\''
}

func (m *markScanner) begin(i int, fam int, c rune, w int) {
	m.fam, m.style, m.open, m.start, m.multi, m.width = fam, c, i, i, false, w
}

// emit ends the open quote at a closing mark of w runes at close.
func (m *markScanner) emit(close, w int) {
	s, e := m.start+m.width, close
	for s < e && unicode.IsSpace(m.r[s]) {
		s++
	}
	for e > s && (unicode.IsSpace(m.r[e-1]) || m.r[e-1] == ',') {
		e--
	}
	if s < e {
		m.out = append(m.out, Marked{Open: m.start, Close: close, S: s, E: e, Multi: m.multi, After: close + w})
	}
	m.fam = famNone
}

// double handles a double quotation mark or guillemet at i.
func (m *markScanner) double(i int, c rune, w int) {
	opening := c == '“' || c == '„' || c == '«' || c == '‹'
	closing := c == '”' || c == '»' || c == '›' || (c == '“' && m.style == '„')
	if c == '"' {
		opening, closing = m.openContext(i, w), m.closeContext(i, w)
	}
	switch m.fam {
	case famNone:
		if opening || (c == '”' && m.openContext(i, w)) {
			m.begin(i, FamDouble, c, w)
		}
	case FamDouble:
		if closing || (c == '"' && !opening) || c == '”' {
			m.emit(i, w)
		}
	}
}

// single handles a straight or curly single mark at i, which may be an apostrophe.
func (m *markScanner) single(i int, c rune) {
	prevWord := i > 0 && isWordRune(m.r[i-1])
	nextWord := i+1 < len(m.r) && isWordRune(m.r[i+1])
	switch m.fam {
	case famNone:
		if c == '‘' || (c == '\'' && !prevWord && nextWord && !unicode.IsDigit(m.r[i+1])) {
			m.begin(i, FamSingle, c, 1)
		}
	case FamSingle:
		if c != '‘' && !nextWord && i > 0 && !unicode.IsSpace(m.r[i-1]) && i > m.open+1 {
			if c == '’' && m.r[i-1] == 's' && m.laterCloser(i) {
				return // plural possessive ("leaders’ talks") before the real close
			}
			m.emit(i, 1)
		}
	}
}

// laterCloser reports whether a closing single mark follows i in the same
// paragraph before another opening one.
func (m *markScanner) laterCloser(i int) bool {
	for j := i + 1; j < len(m.r) && m.r[j] != '\n'; j++ {
		switch m.r[j] {
		case '‘':
			return false
		case '’':
			if j+1 >= len(m.r) || !isWordRune(m.r[j+1]) {
				return true
			}
		}
	}
	return false
}

// openContext reports whether a straight mark of w runes at i looks like it
// opens: after space, a bracket or a dash (or at the start) and before a
// non-space.
func (m *markScanner) openContext(i, w int) bool {
	if i+w >= len(m.r) || unicode.IsSpace(m.r[i+w]) {
		return false
	}
	if i == 0 {
		return true
	}
	p := m.r[i-1]
	return unicode.IsSpace(p) || p == '(' || p == '[' || p == '—' || p == '–' || p == '-' || p == '/' || p == ':'
}

// closeContext reports whether a straight mark at i looks like it closes.
func (m *markScanner) closeContext(i, w int) bool {
	if i == 0 || unicode.IsSpace(m.r[i-1]) {
		return false
	}
	return i+w >= len(m.r) || !isWordRune(m.r[i+w])
}

// paragraphEnd handles a line break (or the end of the text) at i: an open
// quote continues when the next paragraph reopens it, else a double quote of
// several words closes at the break and a single one is dropped.
func (m *markScanner) paragraphEnd(i int) {
	if m.fam == famNone {
		return
	}
	j := i
	for j < len(m.r) && unicode.IsSpace(m.r[j]) {
		j++
	}
	if j < len(m.r) && j > i && (IsOpenMark(m.r[j], m.fam) || m.width == 2 && doubledApostrophe(m.r, j)) && !startsWithLabel(m.r, j+m.width) {
		m.multi, m.skipNext = true, j
		return
	}
	if m.fam == FamDouble && WordsBetween(m.r, m.start+1, i) >= 4 {
		m.emit(i, 0)
		return
	}
	m.fam = famNone
}

func IsOpenMark(c rune, fam int) bool {
	if fam == FamDouble {
		return c == '"' || c == '“' || c == '«' || c == '„'
	}
	return c == '\'' || c == '‘'
}

// WordsBetween counts the words of r[s:e].
func WordsBetween(r []rune, s, e int) int {
	n, in := 0, false
	for _, c := range r[s:e] {
		w := isWordRune(c)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// startsWithLabel reports whether r[i:] opens with a transcript speaker
// label ("WALLACE:"): a new speaker, so not a quote running on.
func startsWithLabel(r []rune, i int) bool {
	j := i
	for j < len(r) && j-i < 40 && (unicode.IsUpper(r[j]) || r[j] == ' ' || r[j] == '.' || r[j] == '-') {
		j++
	}
	return j-i >= 2 && j < len(r) && r[j] == ':'
}
