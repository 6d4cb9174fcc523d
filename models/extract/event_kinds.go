package extract

import (
	"dateline/models"
	"dateline/models/extract/lexicon"
)

// CAMEO codes (CAMEO 1.1b3 event codebook) the rules give beyond each
// kind's usual one (data/lexicon/kinds.txt).
const (
	cameoStatement   = "010" // make public statement
	cameoIntentMeet  = "036" // express intent to meet or negotiate
	cameoHost        = "043" // host a visit
	cameoUltimatum   = "139" // give ultimatum
	cameoThreatSanct = "1312"
	cameoImposeSanct = "163" // impose embargo, boycott, or sanctions
)

// kindPriority orders kinds when one clause has cues for several (see
// kinds.txt); eventCues maps a word key (see wordKey) to the kind of
// happening it reports (cues.txt). Both are filled when the language data
// is loaded.
var (
	kindPriority map[string]int
	eventCues    map[string]string
	kindFacts    map[string]lexicon.Kind
)

// bindKinds fills kindPriority, eventCues and kindFacts from lx.
func bindKinds(lx *lexicon.Lexicon) {
	kindPriority, kindFacts = map[string]int{}, map[string]lexicon.Kind{}
	for _, k := range lx.Kinds {
		kindPriority[k.Name], kindFacts[k.Name] = k.Priority, k
	}
	eventCues = lx.Cues
}

// cueAt returns the kind the words from toks[i] report and how many words
// the cue takes, or "" when toks[i] starts no cue. Some cues need their
// neighbours: "a call with", "took office", "spoke by phone".
func cueAt(toks []token, i int) (string, int) {
	if !toks[i].is(clsEventCue) {
		return "", 0
	}
	k := toks[i].key
	if f, ok := contextCues[k]; ok {
		if kind, n, decided := f(toks, i); decided {
			return kind, n
		}
	}
	kind, ok := eventCues[k]
	if !ok && statementVerb(k) {
		kind, ok = models.KindStatement, true
	}
	if !ok {
		return "", 0
	}
	if kind == models.KindSanction && !sanctionContext(toks, i) {
		return "", 0 // "Russia's ability to evade past sanctions"
	}
	return kind, 1
}

// keyAt returns the key of toks[i], "" outside the slice.
func keyAt(toks []token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].key
}

// contextCue decides a cue from a word's neighbours; decided false falls
// back to the plain eventCues entry.
type contextCue func(toks []token, i int) (kind string, n int, decided bool)

// contextCues are the cue words whose meaning depends on their neighbours.
var contextCues = map[string]contextCue{}

func init() {
	on := func(f contextCue, words ...string) {
		for _, w := range words {
			contextCues[w] = f
		}
	}
	on(callCue, "call", "calls")
	on(phoneCue, "phone", "telephone")
	on(followedBy(models.KindOther, "office", "power"), "took", "take", "takes", "taking")
	on(followedBy(models.KindOther, "in"), "sworn")
	on(followedBy(models.KindMeeting, "down"), "sit", "sat", "sitting")
	on(spentWithCue, "spent", "spends", "spend", "spending")
	on(signCue, "signed", "signing", "sign")
	on(func(toks []token, i int) (string, int, bool) {
		if sanctionContext(toks, i) {
			return models.KindSanction, 1, true
		}
		return "", 0, true
	}, "duty", "duties")
	on(func(toks []token, i int) (string, int, bool) {
		p, n := keyAt(toks, i-1), keyAt(toks, i+1)
		if p == "a" || p == "the" || p == "peace" || n == "with" || n == "on" {
			return models.KindAgreement, 1, true
		}
		return "", 0, true
	}, "deal")
	on(func(toks []token, i int) (string, int, bool) {
		if n := keyAt(toks, i+1); n == "for" || n == "on" {
			return models.KindStatement, 1, true
		}
		if keyAt(toks, i-1) != "-" {
			// "called the Russian memorandum an ultimatum": a judgment said aloud
			for k := i + 2; k < i+7 && k < len(toks) && !toks[k].punct; k++ {
				if (toks[k].key == "a" || toks[k].key == "an") && toks[k-1].key != "by" {
					return models.KindStatement, 1, true
				}
			}
		}
		return "", 0, true // "so-called", "a man called"
	}, "called")
}

// followedBy makes a two-word cue: the word and one of next ("took office").
func followedBy(kind string, next ...string) contextCue {
	return func(toks []token, i int) (string, int, bool) {
		for _, w := range next {
			if keyAt(toks, i+1) == w {
				return kind, 2, true
			}
		}
		return "", 0, false
	}
}

// callCue reads "a call with" and "the phone call" as calls, "calls on" as a statement.
func callCue(toks []token, i int) (string, int, bool) {
	p, n := keyAt(toks, i-1), keyAt(toks, i+1)
	switch {
	case n == "for" || n == "on" || p == "so" || p == "-":
		return models.KindStatement, 1, true
	case p == "phone" || p == "telephone" || n == "with" || n == "between" || p == "a" || p == "the" || p == "'s":
		return models.KindCall, 1, true
	}
	return "", 0, true
}

// phoneCue reads "phone call" and "by phone" as calls.
func phoneCue(toks []token, i int) (string, int, bool) {
	if n := keyAt(toks, i+1); n == "call" || n == "calls" {
		return models.KindCall, 2, true
	}
	if p := keyAt(toks, i-1); p == "by" || p == "the" {
		return models.KindCall, 1, true
	}
	return "", 0, false
}

// spentWithCue reads "spent three hours with Putin" as a meeting.
func spentWithCue(toks []token, i int) (string, int, bool) {
	for n := 1; n <= 5 && i+n+1 < len(toks); n++ {
		if toks[i+n].key == "with" && toks[i+n+1].upper {
			return models.KindMeeting, 1, true
		}
	}
	return "", 0, true
}

// signCue keeps signing an executive order or a law from being an agreement.
func signCue(toks []token, i int) (string, int, bool) {
	for n := 1; n <= 3; n++ {
		switch keyAt(toks, i+n) {
		case "order", "decree", "law", "bill", "orders", "decrees":
			return models.KindOther, 1, true
		}
	}
	return "", 0, false
}

// sanctionWords near "sanctions" make it a measure taken or threatened.
var sanctionWords map[string]bool // words.txt: sanction-words

// sanctionTopicWords make sanctions the subject of talks, not a measure.
var sanctionTopicWords map[string]bool // words.txt: sanction-topic-words

// sanctionContext reports whether the sanctions word at i is a measure: a
// word of sanctionWords within four words, or "on"/"against" after it.
func sanctionContext(toks []token, i int) bool {
	for k := max(0, i-4); k < i; k++ {
		if sanctionTopicWords[toks[k].key] {
			return false // "meet to discuss a new sanctions package": the topic of a meeting
		}
	}
	if i+1 < len(toks) && (toks[i+1].key == "on" || toks[i+1].key == "against" || toks[i+1].key == "were" || toks[i+1].key == "will") {
		return true
	}
	for k := max(0, i-4); k < min(len(toks), i+5); k++ {
		if sanctionWords[toks[k].key] {
			return true
		}
	}
	return false
}

// intentWords before a meeting cue make it an intention to meet ("could meet",
// "plans to sit down with").
var intentWords map[string]bool // words.txt: intent-words

// threatSanctionWords make sanctions threatened even when a past verb is near
// ("were still expected to be announced on Friday").
var threatSanctionWords map[string]bool // words.txt: threat-sanction-words

// pastSanctionWords make sanctions imposed rather than threatened.
var pastSanctionWords map[string]bool // words.txt: past-sanction-words
