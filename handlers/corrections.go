package handlers

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
)

// Editing is what the editors' actions beyond pin and hide need of the
// store (corrections, attaching and detaching articles, the edit log),
// besides Accounts; the real store has both.
type Editing interface {
	CorrectEvent(ctx context.Context, id uint, version int, c models.EventCorrection, u models.User, now time.Time) (models.Event, error)
	Edits(ctx context.Context, objType string, objID uint) ([]models.Edit, error)
	RecordEdit(ctx context.Context, u models.User, now time.Time, objType string, objID uint, storyID *uint, before, after any) error
	DetachArticleBy(ctx context.Context, storyID, articleID uint, u models.User, now time.Time) error
	QuoteByID(ctx context.Context, id uint) (models.Quote, error)
	StoryEdits(ctx context.Context, storyID uint, n int) ([]models.Edit, error)
	CorrectQuote(ctx context.Context, id uint, version int, c models.QuoteCorrection, u models.User, now time.Time) (models.Quote, error)
}

// correctionRoutes adds the event correction form to the route table.
func (a *app) correctionRoutes(e *gin.Engine) {
	forms := newLimiter(30, time.Second, limiterBuckets, a.opt.Now).limit
	e.GET("/events/:id/edit", a.editEventForm)
	e.POST("/events/:id/edit", forms, a.correctEvent)
	e.GET("/quotes/:id/edit", a.editQuoteForm)
	e.POST("/quotes/:id/edit", forms, a.correctQuote)
	a.mergeRoutes(e, forms)
}

// editEventForm shows a signed-in editor the correction form of an event;
// anyone else is sent to sign in first.
func (a *app) editEventForm(c *gin.Context) {
	id, ok := a.editorTarget(c, a.ed != nil, "Events cannot be corrected on this server.")
	if !ok {
		return
	}
	entry, _, err := a.st.Event(c.Request.Context(), id, 0, 1)
	if err != nil {
		a.fail(c, err)
		return
	}
	ev := entry.Event
	a.renderEventEdit(c, http.StatusOK, views.EventEditView{Event: ev, Version: ev.Version,
		Form: models.EventCorrection{Summary: ev.Summary, Date: ev.Date, Kind: ev.Kind,
			Actors: strings.ReplaceAll(ev.Actors, "; ", "\n")}})
}

func (a *app) renderEventEdit(c *gin.Context, st int, v views.EventEditView) {
	a.render(c, st, "event_edit", &views.Page{Title: "Correct " + v.Event.Summary, Data: v})
}

// correctEvent saves a signed-in editor's correction. A form started from
// an older version than the event's is refused (409) with the current
// values shown beside the editor's; a bad value is refused (400) with the
// form as it was sent.
func (a *app) correctEvent(c *gin.Context) {
	u, err := a.authorizeForm(c)
	if err == nil && (u == nil || a.ed == nil) {
		err = models.Errorf(models.EFORBIDDEN, "Sign in as an editor to correct events.")
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	id, err := idParam(c, "id")
	if err != nil {
		a.fail(c, err)
		return
	}
	version, err := strconv.Atoi(strings.TrimSpace(c.PostForm("version")))
	if err != nil || version < 0 {
		a.fail(c, models.Errorf(models.EINVALID, "The form has no version of the event; reload it and try again."))
		return
	}
	mine := models.EventCorrection{Summary: c.PostForm("summary"), Date: c.PostForm("date"), Kind: c.PostForm("kind"),
		Actors: c.PostForm("actors")}
	ev, err := a.ed.CorrectEvent(c.Request.Context(), id, version, mine, *u, a.opt.Now())
	switch code := models.ErrorCode(err); code {
	case "":
		a.log.Info("event corrected", "user", u.Username, "event", id, "version", ev.Version)
		c.Redirect(http.StatusSeeOther, "/events/"+strconv.FormatUint(uint64(id), 10)+"#corrections")
	case models.ECONFLICT:
		a.renderEventEdit(c, http.StatusConflict, views.EventEditView{Event: ev, Form: mine, Version: ev.Version, Current: &ev})
	case models.EINVALID:
		v := views.EventEditView{Event: ev, Form: mine, Version: version, Error: models.ErrorMessage(err)}
		if ev.ID == 0 {
			entry, _, lerr := a.st.Event(c.Request.Context(), id, 0, 1)
			if lerr != nil {
				a.fail(c, lerr)
				return
			}
			v.Event = entry.Event
		}
		a.renderEventEdit(c, status(code), v)
	default:
		a.fail(c, err)
	}
}

// eventCorrections loads the logged corrections of event id for its page;
// none when the store keeps no log.
func (a *app) eventCorrections(c *gin.Context, id uint) ([]views.Correction, error) {
	if a.ed == nil {
		return nil, nil
	}
	edits, err := a.ed.Edits(c.Request.Context(), models.EditEvent, id)
	return views.Corrections(edits), err
}

// editQuoteForm shows a signed-in editor the correction form of a quote.
func (a *app) editQuoteForm(c *gin.Context) {
	id, ok := a.editorTarget(c, a.ed != nil, "Quotes cannot be corrected on this server.")
	if !ok {
		return
	}
	q, err := a.ed.QuoteByID(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	form := models.QuoteCorrection{Kind: q.Kind}
	if q.Speaker != nil {
		form.Speaker = q.Speaker.Name
	}
	a.renderQuoteEdit(c, http.StatusOK, views.QuoteEditView{Quote: q, Form: form, Version: q.Version,
		Back: localPath(c.Query("back"), "/")})
}

func (a *app) renderQuoteEdit(c *gin.Context, st int, v views.QuoteEditView) {
	a.render(c, st, "quote_edit", &views.Page{Title: "Correct a quote", Data: v})
}

// correctQuote saves a signed-in editor's correction of a quote's speaker
// and kind, refusing a stale form (409, current values shown) and bad
// values (400), and returns to the page the form came from.
func (a *app) correctQuote(c *gin.Context) {
	u, err := a.editorOnly(c)
	var id uint
	if err == nil {
		id, err = idParam(c, "id")
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	version, err := strconv.Atoi(strings.TrimSpace(c.PostForm("version")))
	if err != nil || version < 0 {
		a.fail(c, models.Errorf(models.EINVALID, "The form has no version of the quote; reload it and try again."))
		return
	}
	mine := models.QuoteCorrection{Speaker: c.PostForm("speaker"), Kind: c.PostForm("kind")}
	back := localPath(c.PostForm("back"), "/")
	q, err := a.ed.CorrectQuote(c.Request.Context(), id, version, mine, *u, a.opt.Now())
	switch code := models.ErrorCode(err); code {
	case "":
		a.log.Info("quote corrected", "user", u.Username, "quote", id, "version", q.Version)
		c.Redirect(http.StatusSeeOther, back)
	case models.ECONFLICT:
		a.renderQuoteEdit(c, http.StatusConflict, views.QuoteEditView{Quote: q, Form: mine, Version: q.Version, Current: &q, Back: back})
	case models.EINVALID:
		v := views.QuoteEditView{Quote: q, Form: mine, Version: version, Error: models.ErrorMessage(err), Back: back}
		if q.ID == 0 {
			if v.Quote, err = a.ed.QuoteByID(c.Request.Context(), id); err != nil {
				a.fail(c, err)
				return
			}
		}
		a.renderQuoteEdit(c, status(code), v)
	default:
		a.fail(c, err)
	}
}
