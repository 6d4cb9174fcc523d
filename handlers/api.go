package handlers

import (
	"encoding/json"
	"html"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"dateline/models"
	"dateline/views"
)

// storyJSON is a story as the API shows it: rules as an object.
type storyJSON struct {
	Slug        string            `json:"slug"`
	Title       string            `json:"title"`
	Description string            `json:"description"`
	Rules       models.StoryRules `json:"rules"`
	URL         string            `json:"url"`
	CreatedAt   time.Time         `json:"created_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
}

func toStoryJSON(st models.Story) storyJSON {
	return storyJSON{Slug: st.Slug, Title: st.Title, Description: st.Description, Rules: views.ParseRules(st.Rules),
		URL: "/stories/" + st.Slug, CreatedAt: st.CreatedAt, UpdatedAt: st.UpdatedAt}
}

func encodeRules(r models.StoryRules) string {
	b, _ := json.Marshal(r) // plain strings: cannot fail
	return string(b)
}

// apiStories lists the stories.
func (a *app) apiStories(c *gin.Context) {
	stories, err := a.st.Stories(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	out := make([]storyJSON, len(stories))
	for i, st := range stories {
		out[i] = toStoryJSON(st)
	}
	c.JSON(http.StatusOK, gin.H{"stories": out})
}

// apiStory is one story with its event count and its speakers (quotes of
// the attached articles and of the latest events' sentences).
func (a *app) apiStory(c *gin.Context) {
	st, err := a.st.StoryBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return
	}
	n, err := a.st.TimelineCount(c.Request.Context(), st, models.Filter{})
	if err != nil {
		a.fail(c, err)
		return
	}
	entries, err := a.st.Timeline(c.Request.Context(), st, models.Filter{Limit: maxStoryEntries})
	if err != nil {
		a.fail(c, err)
		return
	}
	counts, err := a.st.StorySpeakers(c.Request.Context(), st, entries, true)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"story": toStoryJSON(st), "events": n, "speakers": counts,
		"links": gin.H{"events": "/api/stories/" + st.Slug + "/events", "timelinejs": "/api/stories/" + st.Slug + "/timelinejs",
			"csv": "/export/events.csv?story=" + st.Slug, "embed": "/embed/stories/" + st.Slug}})
}

// apiStoryEvents is a story's timeline (with the page filters) as JSON, a
// page at a time: the latest ?limit= events (default 200, at most 10000)
// before the event ?before= (none: the latest of all), oldest first. When
// there are older ones, "truncated" is true and "next" is the URL of the
// page before this one; /export/events.csv has them all at once. Each event
// carries its first models.EntrySources sources and source_count, the
// number of all.
func (a *app) apiStoryEvents(c *gin.Context) {
	st, f, ok := a.storyAndFilter(c)
	if !ok {
		return
	}
	f.Story = ""
	limit := queryLimit(c, 200, 10000)
	f.Limit = limit + 1
	if b := c.Query("before"); b != "" {
		id, err := strconv.ParseUint(b, 10, 64)
		if err != nil || id == 0 {
			a.fail(c, models.Errorf(models.EINVALID, "before must be an event id, not %q", b))
			return
		}
		f.Before = uint(id)
	}
	entries, err := a.st.Timeline(c.Request.Context(), st, f)
	if err != nil {
		a.fail(c, err)
		return
	}
	truncated := len(entries) >= f.Limit
	res := gin.H{"story": toStoryJSON(st), "truncated": truncated}
	if truncated {
		entries = entries[1:] // the oldest; the latest are kept
		q := c.Request.URL.Query()
		q.Set("before", strconv.FormatUint(uint64(entries[0].Event.ID), 10))
		q.Set("limit", strconv.Itoa(limit))
		res["next"] = c.Request.URL.Path + "?" + q.Encode()
	}
	if entries == nil {
		entries = []models.TimelineEntry{}
	}
	res["events"] = entries
	c.JSON(http.StatusOK, res)
}

// apiQuotes lists quotes with the page filters; limit defaults to 100, at most 1000.
func (a *app) apiQuotes(c *gin.Context) {
	f, err := filterFrom(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	f.Limit = queryLimit(c, 100, 1000)
	quotes, err := a.st.Quotes(c.Request.Context(), f)
	if err != nil {
		a.fail(c, err)
		return
	}
	if quotes == nil {
		quotes = []models.Quote{}
	}
	c.JSON(http.StatusOK, gin.H{"quotes": quotes})
}

// queryLimit reads ?limit=, defaulting to def and capped at most.
func queryLimit(c *gin.Context, def, most int) int {
	if n, err := strconv.Atoi(c.Query("limit")); err == nil && n > 0 {
		return min(n, most)
	}
	return def
}

// apiPeople lists people with their quote counts.
func (a *app) apiPeople(c *gin.Context) {
	people, err := a.st.People(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	if people == nil {
		people = []models.PersonSummary{}
	}
	c.JSON(http.StatusOK, gin.H{"people": people})
}

// TimelineJS types (Knight Lab's JSON format).
type (
	tlText struct {
		Headline string `json:"headline"`
		Text     string `json:"text,omitempty"`
	}
	tlDate struct {
		Year        string `json:"year"`
		Month       string `json:"month,omitempty"`
		Day         string `json:"day,omitempty"`
		Hour        string `json:"hour,omitempty"`
		Minute      string `json:"minute,omitempty"`
		DisplayDate string `json:"display_date,omitempty"`
	}
	tlEvent struct {
		StartDate   tlDate `json:"start_date"`
		DisplayDate string `json:"display_date"`
		Text        tlText `json:"text"`
		Group       string `json:"group,omitempty"`
		UniqueID    string `json:"unique_id"`
	}
	tlTimeline struct {
		Title  tlEvent   `json:"title"`
		Events []tlEvent `json:"events"`
	}
)

// apiTimelineJS is a story in Knight Lab TimelineJS format. Only the date
// parts the text supports are given (a month-precise event has no day);
// display_date says "week of" or "c." where the date is a week or coarser
// than its parts; unique_id is our event id. TimelineJS renders text as
// HTML, so every text is HTML-escaped here.
func (a *app) apiTimelineJS(c *gin.Context) {
	st, err := a.st.StoryBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		a.fail(c, err)
		return
	}
	// TimelineJS slows down past a few thousand slides: the latest 2000.
	entries, err := a.st.Timeline(c.Request.Context(), st, models.Filter{Limit: 2000})
	if err != nil {
		a.fail(c, err)
		return
	}
	out := tlTimeline{Title: tlEvent{Text: tlText{Headline: html.EscapeString(st.Title), Text: html.EscapeString(st.Description)},
		UniqueID: "story-" + st.Slug}, Events: []tlEvent{}}
	for _, en := range entries {
		if ev, ok := timelineJSEvent(en); ok {
			out.Events = append(out.Events, ev)
		}
	}
	c.JSON(http.StatusOK, out)
}

func timelineJSEvent(en models.TimelineEntry) (tlEvent, bool) {
	e := en.Event
	t, ok := views.ParseDate(e.Date, e.Granularity)
	if !ok {
		return tlEvent{}, false
	}
	display := views.DisplayDate(e.Date, e.Granularity)
	d := tlDate{Year: strconv.Itoa(t.Year())}
	switch e.Granularity {
	case models.GranTime:
		d.Hour, d.Minute = strconv.Itoa(t.Hour()), strconv.Itoa(t.Minute())
		fallthrough
	case models.GranDay, models.GranWeek:
		d.Day = strconv.Itoa(t.Day())
		fallthrough
	case models.GranMonth:
		d.Month = strconv.Itoa(int(t.Month()))
	case models.GranQuarter:
		display = "c. " + display
	}
	d.DisplayDate = display
	var body string
	for _, q := range en.Quotes {
		who := "unattributed"
		if q.Speaker != nil {
			who = q.Speaker.Name
		}
		body += "<p>“" + html.EscapeString(q.Text) + "” (" + html.EscapeString(who) + ")</p>"
	}
	for _, s := range e.Sources {
		if s.Article != nil && s.Article.Source != nil {
			body += "<p><small>" + html.EscapeString(s.Article.Source.Name) + "</small></p>"
		}
	}
	// A timeline entry carries only its first sources.
	if n := en.SourceCount - len(e.Sources); n > 0 {
		body += "<p><small>and " + strconv.Itoa(n) + " more sources</small></p>"
	}
	return tlEvent{StartDate: d, DisplayDate: display, Text: tlText{Headline: html.EscapeString(e.Summary), Text: body},
		Group: e.Kind, UniqueID: strconv.FormatUint(uint64(e.ID), 10)}, true
}
