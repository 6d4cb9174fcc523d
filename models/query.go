package models

import "time"

// The types in this file are what the read side returns: filters shared by
// pages, exports and the JSON API, a story's timeline entries and the flat
// rows of the CSV and JSON exports.

// Filter narrows events, quotes and articles. Empty fields do not filter.
type Filter struct {
	Story   string // story slug
	Speaker string // quotes: speaker slug or name
	Person  string // events: actor name or slug (quotes: same as Speaker)
	Kind    string // event kind, or quote kind for quotes
	Source  string // outlet name
	From    string // YYYY-MM-DD, inclusive
	To      string // YYYY-MM-DD, inclusive
	Limit   int    // 0: no limit
	// Before keeps, of a story's timeline, the events that come before the
	// event with this id in timeline order (date, then id): the cursor of
	// the next page of a timeline read Limit events at a time. 0: none.
	Before uint
}

// EntrySources is the most sources a timeline entry carries: the first ones
// by article id. The event permalink has them all.
const EntrySources = 12

// EventSourcesPage is how many sources an event's permalink shows at a time:
// an event reported by thousands of articles is read a page at a time.
const EventSourcesPage = 100

// EntryAppearances is the most appearances a quote of a timeline entry
// carries: the first ones by article id, with Quote.AppearanceCount.
const EntryAppearances = 8

// TimelineEntry is one event of a story's timeline with the quotes found in
// the sentences that report it.
type TimelineEntry struct {
	// Event comes with Sources and their Article and Source: in a timeline
	// the first EntrySources of them, on the event permalink all.
	Event  Event `json:"event"`
	Pinned bool  `json:"pinned"`
	// Quotes are those said in the sentences of Event.Sources, with Speaker.
	Quotes []Quote `json:"quotes"`
	// SourceCount is the number of all the event's sources, loaded or not.
	SourceCount int `json:"source_count"`
}

// SpeakerCount is how many quotes one speaker has in a set.
type SpeakerCount struct {
	Name   string `json:"name"`
	Slug   string `json:"slug"`
	Quotes int    `json:"quotes"`
}

// PersonSummary is a person with the number of quotes attributed to them.
type PersonSummary struct {
	Person
	Quotes int `json:"quotes"`
}

// EventRow is one (event, reporting article) pair of the events export.
type EventRow struct {
	EventID             uint       `json:"event_id"`
	Date                string     `json:"date"`
	Granularity         string     `json:"granularity"`
	SortAt              time.Time  `json:"sort_at"`
	Kind                string     `json:"kind"`
	Cameo               string     `json:"cameo"`
	Summary             string     `json:"summary"`
	Actors              string     `json:"actors"`
	DeadlineSetBy       string     `json:"deadline_set_by"`
	DeadlineDemand      string     `json:"deadline_demand"`
	DeadlineConsequence string     `json:"deadline_consequence"`
	ArticleID           uint       `json:"article_id"`
	Title               string     `json:"title"`
	Source              string     `json:"source"`
	URL                 string     `json:"url"`
	PublishedAt         *time.Time `json:"published_at"`
	Sentence            string     `json:"sentence"`
	Expression          string     `json:"expression"`
	Corrections         int        `json:"corrections"` // editors' corrections of the event (its version)
}

// QuoteRow is one (quote, article it appears in) pair of the quotes export.
type QuoteRow struct {
	QuoteID        uint       `json:"quote_id"`
	Kind           string     `json:"kind"`
	Text           string     `json:"text"`
	Speaker        string     `json:"speaker"`
	SpeakerSlug    string     `json:"speaker_slug"`
	PlacedAt       *time.Time `json:"placed_at"` // when said if known, else first reported
	ArticleID      uint       `json:"article_id"`
	Title          string     `json:"title"`
	Source         string     `json:"source"`
	URL            string     `json:"url"`
	PublishedAt    *time.Time `json:"published_at"`
	SpeakerMention string     `json:"speaker_mention"`
	Cue            string     `json:"cue"`
	Venue          string     `json:"venue"`
	Sentence       string     `json:"sentence"`
	// The columns added with quote identity (issue 15), as extraction
	// writes them: this article's offsets of the words and of their
	// context clause, the kinds, the verb, when said (TIMEX3 value and
	// granularity, "" when no report says) and when first reported.
	Start           int        `json:"start"`
	End             int        `json:"end"`
	Context         string     `json:"context"`
	ContextStart    int        `json:"context_start"`
	ContextEnd      int        `json:"context_end"`
	SpeakerKind     string     `json:"speaker_kind"`
	Verb            string     `json:"verb"`
	SaidAt          string     `json:"said_at"`
	SaidGranularity string     `json:"said_granularity"`
	ReportedAt      *time.Time `json:"reported_at"`
	AppearanceKind  string     `json:"appearance_kind"` // how this article quoted it: direct, partial, indirect
	Conduit         string     `json:"conduit"`
	Corrections     int        `json:"corrections"` // editors' corrections of the quote (its version)
}

// ArticleRow is one article of the articles export.
type ArticleRow struct {
	ArticleID          uint       `json:"article_id"`
	Title              string     `json:"title"`
	Source             string     `json:"source"`
	URL                string     `json:"url"`
	PublishedAt        *time.Time `json:"published_at"`
	PublishedPrecision string     `json:"published_precision"`
	FetchedAt          *time.Time `json:"fetched_at"`
	DuplicateOfID      *uint      `json:"duplicate_of_id"`
	Events             int        `json:"events"`
	Quotes             int        `json:"quotes"`
}
