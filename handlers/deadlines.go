package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/models/threads"
	"dateline/views"
)

// deadlineJSON is one deadline thread of /api/stories/{slug}/deadlines:
// the thread with its status at the request's clock.
type deadlineJSON struct {
	*threads.Thread
	Status     string `json:"status"`
	StatusText string `json:"status_text"`
	Days       int    `json:"days"`
}

// apiStoryDeadlines lists a story's deadline threads with their history
// and status now.
func (a *app) apiStoryDeadlines(c *gin.Context) {
	st, err := a.st.StoryBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return
	}
	ts, err := a.st.StoryDeadlines(c.Request.Context(), st)
	if err != nil {
		a.fail(c, err)
		return
	}
	now := a.opt.Now()
	out := make([]deadlineJSON, 0, len(ts))
	for _, t := range ts {
		s := t.StatusAt(now)
		out = append(out, deadlineJSON{Thread: t, Status: s.Status, StatusText: s.Text, Days: s.Days})
	}
	c.JSON(http.StatusOK, gin.H{"story": toStoryJSON(st), "now": now.UTC().Format("2006-01-02T15:04:05Z"), "deadlines": out})
}

// exportDeadlinesCSV is /export/deadlines.csv: one row per change of every
// deadline thread, of ?story= or of every story.
func (a *app) exportDeadlinesCSV(c *gin.Context) {
	a.exportCSV(c, "deadlines", views.DeadlineColumns, func(f models.Filter, w *views.RowWriter) error {
		var stories []models.Story
		if f.Story != "" {
			st, err := a.st.StoryBySlug(c.Request.Context(), f.Story)
			if err != nil {
				return err
			}
			stories = []models.Story{st}
		} else {
			var err error
			if stories, err = a.st.Stories(c.Request.Context()); err != nil {
				return err
			}
		}
		now := a.opt.Now()
		for _, st := range stories {
			ts, err := a.st.StoryDeadlines(c.Request.Context(), st)
			if err != nil {
				return err
			}
			for _, t := range ts {
				status := t.StatusAt(now).Status
				for i := range t.History {
					if err := w.DeadlineChange(st.Slug, t, status, &t.History[i]); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}
