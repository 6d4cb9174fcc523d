package views

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"dateline/models"
	"dateline/models/threads"
)

// MaxAtomEntries is how many entries a story's Atom feed carries: the
// newest, by when dateline learned of them.
const MaxAtomEntries = 50

// AtomInput is what a story's Atom feed is made of.
type AtomInput struct {
	Story   models.Story
	BaseURL string            // scheme and host the links start with
	Events  []models.Event    // the story's events, newest stored first
	Threads []*threads.Thread // the story's deadline threads, with their history
	// ArticleTimes says when each article of a deadline change was stored,
	// which dates the change's entry.
	ArticleTimes map[uint]time.Time
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	ID       string         `xml:"id"`
	Title    atomText       `xml:"title"`
	Updated  string         `xml:"updated"`
	Link     atomLink       `xml:"link"`
	Summary  atomText       `xml:"summary"`
	Category []atomCategory `xml:"category"`
	at       time.Time
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// StoryAtom writes the Atom feed of a story: an entry for each recent event
// (dated when dateline stored it) and one for each change of a deadline
// (dated when its report was stored), the newest MaxAtomEntries. Text goes
// in as plain text, escaped by encoding/xml; characters XML cannot carry
// become U+FFFD.
func StoryAtom(in AtomInput) ([]byte, error) {
	storyURL := in.BaseURL + "/stories/" + url.PathEscape(in.Story.Slug)
	f := atomFeed{ID: storyURL, Title: in.Story.Title + " · dateline", Sub: in.Story.Description,
		Author: atomPerson{Name: "dateline"},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: storyURL + "/feed.atom"},
			{Rel: "alternate", Type: "text/html", Href: storyURL}}}
	for _, e := range in.Events {
		f.Entries = append(f.Entries, eventEntry(in.BaseURL, e))
	}
	for _, t := range in.Threads {
		for i, c := range t.History {
			at, ok := in.ArticleTimes[c.ArticleID]
			if !ok {
				continue
			}
			f.Entries = append(f.Entries, changeEntry(in.BaseURL, storyURL, t, i, c, at))
		}
	}
	sort.SliceStable(f.Entries, func(i, j int) bool { return f.Entries[i].at.After(f.Entries[j].at) })
	if len(f.Entries) > MaxAtomEntries {
		f.Entries = f.Entries[:MaxAtomEntries]
	}
	updated := in.Story.UpdatedAt
	if len(f.Entries) > 0 && f.Entries[0].at.After(updated) {
		updated = f.Entries[0].at
	}
	f.Updated = atomTime(updated)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, models.Wrap(models.EINTERNAL, err, "writing the Atom feed of %s", in.Story.Slug)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// eventEntry is the entry of one event: its date and summary, linking to
// the event's page.
func eventEntry(base string, e models.Event) atomEntry {
	href := base + "/events/" + strconv.FormatUint(uint64(e.ID), 10)
	summary := e.Summary
	if e.Actors != "" {
		summary += " (" + strings.Join(splitActors(e.Actors), ", ") + ")"
	}
	return atomEntry{ID: href, Title: atomText{"text", DisplayDate(e.Date, e.Granularity) + ": " + e.Summary},
		Updated: atomTime(e.CreatedAt), Link: atomLink{Rel: "alternate", Type: "text/html", Href: href},
		Summary: atomText{"text", summary}, Category: []atomCategory{{Term: e.Kind}}, at: e.CreatedAt}
}

// changeEntry is the entry of step i of a deadline thread's history: what
// changed and the due date, linking to the article that reported it.
func changeEntry(base, storyURL string, t *threads.Thread, i int, c threads.Change, at time.Time) atomEntry {
	change := c.Change
	if change == "" {
		change = models.DeadlineSet
	}
	title := threadTitle(t) + ": " + change
	if due := dueText(c.Due, c.DueEnd, models.GranDay); due != "" {
		title += ", due " + due
	}
	href := base + "/articles/" + strconv.FormatUint(uint64(c.ArticleID), 10)
	id := storyURL + "#deadline-" + url.PathEscape(t.ID) + "-" + strconv.Itoa(i+1)
	return atomEntry{ID: id, Title: atomText{"text", title}, Updated: atomTime(at),
		Link: atomLink{Rel: "alternate", Type: "text/html", Href: href}, Summary: atomText{"text", c.Sentence},
		Category: []atomCategory{{Term: "deadline-" + change}}, at: at}
}
