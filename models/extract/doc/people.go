package doc

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Kinds of actor in the people lexicon.
const (
	ActorPerson       = "person"
	ActorOrganisation = "organisation"
	ActorCountry      = "country"
)

// actor is one known person, organisation or country of data/lexicon/people.txt.
type actor struct {
	Name, Kind, Role string
	Aliases          []string
	Gender           byte // 'm', 'f' or 0 when unknown
}

// aliasTok is one word of an alias. Caps words (US, EU) only match words
// without lower-case letters, so "us" is not the United States.
type aliasTok struct {
	key  string
	caps bool
}

// alias is one name of an actor, as words.
type alias struct {
	toks  []aliasTok
	actor int
}

// PeopleLexicon is the loaded people lexicon: actors and their names indexed
// by first word, longest first.
type PeopleLexicon struct {
	Actors  []actor
	byFirst map[string][]alias
	ByName  map[string]int // canonicalKey(name or alias) -> actor
	// lowerFirst lists the first words of names that start in lower case
	// ("the Kremlin", "his envoy"); other names need a capital to start.
	lowerFirst []string
	// lowerByte marks the first bytes of lowerFirst, to skip most words fast
	lowerByte [256]bool
}

// loadPeople builds the lexicon from lines "name | kind | role | aliases...".
// A person's surname becomes an alias unless another actor already uses it.
func (lg *Language) loadPeople(lines [][]string) *PeopleLexicon {
	lx := &PeopleLexicon{byFirst: map[string][]alias{}, ByName: map[string]int{}}
	for _, p := range lines {
		if len(p) < 2 || p[0] == "" {
			continue
		}
		a := actor{Name: p[0], Kind: p[1]}
		if k, g, ok := strings.Cut(p[1], "/"); ok && g != "" {
			a.Kind, a.Gender = k, g[0]
		}
		if len(p) > 2 {
			a.Role = p[2]
		}
		for _, al := range p[min(3, len(p)):] {
			if al != "" {
				a.Aliases = append(a.Aliases, al)
			}
		}
		lx.Actors = append(lx.Actors, a)
	}
	for i, a := range lx.Actors {
		names := append([]string{a.Name}, a.Aliases...)
		if a.Kind == ActorPerson {
			f := strings.Fields(a.Name)
			names = append(names, f[len(f)-1])
		}
		for _, n := range names {
			lx.add(lg, n, i)
		}
	}
	for k := range lx.byFirst {
		as := lx.byFirst[k]
		sort.SliceStable(as, func(x, y int) bool { return len(as[x].toks) > len(as[y].toks) })
	}
	return lx
}

// add indexes name as a name of actor i; the first actor to claim a name
// keeps it. Names of one actor that fold to one key are all indexed: "the
// European Union" and its alias "European Union" are both how texts write it.
func (lx *PeopleLexicon) add(lg *Language, name string, i int) {
	ck := CanonicalKey(name)
	if owner, dup := lx.ByName[ck]; dup && owner != i {
		return
	}
	lx.ByName[ck] = i
	r := []rune(name)
	toks := lg.SplitWords(r, 0, len(r))
	if len(toks) == 0 {
		return
	}
	al := alias{actor: i}
	for _, t := range toks {
		s := string(r[t.Start:t.End])
		al.toks = append(al.toks, aliasTok{key: t.Key, caps: len(t.Key) > 1 && !HasLower(s)})
	}
	first := al.toks[0].key
	if !unicode.IsUpper(r[toks[0].Start]) && !slices.Contains(lx.lowerFirst, first) {
		lx.lowerFirst = append(lx.lowerFirst, first)
		lx.lowerByte[first[0]] = true
	}
	lx.byFirst[first] = append(lx.byFirst[first], al)
}

// matchAt returns the actor whose name starts at toks[i] (longest name
// wins) and how many words it spans, or -1, 0.
func (lx *PeopleLexicon) MatchAt(r []rune, toks []Token, i int) (int, int) {
	if !toks[i].Is(clsActorFirst) || !toks[i].Upper && (!lx.lowerByte[toks[i].Key[0]] || !slices.Contains(lx.lowerFirst, toks[i].Key)) {
		return -1, 0 // most words: no map look-up
	}
	for _, al := range lx.byFirst[toks[i].Key] {
		if i+len(al.toks) > len(toks) {
			continue
		}
		ok := true
		for j, at := range al.toks {
			t := toks[i+j]
			if t.Key != at.key || (at.caps && HasLowerRunes(r[t.Start:t.End])) {
				ok = false
				break
			}
		}
		if ok {
			return al.actor, len(al.toks)
		}
	}
	return -1, 0
}

// ActorMention is a known actor named at one place of a text.
type ActorMention struct {
	Actor      int
	Start, End int // rune offsets
}

// findActors returns the known actors named in r[from:to], in order.
func (lx *PeopleLexicon) FindActors(r []rune, toks []Token) []ActorMention {
	var out []ActorMention
	for i := 0; i < len(toks); i++ {
		if toks[i].Punct {
			continue
		}
		a, n := lx.MatchAt(r, toks, i)
		if a < 0 {
			continue
		}
		out = append(out, ActorMention{Actor: a, Start: toks[i].Start, End: toks[i+n-1].End})
		i += n - 1
	}
	return out
}

// CanonicalKey folds a name for comparison: lower case, accents and dots
// dropped, a leading "the" dropped, single spaces.
func CanonicalKey(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		w = strings.ToLower(strings.ReplaceAll(w, ".", ""))
		if w == "" || (b.Len() == 0 && w == "the") {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for _, c := range w {
			b.WriteRune(FoldAccent(c))
		}
	}
	return b.String()
}

// FoldAccent maps common accented Latin letters to their base letter.
func FoldAccent(c rune) rune {
	if c < 128 {
		return c
	}
	const from, to = "àáâãäåāăçćčďèéêëēėęěğìíîïīıłñńňòóôõöøōőřśşšťùúûüūůűýÿźżž", "aaaaaaaacccdeeeeeeeegiiiiiilnnnoooooooorsssstuuuuuuuyyzzz"
	fr := []rune(from)
	for i, f := range fr {
		if f == c {
			return rune(to[i])
		}
	}
	return c
}

func HasLower(s string) bool {
	for _, c := range s {
		if unicode.IsLower(c) {
			return true
		}
	}
	return false
}
