package handlers

import (
	"bufio"
	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
)

// The CSV exports take the page filters (story, speaker, kind, source,
// from, to) and stream rows straight from the database: the response
// starts before the last row is read and memory stays flat. Columns are
// documented in views/csv.go. ?bom=1 starts the file with a UTF-8
// byte-order mark, for Excel.

func (a *app) exportEventsCSV(c *gin.Context) {
	a.exportCSV(c, "events", views.EventColumns, func(f models.Filter, w *views.RowWriter) error {
		return a.st.EachEventRow(c.Request.Context(), f, w.Event)
	})
}

func (a *app) exportQuotesCSV(c *gin.Context) {
	a.exportCSV(c, "quotes", views.QuoteColumns, func(f models.Filter, w *views.RowWriter) error {
		return a.st.EachQuoteRow(c.Request.Context(), f, w.Quote)
	})
}

func (a *app) exportArticlesCSV(c *gin.Context) {
	a.exportCSV(c, "articles", views.ArticleColumns, func(f models.Filter, w *views.RowWriter) error {
		return a.st.EachArticleRow(c.Request.Context(), f, w.Article)
	})
}

// exportCSV sets the download headers and streams rows. An error before
// the first row is flushed (an unknown story, a bad date) still becomes a
// proper JSON error; one after it can only end the download early.
func (a *app) exportCSV(c *gin.Context, name string, header []string, rows func(models.Filter, *views.RowWriter) error) {
	f, err := filterFrom(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	file := "dateline-" + name
	if f.Story != "" && models.Slug(f.Story) == f.Story {
		file += "-" + f.Story
	}
	h := c.Writer.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+file+`.csv"`)
	h.Set("Cache-Control", "no-store")
	// Rows pass through a buffer, so nothing reaches the client before the
	// first few kilobytes: an early error can still answer with its status.
	out := bufio.NewWriter(c.Writer)
	if c.Query("bom") == "1" {
		// Excel reads UTF-8 only after a byte-order mark; scripts prefer none.
		_, _ = out.WriteString("\ufeff")
	}
	w, err := views.NewCSVWriter(out, header)
	if err == nil {
		err = rows(f, w)
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		if !c.Writer.Written() {
			h.Del("Content-Type")
			h.Del("Content-Disposition")
		}
		a.fail(c, err)
	}
}
