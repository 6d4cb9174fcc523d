package doc

import (
	"io/fs"
	"strings"

	"dateline/models/extract/lexicon"
)

// Language is the language data extraction reads: the tables of
// data/lexicon/<name> loaded and checked once, and what is built from
// them (the people and country look-ups, each word's classes). It is made
// at start and passed down; nothing in the stages reads a package-level
// copy, so two languages, or a test's own lexicon, can be used side by
// side. A Language is read-only once made and safe for concurrent use.
type Language struct {
	Name string
	WordSets
	Verbs *lexicon.Verbs
	// Titles are the last words of the titles of titles.txt ("minister").
	Titles map[string]bool
	// KindPriority orders kinds when one clause has cues for several;
	// KindFacts are the rows of kinds.txt by kind.
	KindPriority map[string]int
	KindFacts    map[string]lexicon.Kind
	// EventCues maps a word key (see wordKey) to the kind of happening it
	// reports (cues.txt).
	EventCues map[string]string

	// Offices are the terms of the offices an epithet names, by
	// CanonicalKey of the epithet ("the french president").
	Offices map[string][]lexicon.Office
	// OfficeLast holds the last word keys of the epithets ("president",
	// "chief"), so most mentions are ruled out with one look-up.
	OfficeLast map[string]bool

	people    *PeopleLexicon
	countries *CountryLexicon
	classes   map[string]WordClass
	facts     map[string]ActorFacts // of the canonical names (see Facts)
}

// Load reads the language name from fsys (laid out as data/lexicon) and
// checks it: a missing, empty or malformed file is an error naming the
// file and line.
func Load(fsys fs.FS, name string) (*Language, error) {
	lx, err := lexicon.Load(fsys, name)
	if err != nil {
		return nil, err
	}
	return NewLanguage(lx)
}

// NewLanguage builds a Language from loaded lexicon data.
func NewLanguage(lx *lexicon.Lexicon) (*Language, error) {
	lg := &Language{Name: lx.Lang, Verbs: lx.Verbs, EventCues: lx.Cues,
		KindPriority: map[string]int{}, KindFacts: map[string]lexicon.Kind{}, Titles: map[string]bool{}}
	if err := lx.Bind(lg.bindings()); err != nil {
		return nil, err
	}
	for _, k := range lx.Kinds {
		lg.KindPriority[k.Name], lg.KindFacts[k.Name] = k.Priority, k
	}
	for _, l := range fieldsOf(lx.Titles) {
		for _, f := range l {
			if fs := strings.Fields(strings.ToLower(f)); len(fs) > 0 {
				lg.Titles[fs[len(fs)-1]] = true
			}
		}
	}
	lg.Offices, lg.OfficeLast = map[string][]lexicon.Office{}, map[string]bool{}
	for _, o := range lx.Offices {
		for _, e := range o.Epithets {
			k := CanonicalKey(e)
			lg.Offices[k] = append(lg.Offices[k], o)
			if r := []rune(e); len(r) > 0 {
				if toks := lg.SplitWords(r, 0, len(r)); len(toks) > 0 {
					lg.OfficeLast[toks[len(toks)-1].Key] = true
				}
			}
		}
	}
	lg.people = lg.loadPeople(fieldsOf(lx.People))
	lg.countries = lg.loadCountries(fieldsOf(lx.Countries))
	lg.classes = lg.wordClasses()
	lg.facts = lg.knownFacts()
	return lg, nil
}

// People returns the people lexicon (people.txt).
func (lg *Language) People() *PeopleLexicon { return lg.people }

// Countries returns the country lexicon (countries.txt).
func (lg *Language) Countries() *CountryLexicon { return lg.countries }

// fieldsOf splits lexicon lines at '|' for the loaders that read tables.
func fieldsOf(lines []lexicon.Line) [][]string {
	out := make([][]string, len(lines))
	for i, l := range lines {
		out[i] = l.Fields()
	}
	return out
}

// StatementVerb reports whether key is a finite form of a reporting verb
// that makes a statement event ("said", "vowed").
func (lg *Language) StatementVerb(key string) bool {
	lemma, ok := lg.Verbs.Lemma(key)
	return ok && lg.Verbs.Has(lemma, lexicon.Statement) && lg.Verbs.Finite(key)
}
