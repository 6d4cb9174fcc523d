package doc

// wordSets are the closed word classes of data/lexicon/<lang>/words.txt,
// by the names they have there, with the variables that hold them.
var wordSets = map[string]*map[string]bool{
	"place-prepositions":    &PlacePrepositions,
	"host-cues":             &HostCues,
	"department-words":      &DepartmentWords,
	"delegation-nouns":      &DelegationNouns,
	"group-nouns":           &GroupNouns,
	"military-nouns":        &MilitaryNouns,
	"sanction-words":        &SanctionWords,
	"sanction-topic-words":  &SanctionTopicWords,
	"intent-words":          &IntentWords,
	"threat-sanction-words": &ThreatSanctionWords,
	"past-sanction-words":   &PastSanctionWords,
	"clause-breaks":         &ClauseBreaks,
	"subject-pronouns":      &SubjectPronouns,
	"demand-words":          &DemandWords,
	"has-verbs":             &HasVerbs,
	"unrealized-words":      &UnrealizedWords,
	"no-share-words":        &NoShareWords,
	"report-tail":           &ReportTail,
	"adverbial-openers":     &AdverbialOpeners,
	"lead-words":            &LeadWords,
	"negations":             &Negations,
	"failures":              &Failures,
	"sentence-adverbs":      &SentenceAdverbs,
	"org-words":             &OrgWords,
	"not-name-start":        &NotNameStart,
	"prepositions":          &Prepositions,
	"weekday-words":         &WeekdayWords,
	"subordinators":         &Subordinators,
	"clause-goes-on":        &ClauseGoesOn,
	"tail-words":            &TailWords,
	"not-content":           &NotContent,
	"not-speakers":          &NotSpeakers,
	"title-abbrevs":         &TitleAbbrevs,
	"pronouns":              &Pronouns,
	"determiners":           &Determiners,
	"auxiliaries":           &Auxiliaries,
	"name-connectors":       &NameConnectors,
	"openers":               &Openers,
	"month-words":           &MonthWords,
	"small-words":           &SmallWords,
	"scare-cues":            &ScareCues,
	"venue-words":           &VenueWords,
	"not-in-mention":        &NotInMention,
	"context-cues":          &ContextCueWords,
}

// contextCueWords: see words.txt; the events stage decides them (contextCues).
var ContextCueWords map[string]bool

// hostCues: see words.txt.
var HostCues map[string]bool

// placePrepositions: see words.txt.
var PlacePrepositions map[string]bool

// ClauseBreaks start a new clause unless a time expression follows at once
// ("after the talks" breaks, "after Friday" does not).
var ClauseBreaks map[string]bool // words.txt: clause-breaks

var SubjectPronouns map[string]bool // words.txt: subject-pronouns

// Negations deny the happening a cue right after them reports; failures
// ("failed to ...") deny what their clause goes on to report.
var (
	Negations map[string]bool // words.txt: negations
	Failures  map[string]bool // words.txt: failures
)

// DemandWords make a date after "by" or "until" a deadline.
var DemandWords map[string]bool // words.txt: demand-words

// HasVerbs before "until" make a grant of time: "X has until Friday to ...".
var HasVerbs map[string]bool // words.txt: has-verbs

// UnrealizedWords are the auxiliaries of unrealized happenings (see
// unrealized).
var UnrealizedWords map[string]bool // words.txt: unrealized-words

// NoShareWords open clauses whose date is not the date of the rest of the
// sentence.
var NoShareWords map[string]bool // words.txt: no-share-words

// ReportTail are the words that may stand between a reporting verb and
// what it reports besides its date: "said late on Friday that".
var ReportTail map[string]bool // words.txt: report-tail

// AdverbialOpeners start a leading phrase a summary can do without.
var AdverbialOpeners map[string]bool // words.txt: adverbial-openers

// LeadWords are connectives a summary does not start with.
var LeadWords map[string]bool // words.txt: lead-words

// Prepositions end a described speaker read backwards ("talks described by").
var Prepositions map[string]bool // words.txt: prepositions

// WeekdayWords may stand between a cue and its content ("said Wednesday he ...").
var WeekdayWords map[string]bool // words.txt: weekday-words

// Subordinators open a clause that a comma closes before the main one.
var Subordinators map[string]bool // words.txt: subordinators

// ClauseGoesOn are words a clause cannot end with: before ", according to
// X," they show that the content goes on after the source.
var ClauseGoesOn map[string]bool // words.txt: clause-goes-on

// TailWords may open what follows an attribution at the end of a sentence
// (", he said, without elaborating") without making it reported content.
var TailWords map[string]bool // words.txt: tail-words

// NotContent are words that do not open reported content after a cue.
var NotContent map[string]bool // words.txt: not-content

// NotSpeakers are headline labels that look like "Speaker: what was said".
var NotSpeakers map[string]bool // words.txt: not-speakers
