package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
)

// filterFrom reads the page filters from the query string; bad dates are
// EINVALID.
func filterFrom(c *gin.Context) (models.Filter, error) {
	f := models.Filter{
		Story: c.Query("story"), Speaker: c.Query("speaker"), Person: c.Query("person"),
		Kind: c.Query("kind"), Source: c.Query("source"), From: c.Query("from"), To: c.Query("to"),
	}
	for _, d := range []string{f.From, f.To} {
		if d != "" && !isDate(d) {
			return f, models.Errorf(models.EINVALID, "Dates are written YYYY-MM-DD, not %q.", d)
		}
	}
	return f, nil
}

func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	_, err := strconv.Atoi(s[:4] + s[5:7] + s[8:])
	return err == nil
}

// idParam reads a numeric path parameter; anything else is ENOTFOUND.
func idParam(c *gin.Context, name string) (uint, error) {
	n, err := strconv.ParseUint(c.Param(name), 10, 32)
	if err != nil || n == 0 {
		return 0, models.Errorf(models.ENOTFOUND, "There is no page at this address.")
	}
	return uint(n), nil
}

// baseURL is the scheme and host the browser used, for embed snippets.
func baseURL(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil || strings.EqualFold(c.GetHeader("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}

// showPerson shows a person's quotes over time, role and aliases.
func (a *app) showPerson(c *gin.Context) {
	p, quotes, err := a.st.Person(c.Request.Context(), c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return
	}
	if p.Slug != c.Param("slug") {
		// An alias ("/people/putin"): send readers to the canonical address.
		c.Redirect(http.StatusMovedPermanently, "/people/"+url.PathEscape(p.Slug))
		return
	}
	a.render(c, http.StatusOK, "person", &views.Page{Title: p.Name, Section: "people",
		Data: views.NewPersonView(p, quotes)})
}

// listPeople lists everyone quoted or named.
func (a *app) listPeople(c *gin.Context) {
	people, err := a.st.People(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	a.render(c, http.StatusOK, "people", &views.Page{Title: "People", Section: "people", Data: people})
}

// showArticle shows an article's text with its events and quotes marked.
func (a *app) showArticle(c *gin.Context) {
	id, err := idParam(c, "id")
	if err != nil {
		a.fail(c, err)
		return
	}
	art, events, quotes, err := a.st.Article(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	title := art.Title
	if title == "" {
		title = "Article " + strconv.FormatUint(uint64(id), 10)
	}
	a.render(c, http.StatusOK, "article", &views.Page{Title: title, Data: views.NewArticleView(art, events, quotes)})
}

// showEvent is an event's permalink.
func (a *app) showEvent(c *gin.Context) {
	id, err := idParam(c, "id")
	if err != nil {
		a.fail(c, err)
		return
	}
	page := 1
	if p := c.Query("page"); p != "" {
		if page, err = strconv.Atoi(p); err != nil || page < 1 {
			a.fail(c, models.Errorf(models.EINVALID, "page must be a whole number from 1, not %q", p))
			return
		}
	}
	per := models.EventSourcesPage
	if page > maxSourcePage {
		a.fail(c, models.Errorf(models.ENOTFOUND, "Event %d has no page %d of sources.", id, page))
		return
	}
	entry, stories, err := a.st.Event(c.Request.Context(), id, (page-1)*per, per)
	if a.redirectMerged(c, id, err) {
		return
	}
	if err == nil && page > 1 && len(entry.Event.Sources) == 0 {
		err = models.Errorf(models.ENOTFOUND, "Event %d has %d sources, fewer than page %d shows.", id, entry.SourceCount, page)
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	v := views.NewEventView(entry, stories, page, per, a.opt.Now())
	if v.Corrections, err = a.eventCorrections(c, id); err != nil {
		a.fail(c, err)
		return
	}
	if v.Evidence, v.Sentences, err = a.st.EventEvidence(c.Request.Context(), id); err != nil {
		a.fail(c, err)
		return
	}
	a.render(c, http.StatusOK, "event", &views.Page{Title: entry.Event.Summary, Data: v})
}

// maxSourcePage bounds ?page= on an event permalink, so the offset it asks
// the store for stays far from overflowing (ten million pages of sources).
const maxSourcePage = 10_000_000

// search runs the full-text search over quotes and event sentences.
func (a *app) search(c *gin.Context) {
	q := strings.TrimSpace(c.Query("q"))
	v := views.SearchView{Q: q}
	if q != "" {
		var err error
		if v.Quotes, v.Events, err = a.st.Find(c.Request.Context(), q, 50); err != nil {
			a.fail(c, err)
			return
		}
	}
	a.render(c, http.StatusOK, "search", &views.Page{Title: "Search", Section: "search", Query: q, Data: v})
}
