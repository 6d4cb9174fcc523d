package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"dateline/views"
)

// apiStoryVersion is /api/stories/{slug}/version: a stamp that changes when
// the story's timeline does, and its number of events. Open story pages
// and embeds poll it (static/live.js) to tell readers of new events; it is
// cached in the store until the next write, so a poll costs little.
func (a *app) apiStoryVersion(c *gin.Context) {
	st, err := a.st.StoryBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return
	}
	v, err := a.st.StoryVersion(c.Request.Context(), st)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.JSON(http.StatusOK, gin.H{"story": st.Slug, "version": v.Stamp, "events": v.Events})
}

// storyAtom is /stories/{slug}/feed.atom: the story's new events and
// deadline changes as an Atom feed, newest first.
func (a *app) storyAtom(c *gin.Context) {
	ctx := c.Request.Context()
	st, err := a.st.StoryBySlug(ctx, c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return
	}
	in := views.AtomInput{Story: st, BaseURL: baseURL(c)}
	in.Events, err = a.st.StoryRecentEvents(ctx, st, views.MaxAtomEntries)
	if err == nil {
		in.Threads, err = a.st.StoryDeadlines(ctx, st)
	}
	if err == nil {
		in.ArticleTimes, err = a.st.ArticleTimes(ctx, changeArticles(in))
	}
	var out []byte
	if err == nil {
		out, err = views.StoryAtom(in)
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "application/atom+xml; charset=utf-8", out)
}

// changeArticles are the articles that reported the deadline changes of in.
func changeArticles(in views.AtomInput) []uint {
	seen := map[uint]bool{}
	var ids []uint
	for _, t := range in.Threads {
		for _, ch := range t.History {
			if ch.ArticleID != 0 && !seen[ch.ArticleID] {
				seen[ch.ArticleID] = true
				ids = append(ids, ch.ArticleID)
			}
		}
	}
	return ids
}
