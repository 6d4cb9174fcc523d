package doc

import "reflect"

// WordSets are the closed word classes of data/lexicon/<lang>/words.txt,
// one field a class, whose words tag names the class there. Every field
// must be a class of the file and every class of the file a field: the
// loader says which is missing.
type WordSets struct {
	// Speakers (quotes): the head nouns of anonymous, group and body
	// speakers, the participles of conduits, the group organisations.
	SourceNouns        map[string]bool `words:"source-nouns"`
	ConduitParticiples map[string]bool `words:"conduit-participles"`
	SourceQualifiers   map[string]bool `words:"source-qualifiers"`
	ClauseConjunctions map[string]bool `words:"clause-conjunctions"`
	MessageNouns       map[string]bool `words:"message-nouns"`
	PollShares         map[string]bool `words:"poll-shares"`
	GroupHeads         map[string]bool `words:"group-heads"`
	BodyNouns          map[string]bool `words:"body-nouns"`
	GroupNames         map[string]bool `words:"group-names"`

	// MediaRoles make an organisation of people.txt whose role holds one
	// of them a news outlet, which reports news rather than makes it.
	MediaRoles map[string]bool `words:"media-roles"`

	Pronouns map[string]bool `words:"pronouns"`

	// Determiners open a described speaker ("the Kremlin aide", "a senior official").
	Determiners map[string]bool `words:"determiners"`

	// between a speaker and the verb: "Trump also said", "he has repeatedly said".
	Auxiliaries map[string]bool `words:"auxiliaries"`

	// lyNouns end in -ly but are no adverbs: a word ending so between a
	// speaker and the verb is skipped ("Rubio only briefly explained")
	// unless it is one of these ("a close ally said").
	LyNouns map[string]bool `words:"ly-nouns"`

	// beForms before a participle make it passive: "people were charged
	// fees", "she was told" report nothing of the subject's.
	BeForms map[string]bool `words:"be-forms"`

	// putItVerbs say how words were put: "as Cornyn put it: ..." names
	// the speaker of the quote that follows.
	PutItVerbs map[string]bool `words:"put-it-verbs"`

	// relativePronouns open a relative clause; after a comma at the end of
	// reported words it describes what they name, in the reporter's words.
	RelativePronouns map[string]bool `words:"relative-pronouns"`

	// connectors inside names ("Secretary of State", "bin Salman").
	NameConnectors map[string]bool `words:"name-connectors"`

	// discourse words that start a sentence but never a name.
	Openers map[string]bool `words:"openers"`

	MonthWords map[string]bool `words:"month-words"`

	// small words that stay lower case in titles.
	SmallWords map[string]bool `words:"small-words"`

	// DescriptionCues open the speaker's words after a reporting verb.
	DescriptionCues map[string]bool `words:"description-cues"`

	// words before a quote that make it a name or a term, not a statement.
	ScareCues map[string]bool `words:"scare-cues"`

	// words after a cue that say where or when it was said, before "that".
	VenueWords map[string]bool `words:"venue-words"`

	// VenueNouns name where words are said: a venue after a comma closing
	// reported speech ("..., in a statement on Tuesday") is left out of it.
	VenueNouns map[string]bool `words:"venue-nouns"`

	// words that never stand inside a speaker's mention.
	NotInMention map[string]bool `words:"not-in-mention"`

	// TitleAbbrevs are abbreviations written with a period before a name.
	TitleAbbrevs map[string]bool `words:"title-abbrevs"`

	// SentenceAdverbs open a sentence before its subject: "Even Mike Pence ...".
	SentenceAdverbs map[string]bool `words:"sentence-adverbs"`

	// OrgWords end the names of organisations, not of people.
	OrgWords map[string]bool `words:"org-words"`

	// NotNameStart are capitalised words that open a phrase but no name.
	NotNameStart map[string]bool `words:"not-name-start"`

	// SanctionWords near "sanctions" make it a measure taken or threatened.
	SanctionWords map[string]bool `words:"sanction-words"`

	// SanctionTopicWords make sanctions the subject of talks, not a measure.
	SanctionTopicWords map[string]bool `words:"sanction-topic-words"`

	// IntentWords before a meeting cue make it an intention to meet ("could meet",
	// "plans to sit down with").
	IntentWords map[string]bool `words:"intent-words"`

	// ThreatSanctionWords make sanctions threatened even when a past verb is near
	// ("were still expected to be announced on Friday").
	ThreatSanctionWords map[string]bool `words:"threat-sanction-words"`

	// LevyNouns are duties that impose a sanction when they take effect.
	LevyNouns map[string]bool `words:"levy-nouns"`

	// GiveVerbs give someone time to act ("gave Russia 50 days to").
	GiveVerbs map[string]bool `words:"give-verbs"`

	// The words of each deadline change (models.DeadlineChanges but set):
	// what a report did to a deadline.
	DeadlineDropped    map[string]bool `words:"deadline-dropped"`
	DeadlineSuperseded map[string]bool `words:"deadline-superseded"`
	DeadlineMet        map[string]bool `words:"deadline-met"`
	DeadlinePassed     map[string]bool `words:"deadline-passed"`
	DeadlineShortened  map[string]bool `words:"deadline-shortened"`
	DeadlineExtended   map[string]bool `words:"deadline-extended"`
	DeadlineReaffirmed map[string]bool `words:"deadline-reaffirmed"`

	// DistanceWords after a count make it a distance ("two days before").
	DistanceWords map[string]bool `words:"distance-words"`

	// ConditionWords open a condition ("unless both sides extend it").
	ConditionWords map[string]bool `words:"condition-words"`

	// CeasefireWords name a truce ("the ceasefire took effect": CAMEO 0871).
	CeasefireWords map[string]bool `words:"ceasefire-words"`

	// SubjectAuxiliaries stand between what takes effect or expires and its
	// verb ("the duties will take effect").
	SubjectAuxiliaries map[string]bool `words:"subject-auxiliaries"`

	// PastSanctionWords make sanctions imposed rather than threatened.
	PastSanctionWords map[string]bool `words:"past-sanction-words"`

	// DepartmentWords name the department of a title ("Secretary of Homeland
	// Security"), not the person holding it.
	DepartmentWords map[string]bool `words:"department-words"`

	// DelegationNouns stand for a country after its adjective: "Ukrainian
	// negotiators", "the Russian delegation".
	DelegationNouns map[string]bool `words:"delegation-nouns"`

	// GroupNouns after "the two" or "both" name the people just mentioned.
	GroupNouns map[string]bool `words:"group-nouns"`

	// MilitaryNouns after a country adjective make the country an actor
	// ("Russian drones", "American sanctions").
	MilitaryNouns map[string]bool `words:"military-nouns"`

	ContextCueWords map[string]bool `words:"context-cues"`

	HostCues map[string]bool `words:"host-cues"`

	PlacePrepositions map[string]bool `words:"place-prepositions"`

	// ClauseBreaks start a new clause unless a time expression follows at once
	// ("after the talks" breaks, "after Friday" does not).
	ClauseBreaks map[string]bool `words:"clause-breaks"`

	SubjectPronouns map[string]bool `words:"subject-pronouns"`

	// Negations deny the happening a cue right after them reports; failures
	// ("failed to ...") deny what their clause goes on to report.
	Negations map[string]bool `words:"negations"`

	Failures map[string]bool `words:"failures"`

	// DemandWords make a date after "by" or "until" a deadline.
	DemandWords map[string]bool `words:"demand-words"`

	// HasVerbs before "until" make a grant of time: "X has until Friday to ...".
	HasVerbs map[string]bool `words:"has-verbs"`

	// UnrealizedWords are the auxiliaries of unrealized happenings (see
	// unrealized).
	UnrealizedWords map[string]bool `words:"unrealized-words"`

	// NoShareWords open clauses whose date is not the date of the rest of the
	// sentence.
	NoShareWords map[string]bool `words:"no-share-words"`

	// ReportTail are the words that may stand between a reporting verb and
	// what it reports besides its date: "said late on Friday that".
	ReportTail map[string]bool `words:"report-tail"`

	// AdverbialOpeners start a leading phrase a summary can do without.
	AdverbialOpeners map[string]bool `words:"adverbial-openers"`

	// LeadWords are connectives a summary does not start with.
	LeadWords map[string]bool `words:"lead-words"`

	// Prepositions end a described speaker read backwards ("talks described by").
	Prepositions map[string]bool `words:"prepositions"`

	// WeekdayWords may stand between a cue and its content ("said Wednesday he ...").
	WeekdayWords map[string]bool `words:"weekday-words"`

	// Subordinators open a clause that a comma closes before the main one.
	Subordinators map[string]bool `words:"subordinators"`

	// ClauseGoesOn are words a clause cannot end with: before ", according to
	// X," they show that the content goes on after the source.
	ClauseGoesOn map[string]bool `words:"clause-goes-on"`

	// TailWords may open what follows an attribution at the end of a sentence
	// (", he said, without elaborating") without making it reported content.
	TailWords map[string]bool `words:"tail-words"`

	// NotContent are words that do not open reported content after a cue.
	NotContent map[string]bool `words:"not-content"`

	// NotSpeakers are headline labels that look like "Speaker: what was said".
	NotSpeakers map[string]bool `words:"not-speakers"`
}

// bindings maps the class names of words.txt, the fields' words tags, to
// the fields that hold them.
func (w *WordSets) bindings() map[string]*map[string]bool {
	v := reflect.ValueOf(w).Elem()
	out := make(map[string]*map[string]bool, v.NumField())
	for i := range v.NumField() {
		out[v.Type().Field(i).Tag.Get("words")] = v.Field(i).Addr().Interface().(*map[string]bool)
	}
	return out
}
