package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/models/extract"
	"dateline/views"
)

// articleRoutes adds the editors' article forms of a story.
func (a *app) articleRoutes(e *gin.Engine) {
	forms := newLimiter(30, time.Second, limiterBuckets, a.opt.Now).limit
	e.GET("/stories/:slug/articles/new", a.addArticleForm)
	e.POST("/stories/:slug/articles", forms, a.addArticle)
	e.POST("/stories/:slug/articles/:id/detach", forms, a.detachArticle)
}

// addArticleForm shows a signed-in editor the form that adds an article to
// a story by pasting its text or HTML or giving its address.
func (a *app) addArticleForm(c *gin.Context) {
	if a.ed == nil || a.opt.Saver == nil {
		a.fail(c, models.Errorf(models.ENOTFOUND, "Articles cannot be added in the browser on this server."))
		return
	}
	if a.currentUser(c) == nil {
		c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request.URL.RequestURI()))
		return
	}
	st, err := a.st.StoryBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return
	}
	a.renderArticleForm(c, http.StatusOK, views.ArticleFormView{Story: st, CanFetch: a.opt.Fetch != nil})
}

func (a *app) renderArticleForm(c *gin.Context, code int, v views.ArticleFormView) {
	a.render(c, code, "article_form", &views.Page{Title: "Add an article to " + v.Story.Title, Section: "stories", Data: v})
}

// storyHistoryShown is how many of a story's latest edits its edit page lists.
const storyHistoryShown = 50

// storyHistory is the latest logged changes within st, for a signed-in
// editor; nothing for anyone else.
func (a *app) storyHistory(c *gin.Context, st models.Story) ([]views.StoryChange, error) {
	if a.ed == nil || a.currentUser(c) == nil {
		return nil, nil
	}
	edits, err := a.ed.StoryEdits(c.Request.Context(), st.ID, storyHistoryShown)
	return views.StoryChanges(edits), err
}

// editorOnly is authorizeForm for actions only a signed-in editor may
// take (there is no older rule for them).
func (a *app) editorOnly(c *gin.Context) (*models.User, error) {
	u, err := a.authorizeForm(c)
	if err == nil && (u == nil || a.ed == nil) {
		err = models.Errorf(models.EFORBIDDEN, "Sign in as an editor to do this.")
	}
	return u, err
}

// addArticle extracts a pasted or fetched article, stores it attached to
// the story, logs it, and shows the story. Bad input shows the form again
// with what was typed and why.
func (a *app) addArticle(c *gin.Context) {
	st, u, ok := a.writableStory(c, a.editorOnly)
	if !ok {
		return
	}
	v := views.ArticleFormView{Story: st, CanFetch: a.opt.Fetch != nil, Text: c.PostForm("text"),
		URL: strings.TrimSpace(c.PostForm("url")), Source: strings.TrimSpace(c.PostForm("source")),
		Published: strings.TrimSpace(c.PostForm("published"))}
	ids, err := a.extractAndSave(c, st, v)
	switch code := models.ErrorCode(err); {
	case code == models.EINVALID || code == models.ETOOLARGE || code == models.ETIMEOUT:
		v.Error = models.ErrorMessage(err)
		a.renderArticleForm(c, status(code), v)
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	for _, id := range ids {
		err := a.ed.RecordEdit(c.Request.Context(), *u, a.opt.Now(), models.EditStoryArticle, id, &st.ID,
			map[string]string{"attached": "no"}, map[string]string{"attached": "yes"})
		if err != nil {
			a.fail(c, err)
			return
		}
	}
	a.log.Info("article added", "user", u.Username, "story", st.Slug, "articles", len(ids))
	c.Redirect(http.StatusSeeOther, "/stories/"+url.PathEscape(st.Slug))
}

// extractAndSave turns the form into an extraction input, extracts it in
// one of the extraction slots and saves what it found into st. It returns
// the ids of the stored articles.
func (a *app) extractAndSave(c *gin.Context, st models.Story, v views.ArticleFormView) ([]uint, error) {
	now := a.opt.Now().UTC()
	in := extract.Input{Name: "pasted article", FetchedAt: &now, Source: v.Source, Format: extract.FormatAuto}
	if v.Published != "" {
		t, err := time.Parse("2006-01-02T15:04", v.Published)
		if err != nil {
			t, err = time.Parse("2006-01-02T15:04:05", v.Published)
		}
		if err != nil {
			return nil, models.Errorf(models.EINVALID, "publication time %q: use the date and time fields", v.Published)
		}
		in.PublishedAt = &t
	}
	switch {
	case strings.TrimSpace(v.Text) != "":
		in.Data = []byte(v.Text)
	case v.URL != "":
		in.URL = v.URL
		if err := checkArticleURL(v.URL); err != nil {
			return nil, err
		}
		if err := a.fetchInto(c.Request.Context(), &in); err != nil {
			return nil, err
		}
	default:
		return nil, models.Errorf(models.EINVALID, "Paste the article's text or HTML, or give its address.")
	}
	x, err := a.extractWithin(c, in)
	if err != nil {
		return nil, err
	}
	if len(x.Articles) == 0 {
		return nil, models.Errorf(models.EINVALID, "No article was found in what was given.")
	}
	var ids []uint
	for _, art := range x.Articles {
		r, err := a.opt.Saver.SaveArticle(c.Request.Context(), art, st.Slug)
		if err != nil {
			return ids, err
		}
		ids = append(ids, r.ID)
	}
	return ids, nil
}

// detachArticle takes an article out of the story, logged, and returns to
// the page the form was on.
func (a *app) detachArticle(c *gin.Context) {
	st, u, ok := a.writableStory(c, a.editorOnly)
	if !ok {
		return
	}
	id, err := idParam(c, "id")
	if err == nil {
		err = a.ed.DetachArticleBy(c.Request.Context(), st.ID, id, *u, a.opt.Now())
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	a.log.Info("article detached", "user", u.Username, "story", st.Slug, "article", id)
	story := "/stories/" + url.PathEscape(st.Slug)
	back := localPath(c.PostForm("back"), story)
	if p, _, _ := strings.Cut(back, "?"); p != story {
		back = story
	}
	c.Redirect(http.StatusSeeOther, back+"#sources")
}
