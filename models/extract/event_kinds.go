package extract

import "dateline/models"

// CAMEO codes used for events (CAMEO 1.1b3 event codebook).
const (
	cameoStatement   = "010" // make public statement
	cameoIntentMeet  = "036" // express intent to meet or negotiate
	cameoConsult     = "040" // consult
	cameoPhone       = "041" // discuss by telephone
	cameoVisit       = "042" // make a visit
	cameoHost        = "043" // host a visit
	cameoNegotiate   = "046" // engage in negotiation
	cameoSign        = "057" // sign formal agreement
	cameoUltimatum   = "139" // give ultimatum
	cameoThreatSanct = "1312"
	cameoImposeSanct = "163" // impose embargo, boycott, or sanctions
	cameoMilitaryUse = "190" // use conventional military force
	cameoNone        = ""
)

// kindPriority orders kinds when one clause has cues for several: a
// deadline outranks the sanctions it threatens, a call or meeting outranks
// the statement that reports it.
var kindPriority = map[string]int{
	models.KindDeadline: 0, models.KindUltimatum: 1, models.KindSanction: 2, models.KindCall: 3,
	models.KindMeeting: 4, models.KindVisit: 5, models.KindTalks: 6, models.KindAgreement: 7,
	models.KindAttack: 8, models.KindOther: 9, models.KindStatement: 10,
}

// eventCues maps a word key (see wordKey) to the kind of happening it reports.
var eventCues = map[string]string{}

func init() {
	add := func(kind string, words ...string) {
		for _, w := range words {
			eventCues[w] = kind
		}
	}
	add(models.KindMeeting, "met", "meet", "meets", "meeting", "meetings", "summit", "hosted", "hosts",
		"host", "hosting", "received")
	add(models.KindVisit, "visit", "visits", "visited", "visiting", "trip", "trips", "arrived", "arrives",
		"arrival", "travelled", "traveled", "travels", "flew", "landed", "tour", "toured")
	add(models.KindCall, "phoned", "telephoned")
	add(models.KindTalks, "talks", "negotiations", "negotiated", "negotiating", "discussed", "discussions",
		"consultations", "conversation")
	add(models.KindStatement, "said", "says", "told", "announced", "stated", "declared", "wrote", "posted",
		"remarked", "added", "warned", "confirmed", "noted", "insisted", "claimed", "tweeted", "statement",
		"boasted", "vowed", "pledged", "promised", "threatened", "urged", "called")
	add(models.KindDeadline, "deadline", "deadlines")
	add(models.KindUltimatum, "ultimatum", "ultimatums")
	add(models.KindSanction, "sanction", "sanctions", "sanctioned", "tariff", "tariffs", "penalties", "embargo")
	add(models.KindAgreement, "signed", "signing", "agreement", "agreed", "accord", "treaty", "ceasefire", "truce")
	add(models.KindAttack, "attack", "attacks", "attacked", "strike", "strikes", "struck", "shelling", "shelled",
		"bombing", "bombed", "bombardment", "invaded", "invasion", "offensive", "airstrike", "airstrikes", "killed")
	add(models.KindOther, "inaugurated", "elected", "resigned", "died", "arrested", "released")
}

// cueAt returns the kind the words from toks[i] report and how many words
// the cue takes, or "" when toks[i] starts no cue. Some cues need their
// neighbours: "a call with", "took office", "spoke by phone".
func cueAt(toks []token, i int) (string, int) {
	k := toks[i].key
	next := func(n int) string {
		if i+n < len(toks) {
			return toks[i+n].key
		}
		return ""
	}
	prev := ""
	if i > 0 {
		prev = toks[i-1].key
	}
	switch k {
	case "call", "calls":
		if next(1) == "for" || next(1) == "on" || prev == "so" || prev == "-" {
			return models.KindStatement, 1 // "called for", "calls on": statements
		}
		if prev == "phone" || prev == "telephone" || next(1) == "with" || next(1) == "between" ||
			prev == "a" || prev == "the" || prev == "'s" {
			return models.KindCall, 1
		}
		return "", 0
	case "phone", "telephone":
		if next(1) == "call" || next(1) == "calls" {
			return models.KindCall, 2
		}
		if prev == "by" || prev == "the" {
			return models.KindCall, 1
		}
	case "took", "take", "takes", "taking":
		if next(1) == "office" || next(1) == "power" {
			return models.KindOther, 2
		}
	case "sworn":
		if next(1) == "in" {
			return models.KindOther, 2
		}
	case "sit", "sat", "sitting":
		if next(1) == "down" {
			return models.KindMeeting, 2
		}
	case "spent", "spends", "spend", "spending":
		for n := 1; n <= 5 && i+n+1 < len(toks); n++ {
			if toks[i+n].key == "with" && toks[i+n+1].upper {
				return models.KindMeeting, 1 // "spent three hours with Putin"
			}
		}
		return "", 0
	case "signed", "signing", "sign":
		for n := 1; n <= 3 && i+n < len(toks); n++ {
			switch toks[i+n].key {
			case "order", "decree", "law", "bill", "orders", "decrees":
				return models.KindOther, 1 // an executive order is not an agreement
			}
		}
	case "duty", "duties":
		if sanctionContext(toks, i) {
			return models.KindSanction, 1
		}
		return "", 0
	case "deal":
		if prev == "a" || prev == "the" || prev == "peace" || next(1) == "with" || next(1) == "on" {
			return models.KindAgreement, 1
		}
		return "", 0
	case "called":
		if next(1) == "for" || next(1) == "on" {
			return models.KindStatement, 1
		}
		return "", 0 // "so-called", "a man called"
	}
	kind, ok := eventCues[k]
	if !ok {
		return "", 0
	}
	if kind == models.KindSanction && !sanctionContext(toks, i) {
		return "", 0 // "Russia's ability to evade past sanctions"
	}
	return kind, 1
}

// sanctionWords near "sanctions" make it a measure taken or threatened.
var sanctionWords = set("impose", "imposed", "imposes", "imposing", "new", "fresh", "secondary", "more", "further",
	"threat", "threatened", "threatens", "threatening", "face", "wave", "round", "slap", "slapped", "announced",
	"additional", "tougher", "sweeping", "implemented", "hit", "target", "targeting", "package", "raising",
	"raised", "raise", "raises", "higher", "adding", "adds", "extra", "percent", "import", "doubled", "order")

// sanctionContext reports whether the sanctions word at i is a measure: a
// word of sanctionWords within four words, or "on"/"against" after it.
func sanctionContext(toks []token, i int) bool {
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
var intentWords = set("could", "will", "would", "may", "might", "plans", "plan", "planned", "wants", "want",
	"hopes", "hope", "expects", "expected", "intends", "proposed", "offered", "ready", "chance", "possible",
	"potential", "upcoming", "planning", "seeks", "sought", "agreed", "scheduled", "due")

// threatSanctionWords make sanctions threatened even when a past verb is near
// ("were still expected to be announced on Friday").
var threatSanctionWords = set("expected", "will", "would", "could", "might", "may", "threat", "threatened",
	"threatens", "threatening", "face", "unless", "if", "warned", "plans", "planned")

// pastSanctionWords make sanctions imposed rather than threatened.
var pastSanctionWords = set("imposed", "slapped", "introduced", "announced", "adopted", "approved", "levied",
	"signed", "adds", "added", "raised", "doubled")
