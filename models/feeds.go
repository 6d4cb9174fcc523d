package models

import (
	"strings"
	"time"
)

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

// Limits of a feed as added.
const (
	MaxFeedURL      = 2048 // bytes of a feed's address
	MaxFeedKeywords = 50   // keyword rules of one feed
	MaxFeedKeyword  = 200  // bytes of one keyword
)

// Check refuses a feed that is not to be stored, with an EINVALID error
// saying why: no story, an address that is not http or https with a host
// (or is longer than MaxFeedURL), or a keyword that is empty, spans lines
// or is too long (at most MaxFeedKeywords of them). `dateline feed add`,
// the store and the story's edit page all check a new feed with it.
func (f Feed) Check() error {
	if strings.TrimSpace(f.StorySlug) == "" {
		return Errorf(EINVALID, "--story is required")
	}
	if WebURL(f.URL) != f.URL || f.URL == "" {
		return Errorf(EINVALID, "%s: want an http or https URL", f.URL)
	}
	if len(f.URL) > MaxFeedURL {
		return Errorf(EINVALID, "the feed's address is %d bytes long; at most %d", len(f.URL), MaxFeedURL)
	}
	if len(f.Keywords) > MaxFeedKeywords {
		return Errorf(EINVALID, "%d keywords; at most %d", len(f.Keywords), MaxFeedKeywords)
	}
	for _, k := range f.Keywords {
		if strings.TrimSpace(k) == "" || strings.ContainsAny(k, "\n\r") {
			return Errorf(EINVALID, "keyword %q: want words on one line", k)
		}
		if len(k) > MaxFeedKeyword {
			return Errorf(EINVALID, "keyword %.40q...: at most %d bytes", k, MaxFeedKeyword)
		}
	}
	return nil
}

// SplitKeywords reads keyword rules typed as one text: commas and line
// breaks separate them, as commas do for --keyword; blanks are dropped.
func SplitKeywords(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}
