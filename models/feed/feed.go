// Package feed reads RSS 2.0, RSS 1.0 (RDF) and Atom documents into a
// list of items: what a story's feed poller needs to find new articles.
// It is a small streaming reader over encoding/xml, not a full model of
// either format: only the item fields dateline uses are kept.
package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"dateline/models"
)

// Feed is a parsed feed document.
type Feed struct {
	Title string
	Kind  string // "rss", "rdf" or "atom"
	Items []Item
	// Dropped counts the items past the caller's limit, which were not read.
	Dropped int
}

// Item is one entry of a feed.
type Item struct {
	GUID      string // the item's guid (RSS) or id (Atom); may be empty
	Link      string // the article's address; may be empty
	Title     string
	Summary   string     // description, summary or content, as given (may be HTML)
	Published *time.Time // nil when the feed gives no readable date
}

// Key is what identifies the item across polls: its GUID, else its link,
// else its title. Empty when the item has none of them.
func (it Item) Key() string {
	for _, k := range []string{it.GUID, it.Link, it.Title} {
		if k = strings.TrimSpace(k); k != "" {
			return k
		}
	}
	return ""
}

type rssLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Text string `xml:",chardata"`
}

type rssItem struct {
	Title       string    `xml:"title"`
	Links       []rssLink `xml:"link"`
	GUID        string    `xml:"guid"`
	About       string    `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# about,attr"`
	Description string    `xml:"description"`
	Content     string    `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	PubDate     string    `xml:"pubDate"`
	DCDate      string    `xml:"http://purl.org/dc/elements/1.1/ date"`
}

type atomText struct {
	Text string `xml:",chardata"`
}

type atomEntry struct {
	ID        string    `xml:"id"`
	Title     atomText  `xml:"title"`
	Links     []rssLink `xml:"link"`
	Summary   atomText  `xml:"summary"`
	Content   atomText  `xml:"content"`
	Published string    `xml:"published"`
	Updated   string    `xml:"updated"`
}

// ErrNotFeed is wrapped by Parse's error for a document whose root element
// is neither rss, rdf:RDF nor feed.
var ErrNotFeed = errors.New("not an RSS or Atom feed")

// Parse reads a feed document, keeping at most maxItems items (the first
// ones, which feeds list newest first; 0 means no limit) and counting the
// rest in Dropped without decoding them. A document that is not XML, or
// whose root is not a feed, is an EINVALID error saying so; an error after
// some items keeps none of them, so a broken feed never looks shorter
// than it is.
func Parse(data []byte, maxItems int) (Feed, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	var f Feed
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Feed{}, models.Wrap(models.EINVALID, err, "the feed is not well-formed XML")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if f.Kind = rootKind(t.Name); f.Kind == "" {
					return Feed{}, models.Wrap(models.EINVALID, ErrNotFeed, "the document's root element is <%s>", t.Name.Local)
				}
				continue
			}
			if err := f.element(d, t, depth, maxItems); err != nil {
				return Feed{}, err
			}
			if t.Name.Local == "item" || t.Name.Local == "entry" || t.Name.Local == "title" {
				depth-- // decoded or skipped whole, end tag included
			}
		case xml.EndElement:
			depth--
		}
	}
	if f.Kind == "" {
		return Feed{}, models.Wrap(models.EINVALID, ErrNotFeed, "the document is empty")
	}
	return f, nil
}

// rootKind names the format of a root element, "" for none.
func rootKind(n xml.Name) string {
	switch strings.ToLower(n.Local) {
	case "rss":
		return "rss"
	case "rdf":
		return "rdf"
	case "feed":
		return "atom"
	}
	return ""
}

// element handles a start tag below the root: an item or entry is decoded
// (or skipped past the limit), the feed's own title read.
func (f *Feed) element(d *xml.Decoder, t xml.StartElement, depth, maxItems int) error {
	name := t.Name.Local
	isItem := (name == "item" && f.Kind != "atom") || (name == "entry" && f.Kind == "atom")
	switch {
	case isItem && maxItems > 0 && len(f.Items) >= maxItems:
		f.Dropped++
		return skip(d)
	case isItem:
		it, err := f.decodeItem(d, t)
		if err != nil {
			return models.Wrap(models.EINVALID, err, "the feed is not well-formed XML in item %d", len(f.Items)+f.Dropped+1)
		}
		f.Items = append(f.Items, it)
	case name == "title":
		var s string
		if err := d.DecodeElement(&s, &t); err != nil {
			return models.Wrap(models.EINVALID, err, "the feed's title is not well-formed")
		}
		// The feed's own title: under <feed> (depth 2) or <channel> (depth 3).
		if f.Title == "" && ((f.Kind == "atom" && depth == 2) || (f.Kind != "atom" && depth == 3)) {
			f.Title = strings.TrimSpace(s)
		}
	case name == "item" || name == "entry":
		return skip(d) // an <entry> inside RSS, or the reverse
	}
	return nil
}

func skip(d *xml.Decoder) error {
	if err := d.Skip(); err != nil {
		return models.Wrap(models.EINVALID, err, "the feed is not well-formed XML")
	}
	return nil
}

// decodeItem reads one item or entry.
func (f *Feed) decodeItem(d *xml.Decoder, t xml.StartElement) (Item, error) {
	if f.Kind == "atom" {
		var e atomEntry
		if err := d.DecodeElement(&e, &t); err != nil {
			return Item{}, err
		}
		return e.item(), nil
	}
	var r rssItem
	if err := d.DecodeElement(&r, &t); err != nil {
		return Item{}, err
	}
	return r.item(), nil
}

func (r rssItem) item() Item {
	it := Item{GUID: strings.TrimSpace(r.GUID), Title: strings.TrimSpace(r.Title),
		Summary: strings.TrimSpace(firstOf(r.Content, r.Description))}
	for _, l := range r.Links {
		// <link>url</link> in RSS; <atom:link href=...> alongside it.
		if u := strings.TrimSpace(firstOf(l.Text, l.Href)); u != "" && (l.Rel == "" || l.Rel == "alternate") {
			it.Link = u
			break
		}
	}
	if it.Link == "" {
		it.Link = strings.TrimSpace(r.About)
	}
	if it.Link == "" && isHTTP(it.GUID) {
		it.Link = it.GUID // a permalink guid
	}
	it.Published = parseDate(firstOf(r.PubDate, r.DCDate))
	return it
}

func (e atomEntry) item() Item {
	it := Item{GUID: strings.TrimSpace(e.ID), Title: strings.TrimSpace(e.Title.Text),
		Summary: strings.TrimSpace(firstOf(e.Content.Text, e.Summary.Text))}
	for _, l := range e.Links {
		if l.Rel == "" || l.Rel == "alternate" {
			it.Link = strings.TrimSpace(l.Href)
			break
		}
	}
	it.Published = parseDate(firstOf(e.Published, e.Updated))
	return it
}

func isHTTP(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// dateLayouts are the date forms feeds use: RFC 822 and its variants in
// RSS, RFC 3339 in Atom and Dublin Core.
var dateLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC3339Nano, time.RFC3339,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 MST",
	"2006-01-02T15:04:05", "2006-01-02",
}

// parseDate reads a feed date as UTC, nil when no known form fits.
func parseDate(s string) *time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			t = t.UTC()
			return &t
		}
	}
	return nil
}
