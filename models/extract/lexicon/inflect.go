package lexicon

import "strings"

// inflect makes the regular spelling of one form of an English verb from
// its lemma: -s ("says", "pushes", "replies"), past and past participle
// ("noted", "replied", "warned") and -ing ("noting", "warning"). It does
// not double final consonants ("admitted", "quipped") or know irregular
// verbs ("told"): the verbs file lists those.
func inflect(lemma string, f Form) []string {
	switch f {
	case S:
		switch {
		case consonantY(lemma):
			return []string{lemma[:len(lemma)-1] + "ies"}
		case hasAnySuffix(lemma, "s", "x", "z", "ch", "sh"):
			return []string{lemma + "es"}
		}
		return []string{lemma + "s"}
	case Past, PastPart:
		switch {
		case consonantY(lemma):
			return []string{lemma[:len(lemma)-1] + "ied"}
		case strings.HasSuffix(lemma, "e"):
			return []string{lemma + "d"}
		}
		return []string{lemma + "ed"}
	case Ing:
		switch {
		case strings.HasSuffix(lemma, "ie"):
			return []string{lemma[:len(lemma)-2] + "ying"}
		case strings.HasSuffix(lemma, "e") && !hasAnySuffix(lemma, "ee", "ye", "oe"):
			return []string{lemma[:len(lemma)-1] + "ing"}
		}
		return []string{lemma + "ing"}
	}
	return []string{lemma}
}

// consonantY reports a lemma ending in a consonant and y ("reply", not
// "say").
func consonantY(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(w[n-2]))
}

func hasAnySuffix(w string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}
