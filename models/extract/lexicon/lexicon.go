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
	verbs, err := ReadLines(fsys, path.Join(lang, "verbs.txt"))
	if err != nil {
		return nil, err
	}
	if lx.Verbs, err = parseVerbs(verbs); err != nil {
		return nil, err
	}
	words, err := ReadLines(fsys, path.Join(lang, "words.txt"))
	if err != nil {
		return nil, err
	}
	if lx.Words, err = parseWords(words); err != nil {
		return nil, err
	}
	if lx.Kinds, err = LoadKinds(fsys); err != nil {
		return nil, err
	}
	cues, err := ReadLines(fsys, path.Join(lang, "cues.txt"))
	if err != nil {
		return nil, err
	}
	if lx.Cues, err = parseCues(cues, lx.Kinds); err != nil {
		return nil, err
	}
	for _, t := range []struct {
		name string
		dst  *[]Line
	}{{"titles.txt", &lx.Titles}, {"people.txt", &lx.People}, {"countries.txt", &lx.Countries}} {
		if *t.dst, err = ReadLines(fsys, path.Join(lang, t.name)); err != nil {
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
