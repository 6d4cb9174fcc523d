package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
)

// status maps an error code to its HTTP status.
func status(code string) int {
	switch code {
	case models.ENOTFOUND:
		return http.StatusNotFound
	case models.EINVALID:
		return http.StatusBadRequest
	case models.ECONFLICT:
		return http.StatusConflict
	case models.EFORBIDDEN:
		return http.StatusForbidden
	case models.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case models.ETIMEOUT:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// fail is the one error renderer: it picks the status from the error code,
// logs internal errors with their cause, and shows the user only the
// error's safe message (never SQL or a stack), as JSON for API and export
// routes and as a page in the site's style everywhere else.
func (a *app) fail(c *gin.Context, err error) {
	if c.Request.Context().Err() != nil {
		// The client went away (a closed tab, a load test ending): there
		// is no one to answer and nothing went wrong on our side.
		c.Abort()
		return
	}
	code := models.ErrorCode(err)
	st := status(code)
	msg := models.ErrorMessage(err)
	if st >= 500 {
		a.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
		if code == models.EINTERNAL {
			msg = "Something went wrong on our side. It has been logged."
		}
	}
	if c.Writer.Written() {
		return // a streamed response already started; the log has it
	}
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/export/") {
		c.AbortWithStatusJSON(st, gin.H{"error": msg, "code": code})
		return
	}
	page := &views.Page{Title: http.StatusText(st), Data: views.NewErrorView(st, msg)}
	c.Abort()
	a.render(c, st, "error", page)
}

// render writes a page; the renderer fills a buffer first, so a template
// failure still becomes a clean 500.
func (a *app) render(c *gin.Context, st int, name string, p *views.Page) {
	a.editorPage(c, p, st)
	var buf strings.Builder
	if err := a.pages.Render(&buf, name, p); err != nil {
		a.log.Error("rendering page", "page", name, "err", err)
		if name != "error" {
			a.fail(c, err)
			return
		}
		c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("internal error"))
		return
	}
	c.Data(st, "text/html; charset=utf-8", []byte(buf.String()))
}
