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

// EventMerging is what merging and splitting events needs of the store,
// besides Editing; the real store has it.
type EventMerging interface {
	MergeEvents(ctx context.Context, keepID uint, keepVersion int, mergedID uint, mergedVersion int, u models.User, now time.Time) (models.Event, models.Event, error)
	SplitEvent(ctx context.Context, id uint, version int, articleIDs []uint, c models.EventCorrection, u models.User, now time.Time) (models.Event, models.Event, error)
	MergedInto(ctx context.Context, id uint) (uint, error)
}

// mergeRoutes adds the merge and split forms of an event.
func (a *app) mergeRoutes(e *gin.Engine, forms gin.HandlerFunc) {
	e.GET("/events/:id/merge", a.mergeEventForm)
	e.POST("/events/:id/merge", forms, a.mergeEvent)
	e.GET("/events/:id/split", a.splitEventForm)
	e.POST("/events/:id/split", forms, a.splitEvent)
}

// merging is the store's EventMerging, nil when it has none.
func (a *app) merging() EventMerging {
	m, _ := a.ed.(EventMerging)
	return m
}

// redirectMerged sends a request for a merged event's page to the event it
// was merged into, when err says the event is not there and it was merged;
// it reports whether it did.
func (a *app) redirectMerged(c *gin.Context, id uint, err error) bool {
	m := a.merging()
	if m == nil || models.ErrorCode(err) != models.ENOTFOUND {
		return false
	}
	into, merr := m.MergedInto(c.Request.Context(), id)
	if merr != nil {
		return false
	}
	c.Redirect(http.StatusMovedPermanently, "/events/"+strconv.FormatUint(uint64(into), 10))
	return true
}

// restructurePage checks that a signed-in editor asks for a merge or split form
// of an event on a store that can do it, and returns the event's id; else
// it answers (sign in first, or an error) and returns false.
func (a *app) restructurePage(c *gin.Context) (uint, bool) {
	return a.editorTarget(c, a.merging() != nil, "Events cannot be merged or split on this server.")
}

// editorTarget checks that a signed-in editor asks for an editing form of
// the object whose id the address holds, on a store that can (able; else
// the refusal unable), and returns the id; else it answers (sign in
// first, or the error) and returns false.
func (a *app) editorTarget(c *gin.Context, able bool, unable string) (uint, bool) {
	if !able {
		a.fail(c, models.Errorf(models.ENOTFOUND, "%s", unable))
		return 0, false
	}
	if a.currentUser(c) == nil {
		c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request.URL.RequestURI()))
		return 0, false
	}
	id, err := idParam(c, "id")
	if err != nil {
		a.fail(c, err)
		return 0, false
	}
	return id, true
}

// editorForm checks a posted merge or split form: a signed-in editor, the
// form checks, the event's id and the version the form started from.
func (a *app) editorForm(c *gin.Context, field string) (*models.User, uint, int, bool) {
	u, err := a.editorOnly(c)
	if err == nil && a.merging() == nil {
		err = models.Errorf(models.ENOTFOUND, "Events cannot be merged or split on this server.")
	}
	var id uint
	if err == nil {
		id, err = idParam(c, "id")
	}
	version, verr := strconv.Atoi(strings.TrimSpace(c.PostForm(field)))
	if err == nil && (verr != nil || version < 0) {
		err = models.Errorf(models.EINVALID, "The form has no version of the event; reload it and try again.")
	}
	if err != nil {
		a.fail(c, err)
		return nil, 0, 0, false
	}
	return u, id, version, true
}

// eventBack is where a merge or split form returns to: the page it was
// opened from, by default the event's own.
func eventBack(id uint, v string) string {
	return localPath(v, "/events/"+strconv.FormatUint(uint64(id), 10))
}

// mergeEventForm asks a signed-in editor which event to merge into this
// one, then shows both side by side with the button that merges them.
func (a *app) mergeEventForm(c *gin.Context) {
	id, ok := a.restructurePage(c)
	if !ok {
		return
	}
	v := views.EventMergeView{Back: eventBack(id, c.Query("back")), OtherID: strings.TrimSpace(c.Query("other"))}
	a.showMerge(c, http.StatusOK, id, &v)
}

// showMerge loads the kept event and, when v names one, the other event,
// and renders the merge page with status st. An other event that is not a
// number or not there is said on the page (400 or 404).
func (a *app) showMerge(c *gin.Context, st int, id uint, v *views.EventMergeView) {
	keep, _, err := a.st.Event(c.Request.Context(), id, 0, 1)
	if err != nil {
		a.fail(c, err)
		return
	}
	v.Event, v.EventReports, v.Version = keep.Event, keep.SourceCount, keep.Event.Version
	if v.OtherID != "" {
		other, err := a.otherEvent(c, id, v.OtherID)
		if err != nil {
			v.Error, st = models.ErrorMessage(err), status(models.ErrorCode(err))
		} else {
			v.Other, v.OtherReports, v.OtherVersion = &other.Event, other.SourceCount, other.Event.Version
		}
	}
	a.render(c, st, "event_merge", &views.Page{Title: "Merge into " + v.Event.Summary, Data: *v})
}

// otherEvent reads the event an editor typed the number of.
func (a *app) otherEvent(c *gin.Context, id uint, s string) (models.TimelineEntry, error) {
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n == 0 {
		return models.TimelineEntry{}, models.Errorf(models.EINVALID, "%q is not an event number.", s)
	}
	if uint(n) == id {
		return models.TimelineEntry{}, models.Errorf(models.EINVALID, "That is this event: give the number of the other one.")
	}
	e, _, err := a.st.Event(c.Request.Context(), uint(n), 0, 1)
	if models.ErrorCode(err) == models.ENOTFOUND {
		err = models.Errorf(models.ENOTFOUND, "There is no event %d (it may have been merged already).", n)
	}
	return e, err
}

