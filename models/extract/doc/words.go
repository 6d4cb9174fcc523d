package doc

import "dateline/models/extract/lexicon"

// Set makes a word set of ws.
func Set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// CueLemma returns the lemma of a reporting verb at tok, or "" (also for
// a verb that reports only with a particle: see PhrasalCue).
func (lg *Language) CueLemma(t Token) string {
	if !t.Is(ClsQuoteVerb) {
		return ""
	}
	lemma, _ := lg.Verbs.Lemma(t.Key)
	if lg.Verbs.Has(lemma, lexicon.PhrasalOnly) {
		return ""
	}
	return lemma
}

// PhrasalCue returns the lemma of the phrasal reporting verb that the
// verb at tok makes with the word after it, next ("called" "for": "call
// for", "went" "on": "go on"), or "".
func (lg *Language) PhrasalCue(t, next Token) string {
	if !t.Is(ClsQuoteVerb) {
		return ""
	}
	lemma, _ := lg.Verbs.Lemma(t.Key)
	return lg.Verbs.Phrasal(lemma, next.Key)
}
