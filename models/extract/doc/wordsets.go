package doc

// WordSets are the closed word classes of data/lexicon/<lang>/words.txt,
// one field a class; the comment after each field names its class there.
type WordSets struct {
	// MediaRoles make an organisation of people.txt whose role holds one
	// of them a news outlet, which reports news rather than makes it.
	MediaRoles map[string]bool // media-roles

	Pronouns map[string]bool // pronouns

	// Determiners open a described speaker ("the Kremlin aide", "a senior official").
	Determiners map[string]bool // determiners

	// between a speaker and the verb: "Trump also said", "he has repeatedly said".
	Auxiliaries map[string]bool // auxiliaries

	// connectors inside names ("Secretary of State", "bin Salman").
	NameConnectors map[string]bool // name-connectors

	// discourse words that start a sentence but never a name.
	Openers map[string]bool // openers

	MonthWords map[string]bool // month-words

	// small words that stay lower case in titles.
	SmallWords map[string]bool // small-words

	// words before a quote that make it a name or a term, not a statement.
	ScareCues map[string]bool // scare-cues

	// words after a cue that say where or when it was said, before "that".
	VenueWords map[string]bool // venue-words

	// words that never stand inside a speaker's mention.
	NotInMention map[string]bool // not-in-mention

	// TitleAbbrevs are abbreviations written with a period before a name.
	TitleAbbrevs map[string]bool // title-abbrevs

	// SentenceAdverbs open a sentence before its subject: "Even Mike Pence ...".
	SentenceAdverbs map[string]bool // sentence-adverbs

	// OrgWords end the names of organisations, not of people.
	OrgWords map[string]bool // org-words

	// NotNameStart are capitalised words that open a phrase but no name.
	NotNameStart map[string]bool // not-name-start

	// SanctionWords near "sanctions" make it a measure taken or threatened.
	SanctionWords map[string]bool // sanction-words

	// SanctionTopicWords make sanctions the subject of talks, not a measure.
	SanctionTopicWords map[string]bool // sanction-topic-words

	// IntentWords before a meeting cue make it an intention to meet ("could meet",
	// "plans to sit down with").
	IntentWords map[string]bool // intent-words

	// ThreatSanctionWords make sanctions threatened even when a past verb is near
	// ("were still expected to be announced on Friday").
	ThreatSanctionWords map[string]bool // threat-sanction-words

	// PastSanctionWords make sanctions imposed rather than threatened.
	PastSanctionWords map[string]bool // past-sanction-words

	// DepartmentWords name the department of a title ("Secretary of Homeland
	// Security"), not the person holding it.
	DepartmentWords map[string]bool // department-words

	// DelegationNouns stand for a country after its adjective: "Ukrainian
	// negotiators", "the Russian delegation".
	DelegationNouns map[string]bool // delegation-nouns

	// GroupNouns after "the two" or "both" name the people just mentioned.
	GroupNouns map[string]bool // group-nouns

	// MilitaryNouns after a country adjective make the country an actor
	// ("Russian drones", "American sanctions").
	MilitaryNouns map[string]bool // military-nouns

	ContextCueWords map[string]bool // context-cues

	HostCues map[string]bool // host-cues

	PlacePrepositions map[string]bool // place-prepositions

	// ClauseBreaks start a new clause unless a time expression follows at once
	// ("after the talks" breaks, "after Friday" does not).
	ClauseBreaks map[string]bool // clause-breaks

	SubjectPronouns map[string]bool // subject-pronouns

	// Negations deny the happening a cue right after them reports; failures
	// ("failed to ...") deny what their clause goes on to report.
	Negations map[string]bool // negations

	Failures map[string]bool // failures

	// DemandWords make a date after "by" or "until" a deadline.
	DemandWords map[string]bool // demand-words

	// HasVerbs before "until" make a grant of time: "X has until Friday to ...".
	HasVerbs map[string]bool // has-verbs

	// UnrealizedWords are the auxiliaries of unrealized happenings (see
	// unrealized).
	UnrealizedWords map[string]bool // unrealized-words

	// NoShareWords open clauses whose date is not the date of the rest of the
	// sentence.
	NoShareWords map[string]bool // no-share-words

	// ReportTail are the words that may stand between a reporting verb and
	// what it reports besides its date: "said late on Friday that".
	ReportTail map[string]bool // report-tail

	// AdverbialOpeners start a leading phrase a summary can do without.
	AdverbialOpeners map[string]bool // adverbial-openers

	// LeadWords are connectives a summary does not start with.
	LeadWords map[string]bool // lead-words

	// Prepositions end a described speaker read backwards ("talks described by").
	Prepositions map[string]bool // prepositions

	// WeekdayWords may stand between a cue and its content ("said Wednesday he ...").
	WeekdayWords map[string]bool // weekday-words

	// Subordinators open a clause that a comma closes before the main one.
	Subordinators map[string]bool // subordinators

	// ClauseGoesOn are words a clause cannot end with: before ", according to
	// X," they show that the content goes on after the source.
	ClauseGoesOn map[string]bool // clause-goes-on

	// TailWords may open what follows an attribution at the end of a sentence
	// (", he said, without elaborating") without making it reported content.
	TailWords map[string]bool // tail-words

	// NotContent are words that do not open reported content after a cue.
	NotContent map[string]bool // not-content

	// NotSpeakers are headline labels that look like "Speaker: what was said".
	NotSpeakers map[string]bool // not-speakers
}

