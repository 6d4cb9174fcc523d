package extract

import (
	"strings"
	"sync"
)

// quoteWords holds the titles from data/lexicon that quote attribution
// uses; the reporting verbs are in lang().Verbs.
type quoteWords struct {
	titles map[string]bool
}

var (
	quoteWordsOnce sync.Once
	quoteWordsLex  *quoteWords
)

// words returns the titles, loading them on first use.
func words() *quoteWords {
	quoteWordsOnce.Do(func() {
		w := &quoteWords{titles: map[string]bool{}}
		for _, l := range fieldsOf(lang().Titles) {
			for _, f := range l {
				fs := strings.Fields(strings.ToLower(f))
				if len(fs) > 0 {
					w.titles[fs[len(fs)-1]] = true
				}
			}
		}
		quoteWordsLex = w
	})
	return quoteWordsLex
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

var (
	pronouns map[string]bool // words.txt: pronouns
	// determiners open a described speaker ("the Kremlin aide", "a senior official").
	determiners map[string]bool // words.txt: determiners
	// between a speaker and the verb: "Trump also said", "he has repeatedly said".
	auxiliaries map[string]bool // words.txt: auxiliaries
	// connectors inside names ("Secretary of State", "bin Salman").
	nameConnectors map[string]bool // words.txt: name-connectors
	// discourse words that start a sentence but never a name.
	openers    map[string]bool // words.txt: openers
	monthWords map[string]bool // words.txt: month-words
	// small words that stay lower case in titles.
	smallWords map[string]bool // words.txt: small-words
	// words before a quote that make it a name or a term, not a statement.
	scareCues map[string]bool // words.txt: scare-cues
	// words after a cue that say where or when it was said, before "that".
	venueWords map[string]bool // words.txt: venue-words
	// words that never stand inside a speaker's mention.
	notInMention map[string]bool // words.txt: not-in-mention
)

// cueLemma returns the lemma of a reporting verb at tok, or "".
func cueLemma(t token) string {
	if !t.is(clsQuoteVerb) {
		return ""
	}
	lemma, _ := verbs().Lemma(t.key)
	return lemma
}
