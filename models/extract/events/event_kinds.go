package events

import (
	"dateline/models"
	"dateline/models/extract/doc"
)

// CAMEO codes (CAMEO 1.1b3 event codebook) the rules give beyond each
// kind's usual one (data/lexicon/kinds.txt).
const (
	CameoStatement   = "010" // make public statement
	CameoIntentMeet  = "036" // express intent to meet or negotiate
	CameoHost        = "043" // host a visit
	CameoUltimatum   = "139" // give ultimatum
	CameoThreatSanct = "1312"
	CameoImposeSanct = "163"  // impose embargo, boycott, or sanctions
	CameoCeasefire   = "0871" // declare truce, ceasefire
)

// cueAt returns the kind the words from toks[i] report and how many words
// the cue takes, or "" when toks[i] starts no cue. Some cues need their
// neighbours: "a call with", "took office", "spoke by phone".
func cueAt(lg *doc.Language, toks []doc.Token, i int) (string, int) {
	if !toks[i].Is(doc.ClsEventCue) {
		return "", 0
	}
	k := toks[i].Key
	if f, ok := contextCues[k]; ok {
		if kind, n, decided := f(lg, toks, i); decided {
			return kind, n
		}
	}
	kind, ok := lg.EventCues[k]
	if !ok && lg.StatementVerb(k) {
		kind, ok = models.KindStatement, true
	}
	if !ok {
		return "", 0
	}
	if kind == models.KindSanction && !sanctionContext(lg, toks, i) {
		return "", 0 // "Russia's ability to evade past sanctions"
	}
	return kind, 1
}

// keyAt returns the key of toks[i], "" outside the slice.
func keyAt(toks []doc.Token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].Key
}

// contextCue decides a cue from a word's neighbours; decided false falls
// back to the plain eventCues entry.
type contextCue func(lg *doc.Language, toks []doc.Token, i int) (kind string, n int, decided bool)

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
	on(inForceCue, "effect", "force")
	on(extendCue, "extended", "extends", "extend", "prolonged", "postponed")
	on(windowCue, "window")
	on(afterVerb(models.KindExpiry, "fall", "falls", "fell", "falling", "fallen", "come", "comes", "came", "become", "becomes", "became"), "due")
	on(afterVerb(models.KindExpiry, "run", "runs", "ran", "running"), "out")
	on(func(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
		if sanctionContext(lg, toks, i) {
			return models.KindSanction, 1, true
		}
		return "", 0, true
	}, "duty", "duties")
	on(func(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
		p, n := keyAt(toks, i-1), keyAt(toks, i+1)
		if p == "a" || p == "the" || p == "peace" || n == "with" || n == "on" {
			return models.KindAgreement, 1, true
		}
		return "", 0, true
	}, "deal")
	on(func(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
		if n := keyAt(toks, i+1); n == "for" || n == "on" {
			return models.KindStatement, 1, true
		}
		if keyAt(toks, i-1) != "-" {
			// "called the Russian memorandum an ultimatum": a judgment said aloud
			for k := i + 2; k < i+7 && k < len(toks) && !toks[k].Punct; k++ {
				if (toks[k].Key == "a" || toks[k].Key == "an") && toks[k-1].Key != "by" {
					return models.KindStatement, 1, true
				}
			}
		}
		return "", 0, true // "so-called", "a man called"
	}, "called")
}

// followedBy makes a two-word cue: the word and one of next ("took office").
func followedBy(kind string, next ...string) contextCue {
	return func(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
		for _, w := range next {
			if keyAt(toks, i+1) == w {
				return kind, 2, true
			}
		}
		return "", 0, false
	}
}

// inForceCue reads "takes effect", "went into effect", "comes into force"
// and "entered into force" as something taking effect; "effect" and
// "force" alone are no cue ("to no effect", "the use of force").
func inForceCue(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
	p := i - 1
	if keyAt(toks, p) == "into" || keyAt(toks, p) == "in" && toks[i].Key == "effect" {
		p--
	}
	switch v := keyAt(toks, p); {
	case toks[i].Key == "effect" && (takeForms[v] || goForms[v] || p < i-1 && (v == "put" || v == "puts")):
		return models.KindInForce, 1, true
	case toks[i].Key == "force" && p < i-1 && (goForms[v] || v == "enter" || v == "enters" || v == "entered" || v == "entering"):
		return models.KindInForce, 1, true
	}
	return "", 0, true
}

