package handlers

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
)

// maxStoryEntries is the most events a story page or embed lists; past it
// the page shows the latest ones and points to the filters and the CSV.
// Rendering is most of a long page's time (500 entries: 21 ms of 35, an
// 840 KB page), so 200 keeps the page well inside 50 ms on two busy cores.
const maxStoryEntries = 200

// storyAndFilter loads the story named in the path and the filters in the
// query. On failure it has rendered the error, and ok is false.
func (a *app) storyAndFilter(c *gin.Context) (st models.Story, f models.Filter, ok bool) {
	st, err := a.st.StoryBySlug(c.Request.Context(), c.Param("slug"))
	if err == nil {
		f, err = filterFrom(c)
	}
	if err != nil {
		a.fail(c, err)
		return st, f, false
	}
	return st, f, true
}

// storyTimeline loads the timeline, charts and deadlines of a story, and
// returns with them the unfiltered timeline all and the listed entries.
// The speakers chart counts every quote of the attached articles when no
// filter is set, and only the timeline's quotes when one is.
func (a *app) storyTimeline(c *gin.Context, st models.Story, f models.Filter) (v views.StoryView,
	all, entries []models.TimelineEntry, err error) {
	f.Story, f.Speaker, f.Limit = "", "", 0
	filtered := f != (models.Filter{})
	// One more than shown, to know whether the page is cut short.
	f.Limit = maxStoryEntries + 1
	if all, err = a.st.Timeline(c.Request.Context(), st, models.Filter{Limit: f.Limit}); err != nil {
		return v, nil, nil, err
	}
	entries = all
	if filtered {
		if entries, err = a.st.Timeline(c.Request.Context(), st, f); err != nil {
			return v, nil, nil, err
		}
	}
	f.Limit = 0
	truncated := len(entries) > maxStoryEntries
	if truncated {
		entries = entries[len(entries)-maxStoryEntries:]
	}
	if entries, err = a.withPinned(c, st, entries); err != nil {
		return v, nil, nil, err
	}
	// The story-wide counts are cached until the next write; after one,
	// both are counted again (100k events: about 50 ms each), on two
	// connections at once.
	var total int64
	countErr := make(chan error, 1)
	if truncated {
		go func(f models.Filter) {
			var err error
			total, err = a.st.TimelineCount(c.Request.Context(), st, f)
			countErr <- err
		}(f)
	} else {
		countErr <- nil
	}
	counts, err := a.st.StorySpeakers(c.Request.Context(), st, entries, !filtered)
	if cerr := <-countErr; err == nil {
		err = cerr
	}
	if err != nil {
		return v, nil, nil, err
	}
	v = views.NewStoryView(st, f, all, entries, counts, a.opt.Now(), baseURL(c))
	v.Truncated, v.Total = truncated, int(total)
	ts, err := a.st.StoryDeadlines(c.Request.Context(), st)
	if err != nil {
		return v, nil, nil, err
	}
	v.SetDeadlines(ts, a.opt.Now())
	f.Story = st.Slug
	v.FilterQuery = views.FilterQuery(f)
	return v, all, entries, nil
}

// storyArticles adds to v the newest articles reporting the listed entries
// and the outlets reporting the unfiltered timeline all. The entries carry
// only their first sources, so both are asked of the store.
func (a *app) storyArticles(c *gin.Context, v *views.StoryView, all, entries []models.TimelineEntry) error {
	arts, n, err := a.st.ArticlesOfEvents(c.Request.Context(), eventIDs(entries), views.StoryArticles)
	if err != nil {
		return err
	}
	v.Articles, v.MoreArticles = arts, n-len(arts)
	v.Sources, err = a.st.OutletsOfEvents(c.Request.Context(), eventIDs(all))
	return err
}

// eventIDs lists the ids of the entries' events.
func eventIDs(entries []models.TimelineEntry) []uint {
	ids := make([]uint, len(entries))
	for i, en := range entries {
		ids[i] = en.Event.ID
	}
	return ids
}

// newStoryForm shows the empty story form.
func (a *app) newStoryForm(c *gin.Context) {
	a.storyForm(c, http.StatusOK, views.StoryFormView{IsNew: true}, "")
}

func (a *app) storyForm(c *gin.Context, st int, v views.StoryFormView, errMsg string) {
	v.NeedsToken, v.Error = a.opt.Token != "" && a.currentUser(c) == nil, errMsg
	title := "New story"
	if !v.IsNew {
		title = "Edit " + v.Story.Title
	}
	a.render(c, st, "story_form", &views.Page{Title: title, Section: "stories", CSRF: a.csrfToken(c), Data: v})
}

