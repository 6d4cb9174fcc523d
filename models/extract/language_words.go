package extract

// wordSets are the closed word classes of data/lexicon/<lang>/words.txt,
// by the names they have there, with the variables that hold them.
var wordSets = map[string]*map[string]bool{
	"place-prepositions":    &placePrepositions,
	"host-cues":             &hostCues,
	"department-words":      &departmentWords,
	"delegation-nouns":      &delegationNouns,
	"group-nouns":           &groupNouns,
	"military-nouns":        &militaryNouns,
	"sanction-words":        &sanctionWords,
	"sanction-topic-words":  &sanctionTopicWords,
	"intent-words":          &intentWords,
	"threat-sanction-words": &threatSanctionWords,
	"past-sanction-words":   &pastSanctionWords,
	"clause-breaks":         &clauseBreaks,
	"subject-pronouns":      &subjectPronouns,
	"demand-words":          &demandWords,
	"has-verbs":             &hasVerbs,
	"unrealized-words":      &unrealizedWords,
	"no-share-words":        &noShareWords,
	"report-tail":           &reportTail,
	"adverbial-openers":     &adverbialOpeners,
	"lead-words":            &leadWords,
	"negations":             &negations,
	"failures":              &failures,
	"sentence-adverbs":      &sentenceAdverbs,
	"org-words":             &orgWords,
	"not-name-start":        &notNameStart,
	"prepositions":          &prepositions,
	"weekday-words":         &weekdayWords,
	"subordinators":         &subordinators,
	"clause-goes-on":        &clauseGoesOn,
	"tail-words":            &tailWords,
	"not-content":           &notContent,
	"not-speakers":          &notSpeakers,
	"title-abbrevs":         &titleAbbrevs,
	"pronouns":              &pronouns,
	"determiners":           &determiners,
	"auxiliaries":           &auxiliaries,
	"name-connectors":       &nameConnectors,
	"openers":               &openers,
	"month-words":           &monthWords,
	"small-words":           &smallWords,
	"scare-cues":            &scareCues,
	"venue-words":           &venueWords,
	"not-in-mention":        &notInMention,
	"context-cues":          &contextCueWords,
}

// contextCueWords: see words.txt; the events stage decides them (contextCues).
var contextCueWords map[string]bool

// hostCues: see words.txt.
var hostCues map[string]bool

// placePrepositions: see words.txt.
var placePrepositions map[string]bool
