package handlers

import (
	"github.com/gin-gonic/gin"

	"dateline/models"
)

// withPinned adds to entries the story's pinned events they lack (cut by
// a filter, or older than the latest events a long story page lists), so
// an editor's pins always show.
func (a *app) withPinned(c *gin.Context, st models.Story, entries []models.TimelineEntry) ([]models.TimelineEntry, error) {
	pinned, err := a.st.PinnedTimeline(c.Request.Context(), st)
	if err != nil || len(pinned) == 0 {
		return entries, err
	}
	have := make(map[uint]bool, len(entries))
	for _, en := range entries {
		have[en.Event.ID] = true
	}
	for _, p := range pinned {
		if !have[p.Event.ID] {
			entries = append(entries, p)
		}
	}
	return entries, nil
}
