package events

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/models/extract/golden"
	"dateline/models/temporal"
)

func TestDurationDays(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{{"PT48H", 2, true}, {"P2D", 2, true}, {"P1W", 7, true}, {"PT5H", 0, false}, {"P3M", 0, false}, {"PXD", 0, false}, {"", 0, false}}
	for _, tt := range tests {
		if got, ok := durationDays(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("durationDays(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestTidySummary(t *testing.T) {
	tests := map[string]string{
		"the call with Zelensky came":      "The call with Zelensky",
		`he could meet Putin "very soon,"`: `He could meet Putin "very soon"`,
		`an "unbalanced quote.`:            "An unbalanced quote",
		", and then talks resumed.":        "And then talks resumed",
		"":                                 "",
	}
	for in, want := range tests {
		if got := tidySummary(in); got != want {
			t.Errorf("tidySummary(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("word ", 80)
	if got := tidySummary(long); utf8.RuneCountInString(got) > 201 || !strings.HasSuffix(got, "…") {
		t.Errorf("tidySummary(long) = %q, want at most 200 characters and an ellipsis", got)
	}
}

// TestMayBreakClause: no clause-break rule fires at a token mayBreakClause
// lets splitClauses skip, nor at a word when it reads marks or the other way
// round, on every stage's fixtures.
func TestMayBreakClause(t *testing.T) {
	fired := 0
	for _, f := range golden.Fixtures(t, "..") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body := string(b)
		r := []rune(body)
		toks := testLang.Tokenize(r, 0, len(r))
		sc := &clauseScan{toks, make([]bool, len(toks)), temporal.Tag(body, time.Date(2025, 8, 7, 0, 0, 0, 0, time.UTC))}
		for i := range toks {
			for _, rule := range clauseBreakRules {
				if ok, _ := rule.at(sc, i); ok {
					fired++
					if rule.mark != toks[i].Punct {
						t.Errorf("%s: rule %q fires at %q, which is not what it reads (mark %v)", f, rule.name, toks[i].Key, rule.mark)
					}
					if !mayBreakClause(toks[i]) {
						t.Errorf("%s: rule %q fires at %q, which mayBreakClause skips", f, rule.name, toks[i].Key)
					}
				}
			}
		}
	}
	if fired == 0 {
		t.Fatal("no rule fired on the fixtures: the test checks nothing")
	}
}

// TestContextCuesInData checks that the words the code decides from their
// neighbours are the context-cues class of words.txt, which gives them the
// event-cue class when the text is split.
func TestContextCuesInData(t *testing.T) {
	for w := range contextCues {
		if !testLang.ContextCueWords[w] {
			t.Errorf("%q is decided in contextCues but missing from context-cues in words.txt", w)
		}
	}
	for w := range testLang.ContextCueWords {
		if _, ok := contextCues[w]; !ok {
			t.Errorf("%q is in context-cues of words.txt but contextCues does not decide it", w)
		}
	}
}
