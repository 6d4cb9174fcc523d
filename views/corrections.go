package views

import (
	"encoding/json"
	"sort"

	"dateline/models"
)

// EventEditView is the model of an event's correction form. Form holds
// the values in the form (the event's, or the editor's refused ones);
// Version is the version the form edits. Current is set when an edit was
// refused because someone else changed the event first: the event as it
// is now, for the editor to compare.
type EventEditView struct {
	Event   models.Event
	Form    models.EventCorrection
	Version int
	Error   string
	Current *models.Event
}

// ArticleFormView is the model of the form adding an article to a story:
// pasted text or HTML, or an address to fetch (CanFetch), with an outlet
// and a publication time when the editor knows better than the page.
type ArticleFormView struct {
	Story                        models.Story
	Text, URL, Source, Published string
	Error                        string
	CanFetch                     bool
}

// QuoteEditView is the model of a quote's correction form, like
// EventEditView: Form holds the values in the form, Current the quote as
// it is now when a stale edit was refused.
type QuoteEditView struct {
	Quote   models.Quote
	Form    models.QuoteCorrection
	Version int
	Error   string
	Current *models.Quote
	Back    string // the page to return to
}

// StoryChange is one logged change within a story, for its edit page.
type StoryChange struct {
	Who, When, What string
}

// StoryChanges describes a story's logged edits for its edit page.
func StoryChanges(edits []models.Edit) []StoryChange {
	out := make([]StoryChange, 0, len(edits))
	for _, e := range edits {
		var after map[string]string
		_ = json.Unmarshal([]byte(e.AfterJSON), &after)
		what := e.ObjectType + " " + id(e.ObjectID)
		switch e.ObjectType {
		case models.EditStoryEvent:
			what = map[string]string{"pinned": "pinned", "hidden": "hid", "": "restored"}[after["state"]] + " event " + id(e.ObjectID)
		case models.EditStoryArticle:
			what = map[string]string{"yes": "added", "no": "detached"}[after["attached"]] + " article " + id(e.ObjectID)
		case models.EditStoryFeed:
			what = feedChange(e.ObjectID, after)
		}
		out = append(out, StoryChange{Who: e.Username, When: e.CreatedAt.UTC().Format("2 Jan 2006 15:04 UTC"), What: what})
	}
	return out
}

// Correction is one logged change of an event, for its page.
type Correction struct {
	Who     string
	When    string // "7 Aug 2025 12:00 UTC"
	Changes []FieldChange
}

// FieldChange is one field a correction changed.
type FieldChange struct {
	Field, Before, After string
}

// Corrections turns logged edits into what the event page lists, oldest
// first. An edit whose JSON does not read lists no fields, not nothing.
func Corrections(edits []models.Edit) []Correction {
	out := make([]Correction, 0, len(edits))
	for _, e := range edits {
		var before, after map[string]string
		_ = json.Unmarshal([]byte(e.BeforeJSON), &before)
		_ = json.Unmarshal([]byte(e.AfterJSON), &after)
		c := Correction{Who: e.Username, When: e.CreatedAt.UTC().Format("2 Jan 2006 15:04 UTC")}
		for k, v := range after {
			if before[k] != v {
				c.Changes = append(c.Changes, FieldChange{Field: k, Before: before[k], After: v})
			}
		}
		sort.Slice(c.Changes, func(i, j int) bool { return c.Changes[i].Field < c.Changes[j].Field })
		out = append(out, c)
	}
	return out
}
