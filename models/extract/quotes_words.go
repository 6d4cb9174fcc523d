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
	pronouns = set("he", "she", "they", "it", "we", "i", "you", "who")
	// determiners open a described speaker ("the Kremlin aide", "a senior official").
	determiners = set("the", "a", "an", "his", "her", "their", "its", "this", "these", "those",
		"some", "several", "many", "two", "three", "four", "five", "our", "my", "your",
		"another", "one", "each", "both", "other", "most", "few", "all")
	// between a speaker and the verb: "Trump also said", "he has repeatedly said".
	auxiliaries = set("also", "has", "have", "had", "later", "then", "again", "previously",
		"recently", "repeatedly", "once", "further", "publicly", "privately", "earlier",
		"separately", "initially", "frequently", "often", "still", "reportedly", "would",
		"will", "may", "might", "could", "did", "does", "do", "just", "already", "even",
		"never", "not", "is", "was", "are", "were", "been", "had", "first", "flatly", "simply",
		"subsequently", "similarly", "likewise", "specifically", "explicitly", "openly",
		"bluntly", "angrily", "confidently", "directly", "emphatically", "quickly", "finally",
		"now", "always", "usually", "only", "herself", "himself", "themselves", "be", "being",
		"can", "should", "must", "shall", "plainly", "clearly", "falsely", "wrongly", "correctly",
		"had", "ominously", "sharply", "jokingly", "tersely", "softly", "loudly", "proudly",
		"nevertheless", "nonetheless", "however", "meanwhile", "afterwards", "afterward", "instead")
	// connectors inside names ("Secretary of State", "bin Salman").
	nameConnectors = set("of", "de", "del", "van", "von", "der", "al", "bin", "la", "le", "da", "'s", "&", "and", "for", "-")
	// discourse words that start a sentence but never a name.
	openers = set("but", "and", "however", "meanwhile", "also", "then", "so", "yet", "still",
		"now", "asked", "when", "while", "after", "before", "if", "although", "though",
		"because", "as", "in", "on", "at", "instead", "later", "earlier", "separately", "today",
		"yesterday", "on", "nevertheless", "moreover", "indeed", "previously", "speaking", "since",
		"or", "last", "this", "during", "despite", "publicly", "privately", "there", "overall",
		"nonetheless", "furthermore", "additionally", "similarly", "likewise", "finally",
		"ultimately", "first", "second", "third", "tomorrow", "besides", "otherwise", "thus",
		"hence", "therefore", "consequently", "instead", "again", "now")
	monthWords = set("january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december")
	// small words that stay lower case in titles.
	smallWords = set("of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "'s")
	// words before a quote that make it a name or a term, not a statement.
	scareCues = set("so-called", "dubbed", "titled", "entitled", "nicknamed", "named", "term",
		"word", "words", "phrase", "slogan", "hashtag", "label", "labeled", "labelled", "called", "calls", "call", "dubs", "terms", "termed",
		"branded", "coined", "as")
	// words after a cue that say where or when it was said, before "that".
	venueWords = set("in", "on", "at", "during", "to", "via", "through", "from", "while",
		"after", "before", "with", "by", "monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "today", "yesterday", "tonight", "earlier", "later", "last", "this",
		"week", "month", "year", "morning", "afternoon", "evening", "night", "the", "a", "an",
		"his", "her", "their", "its", "interview", "statement", "speech", "news", "conference",
		"briefing", "press", "rally", "post", "posts", "message", "tweet", "twitter", "truth",
		"social", "platform", "television", "tv", "radio", "program", "show", "event", "meeting",
		"call", "letter", "also", "repeatedly", "again", "privately", "publicly", "recently",
		"appearance", "remarks", "hearing", "campaign", "stop", "of", "for", "and", "own", ",",
		"wednesday's", "week's", "day", "days", "ago", "late", "early", "mid", "speaking", "he", "she",
		"all", "whole", "entire", "past", "next")
	// words that never stand inside a speaker's mention.
	notInMention = set("when", "while", "because", "if", "that", "which", "after", "before",
		"than", "where", "whether", "what", "how", "why", "as", "increasingly", "also", "not")
)

// cueLemma returns the lemma of a reporting verb at tok, or "".
func cueLemma(t token) string {
	if !t.is(clsQuoteVerb) {
		return ""
	}
	lemma, _ := verbs().Lemma(t.key)
	return lemma
}
