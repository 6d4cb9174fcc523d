package views

import (
	"net/http"
	"sort"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"dateline/models"
)

// HomeView is the model of the front page.
type HomeView struct {
	// Cards are the stories, most recently reported first (StoryCards).
	Cards []StoryCard
	// More is how many stories the page leaves out.
	More int
}

// StoryFormView is the model of the story create and edit forms.
type StoryFormView struct {
	Story      models.Story
	Rules      models.StoryRules
	IsNew      bool
	NeedsToken bool
	Error      string
	Hidden     []models.Event
	Feeds      []models.Feed // the story's feeds with their status, when FeedsShown
	FeedsShown bool          // only to a signed-in admin, who manages them
	FeedForm   FeedFormView  // the add-a-feed form, refilled when refused
	CanPoll    bool          // the server polls a feed now on request
	// History is the latest editors' changes within the story (signed-in
	// editors only), newest first.
	History []StoryChange
}

// EmbedChartView is the model of a one-chart embed.
type EmbedChartView struct {
	View  StoryView
	Which string // "timeline" or "speakers"
}

// EventView is the model of an event's permalink page.
type EventView struct {
	Event    models.Event
	Quotes   []models.Quote
	Deadline []DeadlineView
	Stories  []models.Story
	// Sources are numbered From to To of SourceCount; Prev and Next are
	// the links to the pages of sources around this one, when there are.
	From, To, SourceCount int
	Prev, Next            string
	// Corrections are the editors' logged changes, oldest first.
	Corrections []Correction
	// Evidence is each distinct sentence reporting the event once, of
	// Sentences in all (the handler fills both).
	Evidence  []models.Evidence
	Sentences int
}

// SearchView is the model of the search page.
type SearchView struct {
	Q      string
	Quotes []models.Quote
	Events []models.Event
}

// ErrorView is the model of the error page.
type ErrorView struct {
	Status  int
	Heading string
	Message string
}

// NewErrorView titles an error page for its status.
func NewErrorView(status int, message string) ErrorView {
	h := "Something went wrong"
	switch status {
	case http.StatusNotFound:
		h = "Not found"
	case http.StatusBadRequest:
		h = "That request did not make sense"
	case http.StatusForbidden:
		h = "Not allowed"
	case http.StatusConflict:
		h = "That already exists"
	}
	return ErrorView{Status: status, Heading: h, Message: message}
}

// NewEventView builds an event page, with its deadline panel against now.
// entry's sources are page number page of sources, per to a page.
func NewEventView(entry models.TimelineEntry, stories []models.Story, page, per int, now time.Time) EventView {
	ev := entry.Event
	v := EventView{Event: ev, Quotes: entry.Quotes, Stories: stories, SourceCount: entry.SourceCount}
	if len(ev.Sources) > 0 {
		v.From, v.To = (page-1)*per+1, (page-1)*per+len(ev.Sources)
	}
	if page > 1 {
		v.Prev = EventPath(ev.ID) + "?page=" + itoa(uint(page-1))
	}
	if v.To < v.SourceCount {
		v.Next = EventPath(ev.ID) + "?page=" + itoa(uint(page+1))
	}
	if d, ok := deadlineOf(ev, now); ok {
		v.Deadline = []DeadlineView{d}
	}
	return v
}

// ArticleView is the model of an article page: its text cut into
// highlighted segments, and the events and quotes found in it.
type ArticleView struct {
	Article  models.Article
	Segments []Segment
	Events   []models.Event
	Quotes   []models.Quote
}

// NewArticleView highlights the sentences reporting events and the quoted
// words of an article, from the offsets stored for this article.
func NewArticleView(a models.Article, events []models.Event, quotes []models.Quote) ArticleView {
	var spans []Span
	for _, ev := range events {
		for _, src := range ev.Sources {
			if src.ArticleID == a.ID {
				spans = append(spans, Span{Start: src.Start, End: src.End, Class: "event",
					Title: DisplayDate(ev.Date, ev.Granularity) + ": " + ev.Summary, Href: EventPath(ev.ID)})
			}
		}
	}
	for _, q := range quotes {
		who := "unattributed"
		if q.Speaker != nil {
			who = q.Speaker.Name
		}
		for _, ap := range q.Appearances {
			if ap.ArticleID == a.ID {
				spans = append(spans, Span{Start: ap.Start, End: ap.End, Class: "quote", Title: who,
					Href: "#quote-" + itoa(q.ID)})
			}
		}
	}
	return ArticleView{Article: a, Segments: Highlight(a.Body, spans), Events: events, Quotes: quotes}
}

// PersonView is the model of a person's page.
type PersonView struct {
	Person models.Person
	Quotes []models.Quote
	PerDay []DayCount
	Chart  Chart
}

// DayCount is the number of quotes on one day.
type DayCount struct {
	Day   string
	Count int
}

// NewPersonView counts a person's quotes by day (quotes with no known date
// are left out of the chart, not out of the list) and charts them.
func NewPersonView(p models.Person, quotes []models.Quote) PersonView {
	counts := map[string]int{}
	for _, q := range quotes {
		if q.PlacedAt != nil {
			counts[q.PlacedAt.UTC().Format("2006-01-02")]++
		}
	}
	v := PersonView{Person: p, Quotes: quotes}
	for d, n := range counts {
		v.PerDay = append(v.PerDay, DayCount{Day: d, Count: n})
	}
	sort.Slice(v.PerDay, func(i, j int) bool { return v.PerDay[i].Day < v.PerDay[j].Day })
	days := make([]string, len(v.PerDay))
	data := make([]opts.BarData, len(v.PerDay))
	for i, d := range v.PerDay {
		days[i], data[i] = d.Day, opts.BarData{Name: d.Day, Value: d.Count}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
		charts.WithDataZoomOpts(opts.DataZoom{Type: "inside"}),
		charts.WithAnimation(false))
	bar.SetXAxis(days).AddSeries("quotes", data, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#b3261e"}))
	bar.Validate()
	v.Chart = Chart{ID: "person-chart", Kind: "speakers", Option: bar.JSON(), Empty: len(days) == 0}
	return v
}

// toolsData is what the editor's controls of one entry need: the pin and
// hide buttons, the CAMEO code, and the address to come back to.
type toolsData struct {
	Editor           bool
	Slug, CSRF, Back string
	ID               uint
	Pinned           bool
	Cameo            string
}

func tools(p *Page, slug string, e EntryView) toolsData {
	return toolsData{Editor: p.Editor, Slug: slug, CSRF: p.CSRF, Back: p.Here, ID: e.Event.ID,
		Pinned: e.Pinned, Cameo: e.Event.Cameo}
}

// LoginView is the model of the sign-in page.
type LoginView struct {
	Next     string // where to go after signing in
	Username string
	Error    string
	Off      bool // this server has no accounts to sign in to
}

func itoa(n uint) string { return id(n) }