// storyFromForm reads the story fields and rules of a posted form.
func storyFromForm(c *gin.Context) (models.Story, models.StoryRules) {
	lines := func(name string) []string {
		var out []string
		for _, l := range strings.Split(c.PostForm(name), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	r := models.StoryRules{Keywords: lines("keywords"), People: lines("people"), Kinds: lines("kinds"),
		From: strings.TrimSpace(c.PostForm("from")), To: strings.TrimSpace(c.PostForm("to"))}
	return models.Story{Slug: strings.TrimSpace(c.PostForm("slug")), Title: c.PostForm("title"),
		Description: strings.TrimSpace(c.PostForm("description")), Rules: encodeRules(r)}, r
}

// createStory saves a new story from the form, showing the form again with
// the reason when it is refused.
func (a *app) createStory(c *gin.Context) {
	if err := a.checkStoryWrite(c); err != nil {
		a.fail(c, err)
		return
	}
	st, rules := storyFromForm(c)
	if err := a.st.CreateStory(c.Request.Context(), &st, a.opt.Now()); err != nil {
		if code := models.ErrorCode(err); code == models.EINVALID || code == models.ECONFLICT {
			a.storyForm(c, status(code), views.StoryFormView{Story: st, Rules: rules, IsNew: true}, models.ErrorMessage(err))
			return
		}
		a.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/stories/"+url.PathEscape(st.Slug))
}

// editStoryForm shows a story's form with its hidden events.
func (a *app) editStoryForm(c *gin.Context) {
	st, err := a.st.StoryBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return
	}
	a.editPage(c, st, http.StatusOK, views.FeedFormView{})
}

// editPage renders st's edit page with status code: its form, hidden
// events, latest changes, and for admins its feeds and the add-a-feed
// form ff.
func (a *app) editPage(c *gin.Context, st models.Story, code int, ff views.FeedFormView) {
	hidden, err := a.st.HiddenEvents(c.Request.Context(), st.ID)
	if err != nil {
		a.fail(c, err)
		return
	}
	v := views.StoryFormView{Story: st, Rules: views.ParseRules(st.Rules), Hidden: hidden, FeedForm: ff,
		CanPoll: a.opt.PollFeed != nil}
	if v.Feeds, v.FeedsShown, err = a.storyFeeds(c, st); err != nil {
		a.fail(c, err)
		return
	}
	if v.History, err = a.storyHistory(c, st); err != nil {
		a.fail(c, err)
		return
	}
	a.storyForm(c, code, v, "")
}

// writableStory checks that the request may write (check is
// authorizeForm or storyWriter), then loads the story named in the
// path. It returns the signed-in account, nil for a write by the older
// rules. On failure it has rendered the error, and ok is false.
func (a *app) writableStory(c *gin.Context, check func(*gin.Context) (*models.User, error)) (models.Story, *models.User, bool) {
	u, err := check(c)
	if err != nil {
		a.fail(c, err)
		return models.Story{}, nil, false
	}
	st, err := a.st.StoryBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return models.Story{}, nil, false
	}
	return st, u, true
}

// updateStory saves the title, description and rules of a story.
func (a *app) updateStory(c *gin.Context) {
	old, _, ok := a.writableStory(c, a.storyWriter)
	if !ok {
		return
	}
	st, rules := storyFromForm(c)
	st.ID, st.Slug, st.CreatedAt = old.ID, old.Slug, old.CreatedAt
	if err := a.st.UpdateStory(c.Request.Context(), &st, a.opt.Now()); err != nil {
		if code := models.ErrorCode(err); code == models.EINVALID {
			a.storyForm(c, status(code), views.StoryFormView{Story: st, Rules: rules}, models.ErrorMessage(err))
			return
		}
		a.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/stories/"+url.PathEscape(st.Slug))
}

// setEventState pins, hides or restores one event of a story.
// A signed-in editor's change is logged with their name; the browser goes
// back to the page it came from, filters kept, at the entry.
func (a *app) setEventState(c *gin.Context) {
	st, u, ok := a.writableStory(c, a.authorizeForm)
	if !ok {
		return
	}
	id, err := idParam(c, "id")
	if err == nil && u != nil {
		err = a.acc.SetEventStateBy(c.Request.Context(), st.ID, id, c.PostForm("state"), *u, a.opt.Now())
	} else if err == nil {
		err = a.st.SetEventState(c.Request.Context(), st.ID, id, c.PostForm("state"))
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, backTo(c, st.Slug, id))
}

// embedStory is the framable story: deadline, timeline chart, entries.
func (a *app) embedStory(c *gin.Context) {
	a.embed(c, "")
}

// embedChart is one framable chart: /embed/stories/{slug}/timeline or /speakers.
func (a *app) embedChart(c *gin.Context) {
	which := c.Param("chart")
	if chartImages[which] {
		a.chartImage(c, which)
		return
	}
	if which != "timeline" && which != "speakers" && which != "deadline" {
		a.fail(c, models.Errorf(models.ENOTFOUND, "There is no chart %q; try timeline, speakers or deadline.", which))
		return
	}
	a.embed(c, which)
}

// embed renders an embed: framable by any site, no cookies, no filters
// beyond those in its address, a light or dark theme.
func (a *app) embed(c *gin.Context, which string) {
	allowFraming(c)
	st, f, ok := a.storyAndFilter(c)
	if !ok {
		return
	}
	v, all, entries, err := a.storyTimeline(c, st, f)
	if err != nil {
		a.fail(c, err)
		return
	}
	// auto, the default, follows the reader's prefers-color-scheme
	theme := "auto"
	if t := c.Query("theme"); t == "dark" || t == "light" {
		theme = t
	}
	if err := a.storyArticles(c, &v, all, entries); err != nil {
		a.fail(c, err)
		return
	}
	page := &views.Page{Title: st.Title, Theme: theme, Data: v, Transparent: c.Query("background") == "transparent"}
	name := "embed_story"
	if which != "" {
		name, page.Data = "embed_chart", views.EmbedChartView{View: v, Which: which}
	}
	a.render(c, http.StatusOK, name, page)
}
