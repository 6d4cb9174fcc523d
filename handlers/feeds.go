package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
)

// FeedEditing is what a story's edit page needs to manage its feeds. The
// app uses it when the Store given to New implements it too (the real
// store does); without it the page lists no feeds.
type FeedEditing interface {
	StoryFeed(ctx context.Context, storyID, id uint) (models.Feed, error)
	AddFeedBy(ctx context.Context, f *models.Feed, u models.User, now time.Time) error
	RemoveFeedBy(ctx context.Context, storyID, id uint, u models.User, now time.Time) error
	LogFeedPoll(ctx context.Context, was, f models.Feed, u models.User, now time.Time) error
}

// PollFeedFunc polls one feed now, as `dateline feed poll` does, records
// how it went and returns the feed with its new status. It returns soon
// after ctx ends. A feed being polled already is ECONFLICT.
type PollFeedFunc func(ctx context.Context, f models.Feed) (models.Feed, error)

// feedPollTimeout bounds a poll asked for on the edit page: fetching the
// feed and ingesting its new items, one at a time. A poll cut short keeps
// what it stored; the next poll does the rest.
const feedPollTimeout = 2 * time.Minute

// feedRoutes adds the admins' feed forms of a story.
func (a *app) feedRoutes(e *gin.Engine) {
	forms := newLimiter(30, time.Second, limiterBuckets, a.opt.Now).limit
	e.POST("/stories/:slug/feeds", forms, a.addFeed)
	e.POST("/stories/:slug/feeds/:id/remove", forms, a.removeFeed)
	e.POST("/stories/:slug/feeds/:id/poll", forms, a.pollFeed)
}

// storyFeeds loads the feeds of st for its edit page, and whether they are
// shown: only to a signed-in admin, who manages them, as a feed's address
// and errors may name hosts of a private network.
func (a *app) storyFeeds(c *gin.Context, st models.Story) ([]models.Feed, bool, error) {
	if s := a.currentUser(c); a.fe == nil || s == nil || s.user.Role != models.RoleAdmin {
		return nil, false, nil
	}
	feeds, err := a.st.StoryFeeds(c.Request.Context(), st.ID)
	return feeds, err == nil, err
}

// feedAdmin checks a feed form: sent by a signed-in browser from this
// site with its session's form token, by an admin. Feeds fetch from the
// network on the server's behalf (allow-private reaches its private
// network), so there is no older rule (token, this machine) for them.
func (a *app) feedAdmin(c *gin.Context) (*models.User, error) {
	s := a.currentUser(c)
	if s == nil || a.fe == nil {
		return nil, models.Errorf(models.EFORBIDDEN, "Sign in as an admin to manage a story's feeds.")
	}
	if err := a.sessionFormOK(c, s); err != nil {
		return nil, err
	}
	if s.user.Role != models.RoleAdmin {
		return nil, models.Errorf(models.EFORBIDDEN, "Managing a story's feeds is for admins; %s is an editor.", s.user.Username)
	}
	return &s.user, nil
}

// addFeed attaches a feed to the story, checked as `dateline feed add`
// checks one, and logs it. A refused feed shows the edit page again with
// what was typed and why, and stores nothing.
func (a *app) addFeed(c *gin.Context) {
	st, u, ok := a.writableStory(c, a.feedAdmin)
	if !ok {
		return
	}
	ff := views.FeedFormView{URL: strings.TrimSpace(c.PostForm("url")), Keywords: c.PostForm("keywords"),
		AllowPrivate: c.PostForm("allow_private") == "yes"}
	f := models.Feed{StorySlug: st.Slug, URL: ff.URL, AllowPrivate: ff.AllowPrivate, Keywords: models.SplitKeywords(ff.Keywords)}
	err := a.fe.AddFeedBy(c.Request.Context(), &f, *u, a.opt.Now())
	if code := models.ErrorCode(err); code == models.EINVALID || code == models.ECONFLICT {
		ff.Error = models.ErrorMessage(err)
		a.editPage(c, st, status(code), ff)
		return
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	a.log.Info("feed added", "user", u.Username, "story", st.Slug, "feed", f.ID, "allow_private", f.AllowPrivate)
	c.Redirect(http.StatusSeeOther, feedsOf(st, f.ID))
}

// removeFeed takes a feed off the story, logged; the articles it brought
// stay.
func (a *app) removeFeed(c *gin.Context) {
	st, u, ok := a.writableStory(c, a.feedAdmin)
	if !ok {
		return
	}
	id, err := idParam(c, "id")
	if err == nil {
		err = a.fe.RemoveFeedBy(c.Request.Context(), st.ID, id, *u, a.opt.Now())
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	a.log.Info("feed removed", "user", u.Username, "story", st.Slug, "feed", id)
	c.Redirect(http.StatusSeeOther, feedsOf(st, 0))
}

// pollFeed polls one feed of the story now, logs the poll with how it
// went, and shows the feed's new status. One such poll runs at a time
// (the background poller keeps to its own), each for at most
// feedPollTimeout; another one meanwhile gets 503.
func (a *app) pollFeed(c *gin.Context) {
	st, u, ok := a.writableStory(c, a.feedAdmin)
	if !ok {
		return
	}
	if a.opt.PollFeed == nil {
		a.fail(c, models.Errorf(models.ENOTFOUND, "Feeds cannot be polled from the browser on this server."))
		return
	}
	id, err := idParam(c, "id")
	var f models.Feed
	if err == nil {
		f, err = a.fe.StoryFeed(c.Request.Context(), st.ID, id)
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	select {
	case a.polls <- struct{}{}:
		defer func() { <-a.polls }()
	default:
		a.fail(c, models.Errorf(models.ETIMEOUT, "Another feed is being polled now; try again in a moment."))
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), feedPollTimeout)
	defer cancel()
	got, err := a.opt.PollFeed(ctx, f)
	if err == nil {
		err = a.fe.LogFeedPoll(context.WithoutCancel(ctx), f, got, *u, a.opt.Now())
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	a.log.Info("feed polled", "user", u.Username, "story", st.Slug, "feed", f.ID, "status", got.LastStatus, "new", got.NewItems)
	c.Redirect(http.StatusSeeOther, feedsOf(st, f.ID))
}

// feedsOf is the address of the feeds on st's edit page, at feed id when
// it is not 0.
func feedsOf(st models.Story, id uint) string {
	at := "#feeds"
	if id != 0 {
		at = "#feed-" + strconv.FormatUint(uint64(id), 10)
	}
	return "/stories/" + url.PathEscape(st.Slug) + "/edit" + at
}