// mergeEvent merges the confirmed other event into this one. A form whose
// versions are stale is refused (409) with both events as they are now.
func (a *app) mergeEvent(c *gin.Context) {
	u, id, version, ok := a.editorForm(c, "version")
	if !ok {
		return
	}
	otherVersion, err := strconv.Atoi(strings.TrimSpace(c.PostForm("other_version")))
	if err != nil || otherVersion < 0 {
		a.fail(c, models.Errorf(models.EINVALID, "The form has no version of the other event; reload it and try again."))
		return
	}
	v := views.EventMergeView{Back: eventBack(id, c.PostForm("back")), OtherID: strings.TrimSpace(c.PostForm("other"))}
	other, err := strconv.ParseUint(v.OtherID, 10, 32)
	if err != nil {
		a.fail(c, models.Errorf(models.EINVALID, "%q is not an event number.", v.OtherID))
		return
	}
	keep, _, err := a.merging().MergeEvents(c.Request.Context(), id, version, uint(other), otherVersion, *u, a.opt.Now())
	switch code := models.ErrorCode(err); code {
	case "":
		a.log.Info("events merged", "user", u.Username, "kept", id, "merged", other, "version", keep.Version)
		c.Redirect(http.StatusSeeOther, v.Back+"#corrections")
	case models.ECONFLICT:
		v.Conflict = true
		a.showMerge(c, http.StatusConflict, id, &v)
	case models.EINVALID, models.ENOTFOUND:
		v.Error = models.ErrorMessage(err)
		a.showMerge(c, status(code), id, &v)
	default:
		a.fail(c, err)
	}
}

// splitEventForm shows a signed-in editor the reports of one page of an
// event's sources to tick, and the new event's fields (the event's own to
// start from).
func (a *app) splitEventForm(c *gin.Context) {
	id, ok := a.restructurePage(c)
	if !ok {
		return
	}
	v := views.EventSplitView{Back: eventBack(id, c.Query("back"))}
	v.Page = splitPage(c.Query("page"), v.Back)
	e, err := a.loadSplit(c, id, &v)
	if err != nil {
		a.fail(c, err)
		return
	}
	v.Form = models.EventCorrection{Summary: e.Summary, Date: e.Date, Kind: e.Kind, Actors: strings.ReplaceAll(e.Actors, "; ", "\n")}
	v.Version = e.Version
	a.renderSplit(c, http.StatusOK, v)
}

// splitPage is the page of sources a split form shows: ?page=, else the
// page of the event page it was opened from, else 1.
func splitPage(q, back string) int {
	if q == "" {
		if u, err := url.Parse(back); err == nil {
			q = u.Query().Get("page")
		}
	}
	n, err := strconv.Atoi(q)
	if err != nil || n < 1 || n > maxSourcePage {
		return 1
	}
	return n
}

// loadSplit reads event id with the sources of v.Page into v, and the
// links to the pages around it.
func (a *app) loadSplit(c *gin.Context, id uint, v *views.EventSplitView) (models.Event, error) {
	per := models.EventSourcesPage
	entry, _, err := a.st.Event(c.Request.Context(), id, (v.Page-1)*per, per)
	if err != nil {
		return models.Event{}, err
	}
	v.Event, v.SourceCount = entry.Event, entry.SourceCount
	link := func(p int) string {
		return "/events/" + strconv.FormatUint(uint64(id), 10) + "/split?page=" + strconv.Itoa(p) + "&back=" + url.QueryEscape(v.Back)
	}
	v.Prev, v.Next = "", ""
	if v.Page > 1 {
		v.Prev = link(v.Page - 1)
	}
	if v.Page*per < v.SourceCount {
		v.Next = link(v.Page + 1)
	}
	return entry.Event, nil
}

func (a *app) renderSplit(c *gin.Context, st int, v views.EventSplitView) {
	a.render(c, st, "event_split", &views.Page{Title: "Split " + v.Event.Summary, Data: v})
}

// splitEvent moves the ticked reports into a new event. A stale form is
// refused (409) with the event as it is now and the editor's choices kept;
// bad values (400) with the form as sent.
func (a *app) splitEvent(c *gin.Context) {
	u, id, version, ok := a.editorForm(c, "version")
	if !ok {
		return
	}
	v := views.EventSplitView{Back: eventBack(id, c.PostForm("back")), Version: version, Chosen: map[uint]bool{},
		Form: models.EventCorrection{Summary: c.PostForm("summary"), Date: c.PostForm("date"), Kind: c.PostForm("kind"), Actors: c.PostForm("actors")}}
	var articles []uint
	for _, s := range c.PostFormArray("article") {
		n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 32)
		if err != nil {
			a.fail(c, models.Errorf(models.EINVALID, "%q is not an article number.", s))
			return
		}
		articles, v.Chosen[uint(n)] = append(articles, uint(n)), true
	}
	v.Page = splitPage("", v.Back)
	from, into, err := a.merging().SplitEvent(c.Request.Context(), id, version, articles, v.Form, *u, a.opt.Now())
	switch code := models.ErrorCode(err); code {
	case "":
		a.log.Info("event split", "user", u.Username, "event", id, "new", into.ID, "version", from.Version)
		c.Redirect(http.StatusSeeOther, v.Back+"#corrections")
		return
	case models.ECONFLICT:
		v.Current, v.Version = &from, from.Version
	case models.EINVALID:
		v.Error = models.ErrorMessage(err)
	default:
		a.fail(c, err)
		return
	}
	if _, lerr := a.loadSplit(c, id, &v); lerr != nil {
		a.fail(c, lerr)
		return
	}
	a.renderSplit(c, status(models.ErrorCode(err)), v)
}
