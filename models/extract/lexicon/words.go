package lexicon

import (
	"fmt"
	"strings"
)

// WordClass is one closed class of words.txt: its words and where it is
// defined, for messages.
type WordClass struct {
	Words map[string]bool
	At    Line // the line that names the class
}

// parseWords reads words.txt: blocks "name: word word ...", continued on
// lines that start with a space. A class with no words, a class named
// twice and a word listed twice in one class are errors.
func parseWords(lines []Line) (map[string]WordClass, error) {
	out := map[string]WordClass{}
	var cur *WordClass
	for _, l := range lines {
		text := l.Text
		if !l.Indented {
			name, rest, ok := strings.Cut(l.Text, ":")
			name = strings.TrimSpace(name)
			if !ok || name == "" || strings.ContainsAny(name, " \t") {
				return nil, l.errorf("a class starts with its name and a colon (name: words ...)")
			}
			if old, dup := out[name]; dup {
				return nil, l.errorf("class %q is defined twice (first at line %d)", name, old.At.N)
			}
			out[name] = WordClass{Words: map[string]bool{}, At: l}
			c := out[name]
			cur, text = &c, rest
		} else if cur == nil {
			return nil, l.errorf("an indented line continues a class, but none has started")
		}
		for _, w := range strings.Fields(text) {
			if cur.Words[w] {
				return nil, l.errorf("%q is listed twice in class %q", w, cur.At.Text[:strings.Index(cur.At.Text, ":")])
			}
			cur.Words[w] = true
		}
	}
	for name, c := range out {
		if len(c.Words) == 0 {
			return nil, c.At.errorf("class %q has no words", name)
		}
	}
	return out, nil
}

// Bind fills each variable of vars with the class of its name, and fails
// when a class the code reads is missing or the file has one the code does
// not read (a misspelt name would otherwise be silently ignored).
func (lx *Lexicon) Bind(vars map[string]*map[string]bool) error {
	for name, v := range vars {
		c, ok := lx.Words[name]
		if !ok {
			return fmt.Errorf("lexicon: %s/words.txt has no class %q, which extraction reads", lx.Lang, name)
		}
		*v = c.Words
	}
	for name, c := range lx.Words {
		if _, ok := vars[name]; !ok {
			return c.At.errorf("class %q is not one extraction reads", name)
		}
	}
	return nil
}
