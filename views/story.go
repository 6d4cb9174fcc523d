package views

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"dateline/models"
	"dateline/models/threads"
)

// StoryView is the model of a story page and of its embeds.
type StoryView struct {
	Story  models.Story
	Rules  models.StoryRules
	Filter models.Filter
	Pinned []EntryView
	Days   []DayGroup
	Count  int
	// Truncated says the timeline shows only the latest entries, of Total.
	Truncated bool
	Total     int
	Deadline  []ThreadView // the story's deadline threads (SetDeadlines)
	Timeline  Chart
	Speakers  Chart
	Counts    []models.SpeakerCount // attributed quotes by speaker
	// Unattributed is the number of quotes with no known speaker, left out
	// of the speakers chart.
	Unattributed int
	// Articles are the newest of the articles reporting the listed events
	// (at most StoryArticles), and MoreArticles how many more report them.
	Articles     []models.Article
	MoreArticles int
	// Choices for the filter form, from the unfiltered timeline. The
	// handler fills Sources (the outlets reporting it) from the store.
	Kinds, People, Sources []string
	FilterQuery            string // the filter as a query string, for export links
	BaseURL                string // scheme://host the embed snippet points at
	Now                    time.Time
}

// DayGroup is the entries of one day (or one coarser period) of a timeline.
type DayGroup struct {
	Heading string
	Entries []EntryView
}

// StoryArticles is the most articles a story page lists; the rest are in
// the story's articles CSV.
const StoryArticles = 20

// EntryView is one timeline entry ready for the page.
type EntryView struct {
	models.TimelineEntry
	When string
}

// OutletLink is one outlet of an entry's sources: named once, linked to
// its first article, with how many of the carried sources it has.
type OutletLink struct {
	Name      string
	ArticleID uint
	Count     int
}

// Outlets names each outlet of the entry's carried sources once, in the
// order they first appear ("Wire (3) · Daily Two"), not "Wire · Wire ·
// Wire"; a source of no known outlet is listed by its article's title.
func (e EntryView) Outlets() []OutletLink {
	var out []OutletLink
	at := map[string]int{}
	for _, s := range e.Event.Sources {
		name := ""
		if s.Article != nil {
			if name = sourceName(s.Article); name == "" {
				name = s.Article.Title
			}
		}
		if name == "" {
			name = "article " + itoa(s.ArticleID)
		}
		if i, ok := at[name]; ok {
			out[i].Count++
			continue
		}
		at[name] = len(out)
		out = append(out, OutletLink{Name: name, ArticleID: s.ArticleID, Count: 1})
	}
	return out
}

// Reports is how many articles report the entry's event, at least those
// it carries.
func (e EntryView) Reports() int {
	return max(e.SourceCount, len(e.Event.Sources))
}

// MoreSources is how many of the entry's sources its list leaves out: it
// shows the first models.EntrySources, of SourceCount (or of the sources
// it carries, when it carries more).
func (e EntryView) MoreSources() int {
	n := len(e.Event.Sources)
	return max(e.SourceCount, n) - min(n, models.EntrySources)
}

// DeadlineView is one entry of the deadline panel.
type DeadlineView struct {
	EventID     uint
	When        string
	Status      string
	Passed      bool
	SetBy       string
	Demand      string
	Consequence string
	Summary     string
	at          time.Time
}

// NewStoryView groups a story's timeline by day, pinned entries first,
// builds the deadline panel against now (the request time) and the charts.
// all is the unfiltered timeline (for the filter choices); entries the
// filtered one, ordered by date.
func NewStoryView(s models.Story, f models.Filter, all, entries []models.TimelineEntry,
	counts []models.SpeakerCount, now time.Time, baseURL string) StoryView {
	v := StoryView{Story: s, Rules: ParseRules(s.Rules), Filter: f, Count: len(entries),
		Now: now, BaseURL: baseURL, FilterQuery: FilterQuery(f)}
	for _, c := range counts {
		if c.Slug == "" {
			v.Unattributed += c.Quotes
		} else {
			v.Counts = append(v.Counts, c)
		}
	}
	for _, en := range entries {
		ev := EntryView{TimelineEntry: en, When: DisplayDate(en.Event.Date, en.Event.Granularity)}
		if en.Pinned {
			v.Pinned = append(v.Pinned, ev)
			continue
		}
		key := DayKey(en.Event.Date, en.Event.Granularity)
		if n := len(v.Days); n > 0 && v.Days[n-1].Heading == key {
			v.Days[n-1].Entries = append(v.Days[n-1].Entries, ev)
		} else {
			v.Days = append(v.Days, DayGroup{Heading: key, Entries: []EntryView{ev}})
		}
	}
	v.Kinds, v.People = choices(all)
	v.Timeline = TimelineChart("timeline-chart", entries)
	v.Speakers = SpeakersChart("speakers-chart", v.Counts)
	v.Timeline.SVG, v.Timeline.Name = v.ImageURL("timeline.svg", ""), s.Slug+"-timeline"
	v.Speakers.Name = s.Slug + "-speakers"
	return v
}

