package lexicon

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"dateline/models"
)

// Kind is what is fixed about one event kind (data/lexicon/kinds.txt).
type Kind struct {
	Name      string
	Priority  int    // 0 outranks 1 when one clause has cues of both
	Cameo     string // the kind's usual CAMEO code, "" for none
	Colour    string // #rrggbb on every chart
	OwnDate   bool   // needs a date of its own clause
	Negatable bool   // "did not ..." before its cue cancels the event
}

var (
	colourRe   = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	kindNameRe = regexp.MustCompile(`^[a-z][a-z-]*$`)
)

// LoadKinds reads kinds.txt from fsys (the folder of all languages) and
// checks that it lists at least the kinds the code names (models.EventKinds);
// a kind the code does not name is one the data adds, found through its cues
// and described wholly by its line.
func LoadKinds(fsys fs.FS) ([]Kind, error) {
	lines, err := ReadLines(fsys, "kinds.txt")
	if err != nil {
		return nil, err
	}
	var out []Kind
	for _, l := range lines {
		k, err := parseKind(l)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(out, func(o Kind) bool { return o.Name == k.Name }) {
			return nil, l.errorf("kind %q is listed twice", k.Name)
		}
		out = append(out, k)
	}
	for _, name := range models.EventKinds {
		if !slices.ContainsFunc(out, func(o Kind) bool { return o.Name == name }) {
			return nil, fmt.Errorf("lexicon: kinds.txt does not list the event kind %q", name)
		}
	}
	return out, nil
}

func parseKind(l Line) (Kind, error) {
	f := l.Fields()
	if len(f) != 5 {
		return Kind{}, l.errorf("a kind line has 5 fields (kind | priority | CAMEO | colour | flags), not %d", len(f))
	}
	k := Kind{Name: f[0], Cameo: f[2], Colour: f[3], Negatable: true}
	if !kindNameRe.MatchString(k.Name) {
		return Kind{}, l.errorf("kind %q is not a lower-case word (letters and hyphens)", k.Name)
	}
	p, err := strconv.Atoi(f[1])
	if err != nil || p < 0 {
		return Kind{}, l.errorf("priority %q is not a number of 0 or more", f[1])
	}
	k.Priority = p
	if k.Cameo == "-" {
		k.Cameo = ""
	} else if _, err := strconv.Atoi(k.Cameo); err != nil {
		return Kind{}, l.errorf("CAMEO code %q is not a number or -", k.Cameo)
	}
	if !colourRe.MatchString(k.Colour) {
		return Kind{}, l.errorf("colour %q is not #rrggbb", k.Colour)
	}
	for _, flag := range strings.Fields(f[4]) {
		switch flag {
		case "own-date":
			k.OwnDate = true
		case "not-negatable":
			k.Negatable = false
		default:
			return Kind{}, l.errorf("unknown flag %q (known: own-date, not-negatable)", flag)
		}
	}
	return k, nil
}

// parseCues reads cues.txt (blocks "kind: words ...", as words.txt) into
// a map from word to kind; a word may cue one kind only.
func parseCues(lines []Line, kinds []Kind) (map[string]string, error) {
	classes, err := parseWords(lines)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, l := range lines { // in file order, for stable messages
		if l.Indented {
			continue
		}
		kind := strings.TrimSpace(l.Text[:strings.Index(l.Text, ":")])
		if !slices.ContainsFunc(kinds, func(k Kind) bool { return k.Name == kind }) {
			return nil, l.errorf("%q is no event kind of kinds.txt", kind)
		}
		for w := range classes[kind].Words {
			if other, dup := out[w]; dup {
				return nil, l.errorf("%q cues both %q and %q", w, other, kind)
			}
			out[w] = kind
		}
	}
	return out, nil
}
