package models

import "time"

// The types in this file are what the store keeps. GORM struct tags describe
// columns; the schema itself is created by numbered migrations in
// models/store, not by AutoMigrate. Every time is UTC.

// Source is an outlet: "Roya News", "Al Bawaba", "Reuters".
type Source struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	Name      string    `gorm:"uniqueIndex;not null" json:"name"`
	Domain    string    `json:"domain"`
	CreatedAt time.Time `json:"created_at"`
}

// Article is one stored article. ContentHash identifies its normalised body;
// DuplicateOfID links a copy (a shortened re-post) to the article it repeats.
type Article struct {
	ID                 uint       `gorm:"primaryKey" json:"id"`
	URL                string     `gorm:"index" json:"url"`
	Title              string     `json:"title"`
	SourceID           *uint      `gorm:"index" json:"source_id"`
	Source             *Source    `json:"source,omitempty"`
	PublishedAt        *time.Time `gorm:"index" json:"published_at"`
	PublishedPrecision string     `json:"published_precision"`
	PublishedBy        string     `json:"published_by"`
	FetchedAt          *time.Time `json:"fetched_at"`
	Body               string     `json:"body"`
	ContentHash        string     `gorm:"uniqueIndex;not null" json:"content_hash"`
	DuplicateOfID      *uint      `json:"duplicate_of_id"`
	CreatedAt          time.Time  `json:"created_at"`
}

// Person kinds.
const (
	PersonKindPerson       = "person"
	PersonKindOrganisation = "organisation"
	PersonKindCountry      = "country"
	PersonKindGroup        = "group" // several governments or people speaking together
)

// Person is a canonical speaker or actor: a person, an organisation or a country.
type Person struct {
	ID        uint          `gorm:"primaryKey" json:"id"`
	Slug      string        `gorm:"uniqueIndex;not null" json:"slug"`
	Name      string        `gorm:"not null" json:"name"`
	Kind      string        `json:"kind"`
	Role      string        `json:"role"`
	Aliases   []PersonAlias `json:"aliases,omitempty"`
	CreatedAt time.Time     `json:"created_at"`
}

// PersonAlias is another name a person goes by ("Witkoff", "U.S. Special Envoy Steve Witkoff").
type PersonAlias struct {
	ID       uint   `gorm:"primaryKey" json:"id"`
	PersonID uint   `gorm:"index;not null" json:"person_id"`
	Alias    string `gorm:"not null" json:"alias"`
}

// Event is one dated happening; several articles may report it (EventSource).
type Event struct {
	ID          uint   `gorm:"primaryKey" json:"id"`
	Key         string `gorm:"uniqueIndex;not null" json:"-"` // dedup key: date, kind, actors
	Date        string `gorm:"index" json:"date"`             // normalised value
	Granularity string `json:"granularity"`
	// SortAt is the start of the period Date names, for ordering and filtering.
	SortAt              time.Time     `gorm:"index" json:"sort_at"`
	Kind                string        `gorm:"index" json:"kind"`
	Cameo               string        `json:"cameo"`
	Summary             string        `json:"summary"`
	Actors              string        `json:"actors"` // "; "-separated canonical names
	DeadlineSetBy       string        `json:"deadline_set_by,omitempty"`
	DeadlineDemand      string        `json:"deadline_demand,omitempty"`
	DeadlineConsequence string        `json:"deadline_consequence,omitempty"`
	DeadlineTarget      string        `json:"deadline_target,omitempty"`
	Subject             string        `json:"subject,omitempty"` // what takes effect or expires
	Version             int           `json:"version,omitempty"` // corrections by editors; 0 for none
	Sources             []EventSource `json:"sources,omitempty"`
	CreatedAt           time.Time     `json:"created_at"`
}