func deadlineOf(ev models.Event, now time.Time) (DeadlineView, bool) {
	if ev.Kind != models.KindDeadline && ev.Kind != models.KindUltimatum {
		return DeadlineView{}, false
	}
	status := DeadlineStatus(ev.Date, ev.Granularity, now)
	return DeadlineView{at: ev.SortAt, EventID: ev.ID, When: DisplayDate(ev.Date, ev.Granularity), Status: status,
		Passed: len(status) > 6 && status[:6] == "passed", SetBy: ev.DeadlineSetBy,
		Demand: ev.DeadlineDemand, Consequence: ev.DeadlineConsequence, Summary: ev.Summary}, true
}

// Updated is when the newest article of the listed events was published,
// nil when none says.
func (v StoryView) Updated() *time.Time {
	for _, a := range v.Articles {
		if a.PublishedAt != nil {
			return a.PublishedAt
		}
	}
	return nil
}

// OutletsShown are the first n outlets reporting the story, for an embed's
// credit line.
func (v StoryView) OutletsShown(n int) []string {
	if len(v.Sources) > n {
		return v.Sources[:n]
	}
	return v.Sources
}

// SetDeadlines puts a story's deadline threads (models/threads) in its
// panel, at now.
func (v *StoryView) SetDeadlines(ts []*threads.Thread, now time.Time) {
	v.Deadline = NewThreadViews(ts, now)
	// The server draws the lead thread's card; the menus of the others
	// draw their SVG themselves.
	if len(v.Deadline) > 0 {
		v.Deadline[0].Chart.SVG, v.Deadline[0].Chart.Name = v.ImageURL("deadline.svg", ""), v.Story.Slug+"-deadline"
	}
}

// LatestEntries is the last n entries by date (pinned ones first), for
// the compact list of an embed.
func (v StoryView) LatestEntries(n int) []EntryView {
	var all []EntryView
	for _, d := range v.Days {
		all = append(all, d.Entries...)
	}
	if len(all) > n {
		all = all[len(all)-n:]
	}
	return append(append([]EntryView(nil), v.Pinned...), all...)
}

// Lead is the deadline an embed shows: the first of the panel (the open
// one due soonest, else the latest ended).
func (v StoryView) Lead() []ThreadView {
	if len(v.Deadline) == 0 {
		return nil
	}
	return v.Deadline[:1]
}

// choices collects the kinds and actors of a timeline, sorted. (The
// outlets come from the store: an entry carries only its first sources.)
func choices(entries []models.TimelineEntry) (kinds, people []string) {
	k, p := map[string]bool{}, map[string]bool{}
	for _, en := range entries {
		k[en.Event.Kind] = true
		for _, a := range splitActors(en.Event.Actors) {
			p[a] = true
		}
	}
	return keys(k), keys(p)
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// FilterQuery writes a filter as a URL query (without "?"), so links to
// exports and embeds keep the page's filters.
func FilterQuery(f models.Filter) string {
	q := url.Values{}
	for name, v := range map[string]string{"story": f.Story, "kind": f.Kind, "person": f.Person,
		"speaker": f.Speaker, "source": f.Source, "from": f.From, "to": f.To} {
		if v != "" {
			q.Set(name, v)
		}
	}
	return q.Encode()
}

// ExportLink is the address of an export (events, quotes, articles) or of
// a JSON view with the page's filters. Built here rather than in the
// template, which would escape the query's & and = as data.
// Quote exports drop the event kind and actor filters, which mean other
// things for quotes.
func (v StoryView) ExportLink(path string) string {
	q := v.FilterQuery
	if strings.Contains(path, "quotes") {
		f := v.Filter
		f.Story, f.Kind, f.Person = v.Story.Slug, "", ""
		q = FilterQuery(f)
	}
	if q == "" {
		return path
	}
	return path + "?" + q
}

// EmbedURL is the absolute address of a story embed.
func (v StoryView) EmbedURL(chart string) string {
	p := v.BaseURL + "/embed/stories/" + url.PathEscape(v.Story.Slug)
	if chart != "" {
		p += "/" + chart
	}
	return p
}

// EmbedSnippet is the HTML a reader copies to embed the story elsewhere:
// an iframe, and a few lines that resize it when the embed reports its
// height with postMessage.
func (v StoryView) EmbedSnippet(chart string) string {
	u := v.EmbedURL(chart)
	return `<iframe src="` + u + `" title="` + htmlAttr(v.Story.Title) +
		`" style="width:100%;border:0" height="480" loading="lazy"></iframe>
` + heightListener
}

// htmlAttr escapes s for a double-quoted attribute in a snippet the reader
// copies (the page itself escapes the whole snippet again).
func htmlAttr(s string) string {
	r := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			r = append(r, "&amp;"...)
		case '"':
			r = append(r, "&quot;"...)
		case '<':
			r = append(r, "&lt;"...)
		case '>':
			r = append(r, "&gt;"...)
		default:
			r = append(r, c)
		}
	}
	return string(r)
}

// ParseRules reads a story's rules; broken JSON reads as no rules.
func ParseRules(s string) models.StoryRules {
	var r models.StoryRules
	_ = jsonUnmarshal(s, &r)
	return r
}

// EventPath is the permalink of an event.
func EventPath(id uint) string { return "/events/" + strconv.FormatUint(uint64(id), 10) }
