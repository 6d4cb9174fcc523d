package models

import "time"

// Roles of an account. An editor pins, hides and corrects; an admin also
// manages stories and, later, other accounts.
const (
	RoleEditor = "editor"
	RoleAdmin  = "admin"
)

// User is an account that may sign in to the editor's view. PasswordHash is
// a bcrypt hash; the password itself is never stored.
type User struct {
	ID           uint      `gorm:"primaryKey" json:"id"`
	Username     string    `gorm:"uniqueIndex;not null" json:"username"`
	Role         string    `gorm:"not null" json:"role"`
	PasswordHash string    `gorm:"not null" json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// Session is one signed-in browser. TokenHash is the SHA-256 (hex) of the
// random token the browser's cookie holds.
type Session struct {
	TokenHash string    `gorm:"primaryKey"`
	UserID    uint      `gorm:"not null"`
	CreatedAt time.Time `gorm:"not null"`
	ExpiresAt time.Time `gorm:"not null"`
}

// Edit object types.
const (
	EditStoryEvent   = "story_event"   // an event pinned, hidden or restored in a story
	EditEvent        = "event"         // an event's summary, date or kind corrected
	EditStoryArticle = "story_article" // an article attached to or detached from a story
	EditQuote        = "quote"         // a quote's speaker or kind corrected
	EditStoryFeed    = "story_feed"    // a feed added to or removed from a story, or polled now
)

// QuoteCorrection is what an editor may correct of a quote: the speaker,
// by the name or alias of a person, new or known ("" for unattributed),
// and the kind (direct, partial, indirect).
type QuoteCorrection struct {
	Speaker string `json:"speaker"`
	Kind    string `json:"kind"`
}

// EventCorrection is what an editor may correct of an event. Date is a
// normalised value ("2025-08-08", "2025-08-06T14:00", "2025-W33",
// "2025-08", "2025-Q3", "2025"); its form sets the granularity. Actors
// are "; "-separated names, as Event.Actors.
type EventCorrection struct {
	Summary string `json:"summary"`
	Date    string `json:"date"`
	Kind    string `json:"kind"`
	Actors  string `json:"actors"`
}

// Edit is one logged change made by a signed-in user: who, when, what, and
// the changed fields before and after as JSON.
type Edit struct {
	ID         uint      `gorm:"primaryKey" json:"id"`
	UserID     *uint     `json:"user_id"`
	Username   string    `gorm:"not null" json:"username"`
	CreatedAt  time.Time `gorm:"not null" json:"created_at"`
	ObjectType string    `gorm:"not null" json:"object_type"`
	ObjectID   uint      `gorm:"not null" json:"object_id"`
	StoryID    *uint     `json:"story_id"`
	BeforeJSON string    `gorm:"column:before_json" json:"before"`
	AfterJSON  string    `gorm:"column:after_json" json:"after"`
}
