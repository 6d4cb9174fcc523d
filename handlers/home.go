package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"dateline/views"
)

// homeStories bounds the stories the home page sums up (each costs its
// cached digest and its deadline threads).
const homeStories = 50

// home lists the stories, each with its span, last report, next deadline
// and key event, the most recently reported first.
func (a *app) home(c *gin.Context) {
	ctx, now := c.Request.Context(), a.opt.Now()
	stories, err := a.st.Stories(ctx)
	if err != nil {
		a.fail(c, err)
		return
	}
	v := views.HomeView{More: max(len(stories)-homeStories, 0)}
	for _, st := range stories[:min(len(stories), homeStories)] {
		digest, err := a.st.StoryDigest(ctx, st)
		if err != nil {
			a.fail(c, err)
			return
		}
		ts, err := a.st.StoryDeadlines(ctx, st)
		if err != nil {
			a.fail(c, err)
			return
		}
		v.Cards = append(v.Cards, views.NewStoryCard(st, digest, ts, now))
	}
	views.SortCards(v.Cards)
	a.render(c, http.StatusOK, "home", &views.Page{Title: "Stories", Section: "stories", Data: v})
}
