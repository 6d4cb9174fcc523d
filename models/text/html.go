package text

import (
	"bytes"
	"net/url"
	"time"

	dps "github.com/markusmobius/go-dateparser"
	htmldate "github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"dateline/models"
)

// Page is the readable part of an HTML page.
//
// Body follows the convention of every article body in dateline: one
// paragraph per line, paragraphs separated by one blank line ("\n\n"), runs
// of white space inside a paragraph collapsed to one space. Headings, list
// items and block quotes are paragraphs of their own, so a line break always
// ends a sentence.
type Page struct {
	Title              string
	Body               string
	SiteName           string
	PublishedAt        *time.Time
	PublishedPrecision string // models.PrecHour, PrecDay or PrecUnknown
	PublishedBy        string // meta, json-ld, time-tag, htmldate, or "" when not found
}

// MaxHTMLBytes is the largest page FromHTML reads.
const MaxHTMLBytes = 8 << 20

// maxMainTextBytes is the most visible text a page may hold for the
// main-text extractor; larger pages are read plainly (see FromHTMLAt).
const maxMainTextBytes = 128 << 10

// FromHTML extracts the main text, title, site name and publication time of a
// news page. It is FromHTMLAt without a reference time: dates that lack a year
// are not guessed.
func FromHTML(html []byte, pageURL string) (Page, error) {
	return FromHTMLAt(html, pageURL, nil)
}

// FromHTMLAt extracts the main text, title, site name and publication time of
// a news page. ref, when known, is when the page was fetched: no publication
// time after it is accepted, and dates without a year take its year.
//
// The publication time comes from the page's own structured data first
// (meta tags, JSON-LD, <time> tags, which carry the time of day), then from
// go-htmldate in its fast mode (URL and text patterns, never the slow
// go-dateparser search). It fails with EINVALID for an empty page, a page
// that is not HTML, a page nested more than 512 elements deep or one with no
// readable text, and with ETOOLARGE for a page over MaxHTMLBytes.
func FromHTMLAt(b []byte, pageURL string, ref *time.Time) (p Page, err error) {
	defer func() {
		// The extractors are third-party code run on hostile input; a panic
		// in them is one unreadable page, not a crashed ingest.
		if r := recover(); r != nil {
			p, err = Page{}, models.Errorf(models.EINVALID, "cannot read this HTML page (extractor failure: %v)", r)
		}
	}()
	if len(b) > MaxHTMLBytes {
		return Page{}, models.Errorf(models.ETOOLARGE, "HTML page of %d bytes is over the %d byte limit", len(b), MaxHTMLBytes)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return Page{}, models.Errorf(models.EINVALID, "empty HTML page")
	}
	if bytes.IndexByte(b, '<') < 0 {
		return Page{}, models.Errorf(models.EINVALID, "not an HTML page: no tags")
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return Page{}, models.Wrap(models.EINVALID, err, "cannot parse HTML")
	}
	p.PublishedAt, p.PublishedPrecision, p.PublishedBy = publishedFromDoc(doc, pageURL, ref)
	if err := readMainText(&p, doc, pageURL); err != nil {
		return Page{}, err
	}
	return p, nil
}

// readMainText fills in the title, site name and body of p with trafilatura.
// Its time grows with the square of the text, so a page with more than
// maxMainTextBytes of text is read plainly instead, without its navigation,
// header, footer and side bars.
func readMainText(p *Page, doc *html.Node, pageURL string) error {
	if textSize(doc) > maxMainTextBytes {
		p.Title, p.SiteName = plainMetadata(doc)
		p.Body = dropLeadingTitle(blockText(doc, frameTags), p.Title)
	} else {
		res, err := trafilatura.ExtractDocument(doc, extractOptions(pageURL, p.PublishedAt))
		if err != nil {
			return models.Wrap(models.EINVALID, err, "no readable text in the HTML page")
		}
		p.Title = cleanLine(res.Metadata.Title)
		p.SiteName = cleanLine(res.Metadata.Sitename)
		p.Body = dropLeadingTitle(blockText(res.ContentNode, nil), p.Title)
	}
	if p.Body == "" {
		return models.Errorf(models.EINVALID, "no readable text in the HTML page")
	}
	return nil
}

// extractOptions configures trafilatura. Its own htmldate run is replaced by
// the date already found (or a zero one), so the page is searched for a date
// only once and never with go-dateparser. The small MinExtractedSize keeps
// short articles out of trafilatura's baseline mode, which glues paragraphs.
func extractOptions(pageURL string, published *time.Time) trafilatura.Options {
	cfg := trafilatura.DefaultConfig()
	cfg.MinExtractedSize = 20
	opts := trafilatura.Options{
		Config:          cfg,
		ExcludeComments: true,
		ExcludeTables:   false,
		Focus:           trafilatura.Balanced,
		HtmlDateMode:    trafilatura.Disabled,
	}
	override := htmldate.Result{}
	if published != nil {
		override = htmldate.Result{DateTime: *published, HasTime: true, HasTimezone: true}
	}
	opts.HtmlDateOverride = &override
	if u, err := url.Parse(pageURL); err == nil && u.Scheme != "" && u.Host != "" {
		opts.OriginalURL = u
	}
	return opts
}

// publishedFromDoc finds the publication time of a parsed page.
func publishedFromDoc(doc *html.Node, pageURL string, ref *time.Time) (*time.Time, string, string) {
	if t, prec, by, ok := structuredDate(doc, ref); ok {
		return &t, prec, by
	}
	res, err := htmldate.FromDocument(doc, htmldateOptions(pageURL, ref))
	if err != nil || res.IsZero() {
		return nil, models.PrecUnknown, ""
	}
	t, prec := res.DateTime.UTC(), models.PrecDay
	if res.HasTime {
		prec = models.PrecHour
	} else {
		t = time.Date(res.DateTime.Year(), res.DateTime.Month(), res.DateTime.Day(), 0, 0, 0, 0, time.UTC)
	}
	return &t, prec, "htmldate"
}

// htmldateOptions pins go-htmldate's clock: without a reference time its
// latest acceptable date is far in the future and its "current" date is at
// that bound, so a date without a year lands past the bound and is refused
// instead of taking this year's number.
func htmldateOptions(pageURL string, ref *time.Time) htmldate.Options {
	now := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate := now
	if ref != nil {
		now = ref.UTC()
		maxDate = now.Add(24 * time.Hour)
	}
	return htmldate.Options{
		ExtractTime:         true,
		UseOriginalDate:     true,
		SkipExtensiveSearch: true,
		URL:                 pageURL,
		MinDate:             time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC),
		MaxDate:             maxDate,
		DateParserConfig:    &dps.Configuration{CurrentTime: now},
	}
}
