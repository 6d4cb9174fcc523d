package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
)

// maxQueryLen bounds each facet value and the search text of a story page.
const maxQueryLen = 200

// readerQuery reads the reader's facets, search and page; a bad page or an
// overlong value is EINVALID.
func readerQuery(c *gin.Context) (views.ReaderQuery, error) {
	q := views.ReaderQuery{Kind: c.Query("kind"), Actor: c.Query("actor"), Outlet: c.Query("outlet"),
		Month: c.Query("month"), Q: c.Query("q"), From: c.Query("from"), To: c.Query("to"), Page: 1}
	for _, d := range []string{q.From, q.To} {
		if d != "" && !isDate(d) {
			return q, models.Errorf(models.EINVALID, "Dates are written YYYY-MM-DD, not %q.", d)
		}
	}
	if q.Actor == "" {
		q.Actor = c.Query("person") // the older filter's name
	}
	if q.Outlet == "" {
		q.Outlet = c.Query("source")
	}
	for _, s := range []string{q.Kind, q.Actor, q.Outlet, q.Month, q.Q} {
		if len(s) > maxQueryLen || !utf8.ValidString(s) {
			return q, models.Errorf(models.EINVALID, "A filter or search is at most %d bytes of text.", maxQueryLen)
		}
	}
	if p := c.Query("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 100_000 {
			return q, models.Errorf(models.EINVALID, "page must be a whole number from 1, not %q", p)
		}
		q.Page = n
	}
	return q, nil
}

// showStory is the story page as a reader sees it: the story's span, its
// key events, the deadline, then all its events filtered, searched and
// paged (views.ReaderView), with the panels of the story's side column.
func (a *app) showStory(c *gin.Context) {
	st, err := a.st.StoryBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return
	}
	q, err := readerQuery(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	rs, err := a.readerStory(c, st, q, a.currentUser(c) != nil)
	if err != nil {
		a.fail(c, err)
		return
	}
	// The rows carry the pin and hide forms (with the session's form token
	// and the page to come back to) only for a signed-in editor.
	page := &views.Page{Title: st.Title, Section: "stories", Data: rs}
	a.editorPage(c, page, http.StatusOK)
	rs.Reader.Editor, rs.Reader.Slug, rs.Reader.CSRF, rs.Reader.Back = page.Editor, st.Slug, page.CSRF, page.Here
	a.render(c, http.StatusOK, "story", page)
}

// readerStory loads the story's digest (cached until the next write), the
// full entries of its key events only, and the side column's panels (its
// sources are the newest articles reporting the key events).
//
// An editor's side column lists the articles of every event the page
// lists, with their detach forms, not only those of the key events.
func (a *app) readerStory(c *gin.Context, st models.Story, q views.ReaderQuery, editor bool) (*views.ReaderStory, error) {
	ctx, now := c.Request.Context(), a.opt.Now()
	digest, err := a.st.StoryDigest(ctx, st)
	if err != nil {
		return nil, err
	}
	rv := views.NewReaderView(digest, q, now)
	rv.Under("/stories/" + url.PathEscape(st.Slug))
	keys, err := a.st.EntriesByID(ctx, st, rv.KeyIDs())
	if err != nil {
		return nil, err
	}
	counts, err := a.st.StorySpeakers(ctx, st, keys, true)
	if err != nil {
		return nil, err
	}
	rs := &views.ReaderStory{StoryView: views.NewStoryView(st, models.Filter{}, nil, nil, counts, now, baseURL(c)), Reader: rv}
	rs.SetKeys(keys)
	rs.Count = rv.Events
	rs.Overview = rv.Overview("overview-chart", st.Slug)
	rs.Timeline = views.TimelineChart("timeline-chart", rv.ListedEntries())
	rs.Timeline.SVG, rs.Timeline.Name = rs.ImageURL("timeline.svg", ""), st.Slug+"-timeline"
	ts, err := a.st.StoryDeadlines(ctx, st)
	if err != nil {
		return nil, err
	}
	rs.SetDeadlines(ts, now)
	rs.Filter = q.Filter(st.Slug)
	rs.FilterQuery = views.FilterQuery(rs.Filter)
	ids := rv.KeyIDs()
	if editor {
		ids = append(ids, eventIDs(rv.ListedEntries())...)
	}
	arts, n, err := a.st.ArticlesOfEvents(ctx, ids, views.StoryArticles)
	if err != nil {
		return nil, err
	}
	rs.Articles, rs.MoreArticles, rs.Sources = arts, n-len(arts), rv.OutletNames()
	return rs, nil
}

// readerStore is what the reader's view asks of the store.
type readerStore interface {
	// StoryDigest is every event of a story with its reports counted.
	StoryDigest(ctx context.Context, st models.Story) ([]models.EventDigest, error)
	// EntriesByID is the timeline entries of the events ids, in that order.
	EntriesByID(ctx context.Context, st models.Story, ids []uint) ([]models.TimelineEntry, error)
	// EventEvidence is an event's distinct sentences with their outlets.
	EventEvidence(ctx context.Context, id uint) ([]models.Evidence, int, error)
}
