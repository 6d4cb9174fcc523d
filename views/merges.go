package views

import "dateline/models"

// EventMergeView is the model of the page where an editor merges another
// event (Other) into Event. Without Other it asks for the other event's
// number. Versions are those the confirmation names; Conflict says a
// merge was refused because one of the events changed first, and the
// page then shows both as they are now.
type EventMergeView struct {
	Event                      models.Event
	Other                      *models.Event
	EventReports, OtherReports int
	Version, OtherVersion      int
	OtherID, Error, Back       string
	Conflict                   bool
}

// EventSplitView is the model of the page where an editor moves some of
// an event's reports into a new event. Event carries the sources of one
// page of them (Page, From-To of SourceCount, Prev and Next); Chosen are
// the articles ticked; Form is the new event's values. Current is set
// when a stale split was refused: the event as it is now.
type EventSplitView struct {
	Event             models.Event
	Version           int
	Form              models.EventCorrection
	Chosen            map[uint]bool
	SourceCount, Page int
	Prev, Next        string
	Error, Back       string
	Current           *models.Event
}
