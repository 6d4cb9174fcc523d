package doc

import (
	"maps"
	"reflect"
	"testing"

	"dateline/data"
	"dateline/models/extract/lexicon"
)

// english loads the shipped English data.
func english(t *testing.T) *Language {
	t.Helper()
	lg, err := Load(data.Lexicons(), "en")
	if err != nil {
		t.Fatal(err)
	}
	return lg
}

// TestWordClasses checks that each word class holds exactly its list, so
// that asking a token's class answers as the list would.
func TestWordClasses(t *testing.T) {
	lg := english(t)
	lists := []struct {
		name  string
		words map[string]bool
		c     WordClass
	}{{"clauseBreaks", lg.ClauseBreaks, ClsClauseBreak}, {"subjectPronouns", lg.SubjectPronouns, ClsSubjectPronoun},
		{"clause verbs", Set(lg.Verbs.FiniteSpellings(lexicon.Clause)...), ClsSaidVerb},
		{"reporting verbs", Set(lg.Verbs.FiniteSpellings(lexicon.Reports)...), ClsReportingVerb},
		{"militaryNouns", lg.MilitaryNouns, ClsMilitary}, {"groupNouns", lg.GroupNouns, ClsGroup},
		{"demandWords", lg.DemandWords, ClsDemand},
		{"participles", Set(lg.Verbs.Spellings(lexicon.Participle, lexicon.Ing)...), ClsParticiple},
		{"reporting verb forms", Set(lg.Verbs.Spellings(0)...), ClsQuoteVerb}}
	titles := maps.Clone(lg.Titles)
	maps.Copy(titles, lg.TitleAbbrevs)
	lists = append(lists, struct {
		name  string
		words map[string]bool
		c     WordClass
	}{"titles", titles, ClsTitle})
	for _, l := range lists {
		for w := range l.words {
			if !(Token{Class: lg.ClassOf(w)}).Is(l.c) {
				t.Errorf("%s: %q is not in its class", l.name, w)
			}
		}
		for w, c := range lg.classes {
			if c&l.c != 0 && !l.words[w] {
				t.Errorf("%s: class holds %q, which is not on the list", l.name, w)
			}
		}
	}
}

// TestWordSetTags: every word class field names its class of words.txt,
// and no two name the same one.
func TestWordSetTags(t *testing.T) {
	b := (&WordSets{}).bindings()
	if n := reflect.TypeOf(WordSets{}).NumField(); len(b) != n || b[""] != nil {
		t.Errorf("%d fields, %d distinct class names (an empty or repeated words tag)", n, len(b))
	}
}
