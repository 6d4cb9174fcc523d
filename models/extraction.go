package models

import "time"

// The types in this file are what extraction produces: a pure function of the
// input text and its reference times. They are also the JSON written by
// `dateline extract`; every offset is a rune (code point) offset into the
// body of the article it belongs to, end exclusive.

// Granularities of a normalised date, from finest to coarsest.
const (
	GranTime    = "time"    // 2025-08-06T14:00
	GranDay     = "day"     // 2025-08-08
	GranWeek    = "week"    // 2025-W33
	GranMonth   = "month"   // 2025-04
	GranQuarter = "quarter" // 2025-Q3
	GranYear    = "year"    // 2025
	GranUnknown = "unknown" // nothing better than "some time"
)

// Precisions of an article's publication time.
const (
	PrecHour    = "hour"
	PrecDay     = "day"
	PrecUnknown = "unknown"
)

// Event kinds.
const (
	KindMeeting   = "meeting"
	KindVisit     = "visit"
	KindCall      = "call"
	KindTalks     = "talks"
	KindStatement = "statement"
	KindDeadline  = "deadline"
	KindUltimatum = "ultimatum"
	KindSanction  = "sanction"
	KindAgreement = "agreement"
	KindAttack    = "attack"
	// KindInForce is something taking effect: "the duties take effect on
	// Monday", "the treaty comes into force on 1 October".
	KindInForce = "in-force"
	// KindExpiry is something running out: "the pause expires on
	// Tuesday", "the waiver lapses", "the first payment falls due".
	KindExpiry = "expiry"
	KindOther  = "other"
)

// EventKinds lists every event kind in display order.
var EventKinds = []string{KindMeeting, KindVisit, KindCall, KindTalks, KindStatement,
	KindDeadline, KindUltimatum, KindSanction, KindAgreement, KindAttack, KindInForce, KindExpiry, KindOther}

// Quote kinds.
const (
	QuoteDirect   = "direct"
	QuotePartial  = "partial"
	QuoteIndirect = "indirect"
)

