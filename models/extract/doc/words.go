package doc

import (
	"strings"
	"sync"
)

// quoteWords holds the titles from data/lexicon that quote attribution
// uses; the reporting verbs are in lang().Verbs.
type quoteWords struct {
	Titles map[string]bool
}

var (
	quoteWordsOnce sync.Once
	quoteWordsLex  *quoteWords
)

// Words returns the titles, loading them on first use.
func Words() *quoteWords {
	quoteWordsOnce.Do(func() {
		w := &quoteWords{Titles: map[string]bool{}}
		for _, l := range fieldsOf(lang().Titles) {
			for _, f := range l {
				fs := strings.Fields(strings.ToLower(f))
				if len(fs) > 0 {
					w.Titles[fs[len(fs)-1]] = true
				}
			}
		}
		quoteWordsLex = w
	})
	return quoteWordsLex
}

func Set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

var (
	Pronouns map[string]bool // words.txt: pronouns
	// Determiners open a described speaker ("the Kremlin aide", "a senior official").
	Determiners map[string]bool // words.txt: determiners
	// between a speaker and the verb: "Trump also said", "he has repeatedly said".
	Auxiliaries map[string]bool // words.txt: auxiliaries
	// connectors inside names ("Secretary of State", "bin Salman").
	NameConnectors map[string]bool // words.txt: name-connectors
	// discourse words that start a sentence but never a name.
	Openers    map[string]bool // words.txt: openers
	MonthWords map[string]bool // words.txt: month-words
	// small words that stay lower case in titles.
	SmallWords map[string]bool // words.txt: small-words
	// words before a quote that make it a name or a term, not a statement.
	ScareCues map[string]bool // words.txt: scare-cues
	// words after a cue that say where or when it was said, before "that".
	VenueWords map[string]bool // words.txt: venue-words
	// words that never stand inside a speaker's mention.
	NotInMention map[string]bool // words.txt: not-in-mention
)

// CueLemma returns the lemma of a reporting verb at tok, or "".
func CueLemma(t Token) string {
	if !t.Is(ClsQuoteVerb) {
		return ""
	}
	lemma, _ := Verbs().Lemma(t.Key)
	return lemma
}
