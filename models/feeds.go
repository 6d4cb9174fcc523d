package models

import "time"

// Feed is an RSS or Atom feed attached to a story: its items' links are
// ingested into the story when they are new (and match Keywords, when
// there are some). The status fields say how the last poll went.
type Feed struct {
	ID           uint
	StoryID      uint
	StorySlug    string // filled by reads, for listings
	URL          string
	AllowPrivate bool     // its feed and article addresses may be on private networks
	Keywords     []string // an item joins only when its title or summary holds one; none: every item
	ETag         string   // validators of the last full answer, sent back on the next poll
	LastModified string
	LastFetchAt  *time.Time
	LastStatus   string // FeedOK, FeedNotModified, FeedError, or "" before the first poll
	NewItems     int    // articles the last poll stored
	LastError    string // why the last poll, or an item of it, failed; "" when it did not
	NextFetchAt  *time.Time
	Failures     int // polls in a row that failed
	CreatedAt    time.Time
}

// The statuses of a feed's last poll.
const (
	FeedOK          = "ok"
	FeedNotModified = "not-modified"
	FeedError       = "error"
)

// FeedItem is an item a feed gave, recorded so it is ingested only once.
type FeedItem struct {
	Key     string // the item's guid, else its link
	Link    string
	Outcome string // "ingested", "skipped: ...", "refused: ..."
}

// StoryVersion is a cheap stamp of a story's timeline: Stamp changes when
// an event joins or leaves the story, an event gains a report, an event is
// pinned or hidden, or the story is edited. Events is how many events the
// story has.
type StoryVersion struct {
	Stamp  string `json:"version"`
	Events int64  `json:"events"`
}
