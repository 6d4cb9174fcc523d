package text

import (
	"time"

	"dateline/models"
)

// Page is the readable part of an HTML page.
type Page struct {
	Title              string
	Body               string
	SiteName           string
	PublishedAt        *time.Time
	PublishedPrecision string
	PublishedBy        string
}

// FromHTML extracts the main text, title, site name and publication time of a news page.
// SCAFFOLD: replaced by the text work (go-trafilatura + go-htmldate).
func FromHTML(html []byte, pageURL string) (Page, error) {
	return Page{}, models.Errorf(models.EINTERNAL, "HTML reading not built yet")
}