// The forms of "take", "come" and "go" that put something into effect.
var (
	takeForms = doc.Set("take", "takes", "took", "taking", "taken")
	goForms   = doc.Set("come", "comes", "came", "coming", "go", "goes", "went", "going", "gone")
)

// windowCue reads a window of days as a deadline ("a 30-day window before
// UN sanctions return", "a window of 30 days"); "window" alone is none.
func windowCue(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
	p1, p2 := keyAt(toks, i-1), keyAt(toks, i-2)
	if p1 == "day" || p1 == "week" || p1 == "days" || p1 == "weeks" || p2 == "day" && p1 == "-" {
		return models.KindDeadline, 1, true
	}
	if keyAt(toks, i+1) == "of" && i+2 < len(toks) && !toks[i+2].Upper && (keyAt(toks, i+3) == "days" || keyAt(toks, i+3) == "weeks") {
		return models.KindDeadline, 1, true
	}
	return "", 0, true
}

// extendCue reads "it was extended to 10 November" as an end moved (an
// expiry); "extended" alone is none ("extended his lead").
func extendCue(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
	for k := i + 1; k <= i+3 && k < len(toks); k++ {
		switch n := keyAt(toks, k); {
		case n == "to" || n == "until" || n == "by" || n == "for" || n == "into":
			return models.KindExpiry, 1, true
		case n != "," && !lg.Auxiliaries[n]: // "extended again, to 10 November"
			return "", 0, true
		}
	}
	return "", 0, true
}

// afterVerb makes a cue of a word right after one of verbs ("falls due",
// "runs out"); the word alone is none.
func afterVerb(kind string, verbs ...string) contextCue {
	set := doc.Set(verbs...)
	return func(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
		if set[keyAt(toks, i-1)] {
			return kind, 1, true
		}
		return "", 0, true
	}
}

// callCue reads "a call with" and "the phone call" as calls, "calls on" as a statement.
func callCue(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
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
func phoneCue(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
	if n := keyAt(toks, i+1); n == "call" || n == "calls" {
		return models.KindCall, 2, true
	}
	if p := keyAt(toks, i-1); p == "by" || p == "the" {
		return models.KindCall, 1, true
	}
	return "", 0, false
}

// spentWithCue reads "spent three hours with Putin" as a meeting.
func spentWithCue(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
	for n := 1; n <= 5 && i+n+1 < len(toks); n++ {
		if toks[i+n].Key == "with" && toks[i+n+1].Upper {
			return models.KindMeeting, 1, true
		}
	}
	return "", 0, true
}

// signCue keeps signing an executive order or a law from being an agreement.
func signCue(lg *doc.Language, toks []doc.Token, i int) (string, int, bool) {
	for n := 1; n <= 3; n++ {
		switch keyAt(toks, i+n) {
		case "order", "decree", "law", "bill", "orders", "decrees":
			return models.KindOther, 1, true
		}
	}
	return "", 0, false
}

// sanctionContext reports whether the sanctions word at i is a measure: a
// word of sanctionWords within four words, or "on"/"against" after it.
func sanctionContext(lg *doc.Language, toks []doc.Token, i int) bool {
	for k := max(0, i-4); k < i; k++ {
		if lg.SanctionTopicWords[toks[k].Key] {
			return false // "meet to discuss a new sanctions package": the topic of a meeting
		}
	}
	if i+1 < len(toks) && (toks[i+1].Key == "on" || toks[i+1].Key == "against" || toks[i+1].Key == "were" || toks[i+1].Key == "will") {
		return true
	}
	for k := max(0, i-4); k < min(len(toks), i+5); k++ {
		if lg.SanctionWords[toks[k].Key] {
			return true
		}
	}
	return false
}
