package doc

// Set makes a word set of ws.
func Set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// CueLemma returns the lemma of a reporting verb at tok, or "".
func (lg *Language) CueLemma(t Token) string {
	if !t.Is(ClsQuoteVerb) {
		return ""
	}
	lemma, _ := lg.Verbs.Lemma(t.Key)
	return lemma
}