// Timex is one TIMEX3-style time expression found in a text.
type Timex struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`  // DATE, TIME, DURATION, SET
	Value string `json:"value"` // 2025-08-08, 2025-W33, P2D, PAST_REF, XXXX-04 ...
	// Attrs holds the rarer attributes (nil for most expressions, which
	// keeps the common Timex small): its fields appear in JSON beside
	// these, "mod" and "zone", when set.
	*TimexAttrs
}

// TimexAttrs are a time expression's rarer attributes.
type TimexAttrs struct {
	// Mod is TIMEX3's modifier: START ("early September"), MID, END ("the
	// final weeks of 2019"), APPROX ("about three years"), LESS_THAN
	// ("nearly three years"), MORE_THAN.
	Mod string `json:"mod,omitempty"`
	// Zone is the time zone a TIME was given in, as written ("UTC",
	// "GMT", "EDT"); the value keeps the clock time as written.
	Zone string `json:"zone,omitempty"`
}

// ModOf returns the modifier of t, "" for none.
func (t Timex) ModOf() string {
	if t.TimexAttrs == nil {
		return ""
	}
	return t.Mod
}

// ZoneOf returns the time zone of t, "" for none.
func (t Timex) ZoneOf() string {
	if t.TimexAttrs == nil {
		return ""
	}
	return t.Zone
}

// Mention is a piece of text naming something at one place.
type Mention struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Deadline describes a deadline or ultimatum event.
type Deadline struct {
	Date        string `json:"date"`                  // normalised value, as the event date
	SetBy       string `json:"set_by,omitempty"`      // who set it
	Demand      string `json:"demand,omitempty"`      // what it demands
	Consequence string `json:"consequence,omitempty"` // what follows if it passes
	// Target is on whom it is set: "Russia" in "gave Russia 50 days".
	Target string `json:"target,omitempty"`
	// DueEnd ends a due range: "10 or 12 days from today" said on 28 July
	// is due 2025-08-07 (Date) to 2025-08-09 (DueEnd).
	DueEnd string `json:"due_end,omitempty"`
	// Change is what the sentence did to it: DeadlineSet, ...Shortened,
	// ...Extended, ...Reaffirmed, ...Met, ...Passed, ...Dropped,
	// ...Superseded.
	Change string `json:"change,omitempty"`
	// On is when the change was made when the text says so ("On 28 July
	// he cut it to ..."), else "" (the article's publication).
	On string `json:"on,omitempty"`
	// ExtendDays is an extension given as a length ("extended by 90
	// days") with no new date: the thread moves its due date by it.
	ExtendDays int `json:"extend_days,omitempty"`
}

// What a report does to a deadline (Deadline.Change), and a deadline
// thread's status.
const (
	DeadlineSet        = "set"
	DeadlineShortened  = "shortened"
	DeadlineExtended   = "extended"
	DeadlineReaffirmed = "reaffirmed"
	DeadlineMet        = "met"
	DeadlinePassed     = "passed"
	DeadlineDropped    = "dropped"
	DeadlineSuperseded = "superseded"
)

// DeadlineChanges lists the changes, strongest first: a sentence that
// says two of them ("the deadline passed and was dropped") is the first.
var DeadlineChanges = []string{DeadlineDropped, DeadlineSuperseded, DeadlineMet, DeadlinePassed,
	DeadlineShortened, DeadlineExtended, DeadlineReaffirmed, DeadlineSet}

// ExtractedEvent is a datable happening reported by one sentence.
type ExtractedEvent struct {
	Date        string    `json:"date"`        // normalised value (2025-08-06, 2025-04, 2025-W33)
	Granularity string    `json:"granularity"` // Gran* constant
	Kind        string    `json:"kind"`        // Kind* constant
	Cameo       string    `json:"cameo"`       // CAMEO code, "" when none fits
	Summary     string    `json:"summary"`
	Sentence    string    `json:"sentence"`
	Expression  string    `json:"expression"` // the time expression the date came from
	Start       int       `json:"start"`      // offsets of the sentence in the body
	End         int       `json:"end"`
	Actors      []string  `json:"actors"`
	Deadline    *Deadline `json:"deadline"`
	// Subject is what takes effect or expires ("the 10% duties", "the
	// pause") for in-force and expiry events, "" otherwise.
	Subject string `json:"subject,omitempty"`
	// Rules names the extraction rules that shaped the event, in order
	// (for golden tests and debugging; not stored or exported).
	Rules []string `json:"-"`
}

// ExtractedQuote is one quotation (direct, partial or indirect) and its attribution.
type ExtractedQuote struct {
	// Text is the verbatim words: inside the marks for a direct or partial
	// quote, the reported clause for indirect speech. Start and End are
	// its rune offsets.
	Text  string `json:"text"`
	Kind  string `json:"kind"` // QuoteDirect, QuotePartial or QuoteIndirect
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Context is the reported clause the words stand in, the attribution
	// left out: a partial quote's clause, the quote itself otherwise.
	Context        *Mention `json:"context"`
	Speaker        *string  `json:"speaker"`                // resolved name or the source's description, nil if unknown
	SpeakerKind    string   `json:"speaker_kind,omitempty"` // SpeakerPerson, ..., "" with no speaker
	SpeakerMention *Mention `json:"speaker_mention"`        // the words naming the speaker here
	Conduit        string   `json:"conduit,omitempty"`      // who passed the words on: "Reuters" in "officials cited by Reuters"
	Verb           string   `json:"verb,omitempty"`         // the reporting verb's lemma: say, tell, warn, according to
	Cue            string   `json:"cue"`                    // the reporting words as written ("told reporters")
	Venue          string   `json:"venue"`
	// SaidAt is when the words were said, when the text says so ("said on
	// Tuesday"): a TIMEX3 date value at SaidGranularity (2025-08-05 day,
	// 2025-W31-WE weekend, 2025-W31 week, 2025-08 month); nil otherwise.
	SaidAt          *string    `json:"said_at"`
	SaidGranularity string     `json:"said_granularity,omitempty"`
	ReportedAt      *time.Time `json:"reported_at"` // the article's publication time
	Sentence        string     `json:"sentence"`
}

// Kinds of speaker.
const (
	SpeakerPerson       = "person"
	SpeakerOrganisation = "organisation"
	SpeakerGroup        = "group"
	SpeakerAnonymous    = "anonymous"
)

// ExtractedPerson is a person, organisation or country named in an article,
// with the names it went by there.
type ExtractedPerson struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"` // person, organisation, country
	Role    string   `json:"role,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
}

// ExtractedArticle is one article read from an input, with what was found in it.
type ExtractedArticle struct {
	Title              string            `json:"title"`
	Source             string            `json:"source"`
	URL                string            `json:"url"`
	PublishedAt        *time.Time        `json:"published_at"`
	PublishedPrecision string            `json:"published_precision"`
	PublishedBy        string            `json:"published_by,omitempty"` // how it was found: flag, age, dateline, meta, none
	FetchedAt          *time.Time        `json:"fetched_at,omitempty"`
	ResolvedAgainst    string            `json:"resolved_against,omitempty"` // "published" or "fetched"
	Body               string            `json:"body"`
	Events             []ExtractedEvent  `json:"events"`
	Quotes             []ExtractedQuote  `json:"quotes"`
	Timexes            []Timex           `json:"timexes"`
	People             []ExtractedPerson `json:"people,omitempty"`
}

// Extraction is everything read from one input (a file, a page, a URL).
type Extraction struct {
	Articles []ExtractedArticle `json:"articles"`
}
