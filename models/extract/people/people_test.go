package people

import (
	"dateline/models/extract/doc"
	"dateline/models/extract/golden"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestActorsIn(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S. Special Envoy Steve Witkoff met Putin in Moscow.", []string{"Steve Witkoff", "Vladimir Putin", "Russia"}},
		{"Putin's aide Yuri Ushakov told journalists.", []string{"Yuri Ushakov"}},
		{"The Kremlin said the US president would call.", []string{"the Kremlin", "Donald Trump"}},
		{"Give us a chance, they told us.", nil},
		{"Trump's deadline for the Kremlin", []string{"Donald Trump", "the Kremlin"}},
		{"", nil},
		{"Zelenskyy and Zelensky", []string{"Volodymyr Zelensky"}},
	}
	for _, tt := range tests {
		if got := ActorsIn(testLang, tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("actorsIn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPersonSlug(t *testing.T) {
	tests := map[string]string{
		"Volodymyr Zelenskyy":  "volodymyr-zelensky",
		"Trump":                "donald-trump",
		"Josh  Earnest":        "josh-earnest",
		"Recep Tayyip Erdoğan": "recep-tayyip-erdogan",
		"Kevin O'Brien":        "kevin-obrien",
		"":                     "",
	}
	for in, want := range tests {
		if got := PersonSlug(testLang, in); got != want {
			t.Errorf("PersonSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFullNameBeforeOrderFree: fullNameBefore answers the same for every
// lone surname whatever was asked before it, whether its cache of empty
// searches (noFullName) is cold or was filled in another order.
func TestFullNameBeforeOrderFree(t *testing.T) {
	body := "Ararat Mirzoyan and Jeyhun Bayramov held talks. Committee Republicans objected. " +
		"Chinese Foreign Minister Wang Yi arrived. Bayramov was cautious. Mirzoyan said little. " +
		"Republicans left. Wang spoke. Smith, an aide, stayed. Bayramov spoke again."
	rt := doc.New(testLang, body, time.Time{})
	var lone []doc.Token
	for _, k := range []string{"bayramov", "mirzoyan", "republicans", "wang", "smith"} {
		for i, tok := range rt.Toks {
			if tok.Key == k && i > 0 && !rt.Toks[i-1].Upper {
				lone = append(lone, tok)
			}
		}
	}
	fresh := func() *Registry {
		return NewRegistry(testLang, rt.Src, rt.Toks, rt.Known, func(int) bool { return false }, time.Time{})
	}
	want := map[int]string{}
	for _, tok := range lone {
		want[tok.Start] = fresh().fullNameBefore(tok)
	}
	if want[lone[0].Start] != "Jeyhun Bayramov" {
		t.Fatalf("first Bayramov: %q", want[lone[0].Start])
	}
	for _, order := range [][]doc.Token{lone, reversed(lone)} {
		reg := fresh()
		for _, tok := range order {
			if got := reg.fullNameBefore(tok); got != want[tok.Start] {
				t.Errorf("%q at %d: %q after other questions, %q alone", tok.Key, tok.Start, got, want[tok.Start])
			}
		}
	}
}

func TestNoFullNameCache(t *testing.T) {
	var c noFullName
	if c.from("wang") != 0 {
		t.Fatal("an empty cache lets a search look everywhere")
	}
	c.record("wang", 40)
	c.record("wang", 10) // an earlier search does not undo a later one
	if c.from("wang") != 40 || c.from("smith") != 0 {
		t.Errorf("from = %d, %d", c.from("wang"), c.from("smith"))
	}
}

func reversed[T any](xs []T) []T {
	out := slices.Clone(xs)
	slices.Reverse(out)
	return out
}

// testLang is the shipped English data the tests read.
var testLang = golden.English()
