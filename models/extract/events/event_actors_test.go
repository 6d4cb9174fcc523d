package events

import (
	"dateline/models/extract/golden"
	"os"
	"slices"
	"testing"
)

// TestNamedInMatchesOwnLookup checks the shortcut of namedIn: for every run
// of words of the fixture articles (up to 40 words long, starting anywhere),
// the names it takes from the whole article's are those the run's own
// look-up finds, whenever it answers at all.
func TestNamedInMatchesOwnLookup(t *testing.T) {
	files := golden.Fixtures(t, "..")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	answered := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := []rune(string(b))
		toks := testLang.Tokenize(r, 0, len(r))
		ctx := newActorContext(testLang, r, toks, testLang.People().FindActors(r, toks))
		for i := range toks {
			for j := i + 1; j <= len(toks) && j <= i+40; j++ {
				run := toks[i:j]
				known, nations, ok := ctx.namedIn(r, run[0].Start, run)
				if !ok {
					continue
				}
				answered++
				var got, want []string
				for _, m := range known {
					got = append(got, testLang.People().Actors[m.Actor].Name)
				}
				for _, m := range testLang.People().FindActors(r, run) {
					want = append(want, testLang.People().Actors[m.Actor].Name)
				}
				for _, m := range nations {
					got = append(got, m.Canon)
				}
				want = append(want, testLang.Countries().CountriesIn(r, run)...)
				if !slices.Equal(got, want) {
					t.Fatalf("%s words %d-%d %q: namedIn %q, own look-up %q", f, i, j, string(r[run[0].Start:run[len(run)-1].End]), got, want)
				}
			}
		}
	}
	if answered == 0 {
		t.Fatal("namedIn never answered")
	}
}

func TestMentionsWithin(t *testing.T) {
	spans := [][2]int{{0, 5}, {10, 20}, {30, 35}}
	at := func(k int) (int, int) { return spans[k][0], spans[k][1] }
	for _, tc := range []struct {
		from, to, lo, hi int
		ok               bool
	}{
		{0, 40, 0, 3, true},
		{6, 29, 1, 2, true},
		{20, 30, 2, 2, true}, // touching ends are not crossing
		{12, 40, 0, 0, false},
		{0, 15, 0, 0, false},
		{21, 29, 2, 2, true}, // nothing inside
		{36, 50, 3, 3, true},
	} {
		lo, hi, ok := mentionsWithin(len(spans), at, tc.from, tc.to)
		if ok != tc.ok || ok && (lo != tc.lo || hi != tc.hi) {
			t.Errorf("mentionsWithin(%d, %d) = %d, %d, %v; want %d, %d, %v", tc.from, tc.to, lo, hi, ok, tc.lo, tc.hi, tc.ok)
		}
	}
}

// TestTitledNames checks which unknown people a title introduces.
func TestTitledNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Chinese Foreign Minister Wang Yi visited New Delhi on Monday.", []string{"Wang Yi", "China"}},
		{"He met National Security Adviser Ajit Doval.", []string{"Ajit Doval"}},
		{"Secretary of Homeland Security Jeh Johnson spoke.", []string{"Jeh Johnson"}},
		{"Secretary of State Jane Roe arrived.", []string{"Jane Roe"}},
		{"Russian President Vladimir Putin spoke.", nil},           // in the lexicon
		{"The minister of Foreign Affairs Department spoke.", nil}, // no person
		{"White House press secretary John Smith Tuesday said no.", []string{"John Smith"}},
		{"former President George W. Bush spoke.", []string{"George W. Bush"}},
		{"the president said.", nil},
	}
	for _, tt := range tests {
		r := []rune(tt.in)
		if got := titledNames(testLang, r, testLang.Tokenize(r, 0, len(r))); !slices.Equal(got, tt.want) {
			t.Errorf("titledNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDelegationCountries checks that a nationality before a delegation or
// military noun names its country, coordinated adjectives included.
func TestDelegationCountries(t *testing.T) {
	for in, want := range map[string][]string{
		"Russian and Ukrainian delegations met in Istanbul.": {"Ukraine", "Russia"},
		"Russian drones struck the port.":                    {"Russia"},
		"The delegations met in Istanbul.":                   nil,
	} {
		r := []rune(in)
		got := eventActors(testLang, r, 0, len(r), &actorContext{r: r})
		if !slices.Equal(got, want) {
			t.Errorf("eventActors(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOrganisationWithoutThe checks that an organisation the lexicon names
// with "the" is found without it, and that it stays out of the actors when
// it only says where a named person works.
func TestOrganisationWithoutThe(t *testing.T) {
	for in, want := range map[string][]string{
		"European Union governments approved sanctions.": {"the European Union"},
		"White House officials met.":                     {"the White House"},
		"Kremlin aide Yuri Ushakov spoke.":               {"Yuri Ushakov"},
	} {
		r := []rune(in)
		got := eventActors(testLang, r, 0, len(r), &actorContext{r: r})
		if !slices.Equal(got, want) {
			t.Errorf("eventActors(%q) = %q, want %q", in, got, want)
		}
	}
}

// testLang is the shipped English data the tests read.
var testLang = golden.English()