// bindings maps the class names of words.txt to the fields that hold them.
func (w *WordSets) bindings() map[string]*map[string]bool {
	return map[string]*map[string]bool{
		"place-prepositions":    &w.PlacePrepositions,
		"host-cues":             &w.HostCues,
		"department-words":      &w.DepartmentWords,
		"delegation-nouns":      &w.DelegationNouns,
		"group-nouns":           &w.GroupNouns,
		"military-nouns":        &w.MilitaryNouns,
		"sanction-words":        &w.SanctionWords,
		"sanction-topic-words":  &w.SanctionTopicWords,
		"intent-words":          &w.IntentWords,
		"threat-sanction-words": &w.ThreatSanctionWords,
		"past-sanction-words":   &w.PastSanctionWords,
		"clause-breaks":         &w.ClauseBreaks,
		"subject-pronouns":      &w.SubjectPronouns,
		"demand-words":          &w.DemandWords,
		"has-verbs":             &w.HasVerbs,
		"unrealized-words":      &w.UnrealizedWords,
		"no-share-words":        &w.NoShareWords,
		"report-tail":           &w.ReportTail,
		"adverbial-openers":     &w.AdverbialOpeners,
		"lead-words":            &w.LeadWords,
		"negations":             &w.Negations,
		"failures":              &w.Failures,
		"sentence-adverbs":      &w.SentenceAdverbs,
		"org-words":             &w.OrgWords,
		"not-name-start":        &w.NotNameStart,
		"prepositions":          &w.Prepositions,
		"weekday-words":         &w.WeekdayWords,
		"subordinators":         &w.Subordinators,
		"clause-goes-on":        &w.ClauseGoesOn,
		"tail-words":            &w.TailWords,
		"not-content":           &w.NotContent,
		"not-speakers":          &w.NotSpeakers,
		"title-abbrevs":         &w.TitleAbbrevs,
		"pronouns":              &w.Pronouns,
		"determiners":           &w.Determiners,
		"auxiliaries":           &w.Auxiliaries,
		"name-connectors":       &w.NameConnectors,
		"openers":               &w.Openers,
		"month-words":           &w.MonthWords,
		"small-words":           &w.SmallWords,
		"scare-cues":            &w.ScareCues,
		"venue-words":           &w.VenueWords,
		"not-in-mention":        &w.NotInMention,
		"media-roles":           &w.MediaRoles,
		"context-cues":          &w.ContextCueWords,
	}
}
