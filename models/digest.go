package models

import "time"

// EventDigest is one event of a story as its reader's view weighs it:
// the event without its sources, and what the sources add up to. A story's
// digest holds every event of it, so facets, ranking and search inside the
// story see the whole story, not a page of it.
type EventDigest struct {
	ID          uint      `json:"id"`
	Date        string    `json:"date"`
	Granularity string    `json:"granularity"`
	SortAt      time.Time `json:"sort_at"`
	Kind        string    `json:"kind"`
	Summary     string    `json:"summary"`
	Actors      string    `json:"actors"`
	Pinned      bool      `json:"pinned"`
	Cameo       string    `json:"cameo,omitempty"`   // for the editor's view and exports
	Version     int       `json:"version,omitempty"` // editors' corrections; 0 for none
	// Articles is how many articles report the event; Outlets names each
	// outlet among them once, those with most reports first.
	Articles int      `json:"articles"`
	Outlets  []string `gorm:"-" json:"outlets"`
	// FirstAt is the earliest publication time among its reports, nil
	// when none says.
	FirstAt *time.Time `gorm:"-" json:"first_at"`
	// LastAt is the latest publication time among its reports.
	LastAt *time.Time `gorm:"-" json:"last_at"`
}

// Evidence is one distinct sentence reporting an event, with how many
// articles carried it, the outlets among them (each once) and the first
// of them by id.
type Evidence struct {
	Sentence  string   `json:"sentence"`
	Articles  int      `json:"articles"`
	Outlets   []string `json:"outlets"`
	ArticleID uint     `json:"article_id"`
}
