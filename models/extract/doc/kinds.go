package doc

import (
	"dateline/models/extract/lexicon"
)

// KindPriority orders kinds when one clause has cues for several (see
// kinds.txt); eventCues maps a word key (see wordKey) to the kind of
// happening it reports (cues.txt). Both are filled when the language data
// is loaded.
var (
	KindPriority map[string]int
	EventCues    map[string]string
	KindFacts    map[string]lexicon.Kind
)

// bindKinds fills kindPriority, eventCues and kindFacts from lx.
func bindKinds(lx *lexicon.Lexicon) {
	KindPriority, KindFacts = map[string]int{}, map[string]lexicon.Kind{}
	for _, k := range lx.Kinds {
		KindPriority[k.Name], KindFacts[k.Name] = k.Priority, k
	}
	EventCues = lx.Cues
}

// SanctionWords near "sanctions" make it a measure taken or threatened.
var SanctionWords map[string]bool // words.txt: sanction-words

// SanctionTopicWords make sanctions the subject of talks, not a measure.
var SanctionTopicWords map[string]bool // words.txt: sanction-topic-words

// IntentWords before a meeting cue make it an intention to meet ("could meet",
// "plans to sit down with").
var IntentWords map[string]bool // words.txt: intent-words

// ThreatSanctionWords make sanctions threatened even when a past verb is near
// ("were still expected to be announced on Friday").
var ThreatSanctionWords map[string]bool // words.txt: threat-sanction-words

// PastSanctionWords make sanctions imposed rather than threatened.
var PastSanctionWords map[string]bool // words.txt: past-sanction-words