// EventSource is one article's report of an event, with its evidence.
type EventSource struct {
	ID         uint     `gorm:"primaryKey" json:"id"`
	EventID    uint     `gorm:"uniqueIndex:ux_event_article;not null" json:"event_id"`
	ArticleID  uint     `gorm:"uniqueIndex:ux_event_article;index;not null" json:"article_id"`
	Article    *Article `json:"article,omitempty"`
	Sentence   string   `json:"sentence"`
	Expression string   `json:"expression"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
	// what the report did to a deadline (models.Deadline's Change, DueEnd, On)
	DeadlineChange string `json:"deadline_change,omitempty"`
	DueEnd         string `json:"due_end,omitempty"`
	ChangedOn      string `json:"changed_on,omitempty"`
	ExtendDays     int    `json:"extend_days,omitempty"`
}

// Quote is one statement; the same words in several articles are one Quote
// with several QuoteAppearances.
type Quote struct {
	ID        uint    `gorm:"primaryKey" json:"id"`
	Key       string  `gorm:"uniqueIndex;not null" json:"-"` // QuoteIdentity: words and speaker
	TextKey   string  `gorm:"index;not null" json:"-"`       // QuoteKey of the words alone
	Text      string  `json:"text"`
	Kind      string  `gorm:"index" json:"kind"`
	SpeakerID *uint   `gorm:"index" json:"speaker_id"`
	Speaker   *Person `json:"speaker,omitempty"`
	// SpeakerKind is person, organisation, group or anonymous; SpeakerLabel
	// an unnamed source's description ("a senior US official").
	SpeakerKind  string `json:"speaker_kind,omitempty"`
	SpeakerLabel string `json:"speaker_label,omitempty"`
	Verb         string `json:"verb,omitempty"` // the first report's reporting verb (lemma)
	// PlacedAt is where timelines put the quote: when it was said if a
	// report says so, else when it was first reported.
	PlacedAt *time.Time `gorm:"column:said_at;index" json:"placed_at"`
	// SaidValue is when the words were said as the text put it (a TIMEX3
	// date: 2025-08-05, 2025-W31-WE), "" when no report says.
	SaidValue       string            `json:"said_at,omitempty"`
	SaidGranularity string            `json:"said_granularity,omitempty"`
	ReportedAt      *time.Time        `json:"reported_at"`       // the earliest publication carrying it
	Version         int               `json:"version,omitempty"` // corrections by editors; 0 for none
	Appearances     []QuoteAppearance `json:"appearances,omitempty"`
	// AppearanceCount is the number of all the quote's appearances where
	// Appearances holds only the first few (timeline entries, event
	// pages); 0 where it holds them all.
	AppearanceCount int       `gorm:"-" json:"appearance_count,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
}

// MoreAppearances is how many appearances a list of the first n of them
// leaves out, counting those not loaded.
func (q Quote) MoreAppearances(n int) int {
	return max(q.AppearanceCount, len(q.Appearances)) - min(n, len(q.Appearances))
}

// QuoteAppearance is one article's copy of a quote, with its attribution there.
type QuoteAppearance struct {
	ID             uint     `gorm:"primaryKey" json:"id"`
	QuoteID        uint     `gorm:"uniqueIndex:ux_quote_article;not null" json:"quote_id"`
	ArticleID      uint     `gorm:"uniqueIndex:ux_quote_article;index;not null" json:"article_id"`
	Article        *Article `json:"article,omitempty"`
	Start          int      `json:"start"`
	End            int      `json:"end"`
	SpeakerMention string   `json:"speaker_mention"`
	Cue            string   `json:"cue"`
	Venue          string   `json:"venue"`
	Sentence       string   `json:"sentence"`
	// Kind is how this article quoted the words: direct, partial (in part)
	// or indirect (as paraphrase); Verb its reporting verb; Context the
	// clause they stand in, at ContextStart-ContextEnd.
	Kind         string `json:"kind,omitempty"`
	Verb         string `json:"verb,omitempty"`
	Context      string `json:"context,omitempty"`
	ContextStart int    `json:"context_start,omitempty"`
	ContextEnd   int    `json:"context_end,omitempty"`
	SaidValue    string `json:"said_at,omitempty"` // when this report says they were said
	Conduit      string `json:"conduit,omitempty"` // who passed them on ("cited by Reuters")
}

// StoryRules select what belongs to a story besides the articles attached to it.
type StoryRules struct {
	Keywords []string `json:"keywords,omitempty"`
	People   []string `json:"people,omitempty"`
	Kinds    []string `json:"kinds,omitempty"`
	From     string   `json:"from,omitempty"` // YYYY-MM-DD, inclusive
	To       string   `json:"to,omitempty"`   // YYYY-MM-DD, inclusive
}

// Story is a named, saved timeline.
type Story struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	Slug        string    `gorm:"uniqueIndex;not null" json:"slug"`
	Title       string    `gorm:"not null" json:"title"`
	Description string    `json:"description"`
	Rules       string    `json:"rules"` // StoryRules as JSON
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// StoryArticle attaches an article to a story.
type StoryArticle struct {
	StoryID   uint `gorm:"primaryKey" json:"story_id"`
	ArticleID uint `gorm:"primaryKey" json:"article_id"`
}

// Story event states set by hand.
const (
	StoryEventPinned = "pinned"
	StoryEventHidden = "hidden"
)

// StoryEvent pins or hides one event in one story.
type StoryEvent struct {
	StoryID uint   `gorm:"primaryKey" json:"story_id"`
	EventID uint   `gorm:"primaryKey" json:"event_id"`
	State   string `json:"state"`
}
