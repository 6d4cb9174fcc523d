// Package lexicon loads the language data extraction reads: the word lists
// and rule tables under data/lexicon/<language>/. It is loaded and checked
// once, and a missing, empty or malformed file is an error naming the file
// and line, so a renamed or broken file never silently empties a list.
package lexicon

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Lexicon is the language data of one language.
type Lexicon struct {
	Lang  string
	Verbs *Verbs
	// Words are the closed word classes of words.txt, by name.
	Words map[string]WordClass
	// Kinds are the event kinds (kinds.txt, shared by all languages), in
	// display order; Cues maps a cue word (cues.txt) to its kind.
	Kinds []Kind
	Cues  map[string]string
	// The tables extraction still parses itself, as lines of '|'-separated
	// fields: titles, known people and organisations, countries.
	Titles, People, Countries []Line
	// Offices are the terms of offices that epithets name (offices.txt).
	Offices []Office
}

// Line is one line of a lexicon file that is neither blank nor a comment.
type Line struct {
	File     string // path of the file, for messages
	N        int    // line number, from 1
	Text     string // the line, trimmed
	Indented bool   // the line started with a space or tab (a continuation)
}

// Fields returns the line split at '|', each field trimmed.
func (l Line) Fields() []string {
	parts := strings.Split(l.Text, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func (l Line) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", l.File, l.N, fmt.Sprintf(format, args...))
}

// Kind returns the facts of event kind name (the zero Kind for none).
func (lx *Lexicon) Kind(name string) Kind {
	for _, k := range lx.Kinds {
		if k.Name == name {
			return k
		}
	}
	return Kind{}
}

// Load reads language lang's files from fsys (a folder holding one folder
// per language, as data.Lexicons gives it).
func Load(fsys fs.FS, lang string) (*Lexicon, error) {
	if lang == "" || strings.ContainsAny(lang, "/\\.") {
		return nil, fmt.Errorf("lexicon: bad language name %q", lang)
	}
	lx := &Lexicon{Lang: lang}
	var err error
	if lx.Kinds, err = LoadKinds(fsys); err != nil {
		return nil, err
	}
	// Each file of the language, read into its table in this order (the
	// cues name the kinds).
	steps := []struct {
		name  string
		parse func([]Line) error
	}{
		{"verbs.txt", func(ls []Line) (err error) { lx.Verbs, err = parseVerbs(ls); return }},
		{"words.txt", func(ls []Line) (err error) { lx.Words, err = parseWords(ls); return }},
		{"cues.txt", func(ls []Line) (err error) { lx.Cues, err = parseCues(ls, lx.Kinds); return }},
		{"titles.txt", func(ls []Line) error { lx.Titles = ls; return nil }},
		{"people.txt", func(ls []Line) error { lx.People = ls; return nil }},
		{"countries.txt", func(ls []Line) error { lx.Countries = ls; return nil }},
		{"offices.txt", func(ls []Line) (err error) { lx.Offices, err = parseOffices(ls); return }},
	}
	for _, st := range steps {
		lines, err := ReadLines(fsys, path.Join(lang, st.name))
		if err != nil {
			return nil, err
		}
		if err := st.parse(lines); err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// ReadLines returns the lines of file name in fsys that are neither blank
// nor comments ('#' first). A missing or unreadable file, and a file with no
// such line, are errors.
func ReadLines(fsys fs.FS, name string) ([]Line, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	var out []Line
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		raw := sc.Text()
		out = append(out, Line{File: name, N: n, Text: text, Indented: raw[0] == ' ' || raw[0] == '\t'})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", name, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("lexicon: %s has no entries", name)
	}
	return out, nil
}
