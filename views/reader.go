package views

import (
	"html"
	"html/template"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dateline/models"
)

// The reader's view of a story (issue 18): its key events first, then the
// whole story, filtered and searched over all its events (the store's
// digest), a page of compact rows at a time.

// ReaderPage is how many rows of the story's timeline one page lists.
const ReaderPage = 200

// KeyEvents is how many key events the view leads with (pinned ones come
// on top of these).
const KeyEvents = 8

// maxTerms and maxTermLen bound a search inside a story.
const maxTerms, maxTermLen = 8, 64

// ReaderQuery is what a reader asked of a story: facets, search and page.
type ReaderQuery struct {
	Kind, Actor, Outlet, Month, Q string
	From, To                      string // YYYY-MM-DD, inclusive
	Page                          int
}

// Filtered says whether the query narrows the story.
func (q ReaderQuery) Filtered() bool {
	return q.Kind != "" || q.Actor != "" || q.Outlet != "" || q.Month != "" || q.Q != "" || q.From != "" || q.To != ""
}

// values writes the query as URL values (without the page).
func (q ReaderQuery) values() url.Values {
	v := url.Values{}
	for name, s := range map[string]string{"kind": q.Kind, "actor": q.Actor, "outlet": q.Outlet, "month": q.Month, "q": q.Q,
		"from": q.From, "to": q.To} {
		if s != "" {
			v.Set(name, s)
		}
	}
	return v
}

// ReaderEvent is one event of the digest ready for the page.
type ReaderEvent struct {
	models.EventDigest
	When  string
	score int
}

// ReportLine is "reported by 181 articles from 12 outlets, first on 1 Aug
// 2025 10:00".
func (e ReaderEvent) ReportLine() string {
	s := "reported by " + plural(e.Articles, "article", "articles")
	if n := len(e.Outlets); n > 0 {
		s += " from " + plural(n, "outlet", "outlets")
	}
	if e.FirstAt != nil {
		s += ", first on " + e.FirstAt.UTC().Format("2 Jan 2006 15:04")
	}
	return s
}

// OutletsShown names the event's first n outlets, each once.
func (e ReaderEvent) OutletsShown(n int) string {
	if len(e.Outlets) <= n {
		return strings.Join(e.Outlets, ", ")
	}
	return strings.Join(e.Outlets[:n], ", ") + " and " + plural(len(e.Outlets)-n, "more outlet", "more outlets")
}

// FacetOption is one choice of a facet menu with the number of the story's
// events it keeps.
type FacetOption struct {
	Value    string
	Label    string
	Count    int
	Selected bool
}

// MonthGroup is one month of the listed rows: events dated to a week, a
// month or coarser in its Band, the others by day.
type MonthGroup struct {
	Heading string
	Band    []ReaderEvent
	Days    []ReaderDay
}

// ReaderDay is the rows of one day.
type ReaderDay struct {
	Heading string
	Events  []ReaderEvent
}

// ReaderView is the model of the reader's part of a story page.
type ReaderView struct {
	Query ReaderQuery
	// Span is the story's first and last reported day ("" when it has no
	// dated event); Events counts all its events, Ahead excluded or not.
	First, Last string
	Events      int
	Articles    int        // reports of all events, not distinct articles
	Updated     *time.Time // the newest report of any event
	Key         []ReaderEvent
	Ahead       []ReaderEvent
	AheadCount  int
	// Background are the events dated long before the story's first
	// report (splitBackground), listed apart like the ahead ones.
	Background      []ReaderEvent
	BackgroundCount int
	Kinds           []FacetOption
	Actors          []FacetOption
	Outlets         []FacetOption
	Months          []FacetOption
	Matches         int // events that pass the query (ahead ones not counted)
	From, To        int // the rows listed, 1-based, of Matches
	Groups          []MonthGroup
	Prev, Next      string // query strings of the neighbouring pages
	// Editor says the reader may pin and hide (the handler decides): the
	// rows then carry the forms, posting to the story Slug with CSRF.
	Editor     bool
	Slug, CSRF string
	Back       string // the page's own address, where pin and hide come back to
	terms      *regexp.Regexp
	words      []string
	soon       time.Time     // the ahead events up to it go on the chart
	story      []ReaderEvent // the past events, background out: the overview's
}

// aheadCharted is how far past now the timeline chart draws ahead events:
// a meeting set for next month shows; one "in 2027" does not stretch the axis.
const aheadCharted = 60 * 24 * time.Hour

// NewReaderView weighs, filters and pages a story's digest for query q at
// now. The digest is ordered by date.
func NewReaderView(digest []models.EventDigest, q ReaderQuery, now time.Time) ReaderView {
	v := ReaderView{Query: q, Events: len(digest), terms: termsPattern(q.Q), words: termWords(q.Q)}
	var past, ahead []ReaderEvent
	for _, d := range digest {
		e := ReaderEvent{EventDigest: d, When: DisplayDate(d.Date, d.Granularity), score: score(d)}
		v.Articles += d.Articles
		if d.LastAt != nil && (v.Updated == nil || d.LastAt.After(*v.Updated)) {
			v.Updated = d.LastAt
		}
		if isAhead(d, now) {
			ahead = append(ahead, e)
			continue
		}
		past = append(past, e)
	}
	back, past := splitBackground(past)
	v.story = past
	v.span(past)
	v.Key = keyEvents(past, append(back, ahead...))
	v.facets(append(append(append([]ReaderEvent(nil), back...), past...), ahead...))
	var matched []ReaderEvent
	for _, e := range past {
		if v.keeps(e) {
			matched = append(matched, e)
		}
	}
	v.soon = now.Add(aheadCharted)
	v.Ahead, v.AheadCount = v.lane(ahead)
	v.Background, v.BackgroundCount = v.lane(back)
	v.page(matched)
	return v
}

// laneSize is the most events the ahead and background lanes list.
const laneSize = 20

// lane keeps the events of a lane that pass the query: the first laneSize
// of them, and how many pass.
func (v *ReaderView) lane(events []ReaderEvent) ([]ReaderEvent, int) {
	var out []ReaderEvent
	n := 0
	for _, e := range events {
		if v.keeps(e) {
			n++
			if len(out) < laneSize {
				out = append(out, e)
			}
		}
	}
	return out, n
}

// splitBackground takes from the past events (in date order) those dated
// more than background before the story's first report: "the 1994
// memorandum", or a stray year read as a date. Pinned ones stay.
func splitBackground(past []ReaderEvent) (back, story []ReaderEvent) {
	var firstReport *time.Time
	for _, e := range past {
		if e.FirstAt != nil && (firstReport == nil || e.FirstAt.Before(*firstReport)) {
			firstReport = e.FirstAt
		}
	}
	if firstReport == nil {
		return nil, past
	}
	for _, e := range past {
		if !e.Pinned && !e.SortAt.IsZero() && e.SortAt.Before(firstReport.Add(-background)) {
			back = append(back, e)
		} else {
			story = append(story, e)
		}
	}
	return back, story
}

// background is how long before a story's first report an event may be
// dated and still be part of the story: older ones ("the 1994
// memorandum") are background, listed apart, not where the story starts.
const background = 365 * 24 * time.Hour

// span sets the story's first and last reported day from the past events
// (ordered by date, background taken out); events dated to a day or finer
// bound it when there are any ("2 Jul – 19 Jul 2025", not "Jul 2025 –").
func (v *ReaderView) span(past []ReaderEvent) {
	var first, last *ReaderEvent
	for _, fine := range []bool{true, false} {
		for i := range past {
			e := &past[i]
			if e.Granularity == models.GranUnknown || e.SortAt.IsZero() || fine && coarse(e.Granularity) {
				continue
			}
			if first == nil {
				first = e
			}
			last = e
		}
		if first != nil {
			v.First, v.Last = DisplayDate(first.Date, first.Granularity), DisplayDate(last.Date, last.Granularity)
			return
		}
	}
}

// score weighs an event for the key events: independent outlets first,
// then deadlines, then the number of reports.
func score(d models.EventDigest) int {
	s := 100 * len(d.Outlets)
	if d.Kind == models.KindDeadline || d.Kind == models.KindUltimatum {
		s += 150
	}
	return s + min(d.Articles, 99)
}

// speculativeWords mark an event that is only expected ("a meeting could
// take place in April"): it goes ahead, not among what happened. The
// words before "to" count only followed by it ("expected to", "plans to").
var speculativeWords = map[string]bool{"could": true, "might": true, "may": true, "would": true, "possible": true}
var speculativeBeforeTo = map[string]bool{"expected": true, "plan": true, "plans": true, "likely": true, "is": true, "are": true}

// speculative says whether a summary foresees rather than reports.
func speculative(summary string) bool {
	words := strings.FieldsFunc(strings.ToLower(summary), func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range words {
		if speculativeWords[w] || speculativeBeforeTo[w] && i+1 < len(words) && words[i+1] == "to" {
			return true
		}
	}
	return false
}

// isAhead says whether an event belongs in the ahead lane: dated after now,
// or only foreseen. Deadlines stay in the story's timeline, due or not:
// they are set, not foreseen, and the story turns on them.
func isAhead(d models.EventDigest, now time.Time) bool {
	if d.Kind == models.KindDeadline || d.Kind == models.KindUltimatum {
		return false
	}
	return d.SortAt.After(now) || speculative(d.Summary)
}

// keyEvents picks the pinned events and the KeyEvents best weighed of the
// past ones (the earlier of equals), in date order, pinned first. It picks
// by index, so a story of thousands of events sorts no events.
func keyEvents(past, ahead []ReaderEvent) []ReaderEvent {
	var pinned []ReaderEvent
	for _, list := range [][]ReaderEvent{past, ahead} {
		for _, e := range list {
			if e.Pinned {
				pinned = append(pinned, e)
			}
		}
	}
	var top []int // indexes into past, best first
	for i, e := range past {
		if e.Pinned {
			continue
		}
		at := len(top)
		for at > 0 && past[top[at-1]].score < e.score {
			at--
		}
		if at < KeyEvents {
			top = slices.Insert(top, at, i)
			top = top[:min(len(top), KeyEvents)]
		}
	}
	slices.Sort(top) // past is in date order
	for _, i := range top {
		pinned = append(pinned, past[i])
	}
	return pinned
}

// monthOf is the YYYY-MM of an event, "" when undated.
func monthOf(e ReaderEvent) string {
	if e.SortAt.IsZero() || e.Granularity == models.GranUnknown {
		return ""
	}
	return e.SortAt.UTC().Format("2006-01")
}

// facets counts the story's events by kind, actor, outlet and month.
func (v *ReaderView) facets(all []ReaderEvent) {
	kinds, actors, outlets, months := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, e := range all {
		kinds[e.Kind]++
		for _, a := range splitActors(e.Actors) {
			actors[a]++
		}
		for _, o := range e.Outlets {
			outlets[o]++
		}
		months[monthOf(e)]++
	}
	v.Kinds = options(kinds, v.Query.Kind, nil, true)
	v.Actors = options(actors, v.Query.Actor, nil, true)
	v.Outlets = options(outlets, v.Query.Outlet, nil, true)
	v.Months = options(months, v.Query.Month, monthLabel, false)
}

// options lists a facet's values, most events first (byCount) or by value.
func options(counts map[string]int, selected string, label func(string) string, byCount bool) []FacetOption {
	out := make([]FacetOption, 0, len(counts))
	for val, n := range counts {
		if val == "" {
			continue
		}
		l := val
		if label != nil {
			l = label(val)
		}
		out = append(out, FacetOption{Value: val, Label: l, Count: n, Selected: val == selected})
	}
	sort.Slice(out, func(i, j int) bool {
		if byCount && out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}

func monthLabel(ym string) string {
	t, err := time.Parse("2006-01", ym)
	if err != nil {
		return ym
	}
	return t.Format("January 2006")
}

// keeps says whether an event passes the view's query.
func (v *ReaderView) keeps(e ReaderEvent) bool {
	q := v.Query
	if q.Kind != "" && e.Kind != q.Kind || q.Month != "" && monthOf(e) != q.Month {
		return false
	}
	if day := e.SortAt.UTC().Format("2006-01-02"); q.From != "" && day < q.From || q.To != "" && day > q.To {
		return false
	}
	if q.Actor != "" && !containsFold(splitActors(e.Actors), q.Actor) {
		return false
	}
	if q.Outlet != "" && !containsFold(e.Outlets, q.Outlet) {
		return false
	}
	return matchesAll(v.words, e.Summary+" \x00 "+e.Actors)
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// searchTerms splits a search into at most maxTerms words of at most
// maxTermLen runes each.
func searchTerms(q string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToValidUTF8(q, "")) {
		if r := []rune(w); len(r) > maxTermLen {
			w = string(r[:maxTermLen])
		}
		out = append(out, w)
		if len(out) == maxTerms {
			break
		}
	}
	return out
}

// wordStart is what may come before a search word: the text's start or a
// character that is neither a letter nor a digit. A word matches where a
// word of the text starts ("round 12" finds "Round 12" and "Round 120",
// not "Round 112").
const wordStart = `(?:^|[^\pL\pN])`

// termsPattern is a case-blind pattern matching any of the search's words
// as they are (no pattern syntax) where a word starts, the word itself its
// first group; nil for no search.
func termsPattern(q string) *regexp.Regexp {
	terms := searchTerms(q)
	if len(terms) == 0 {
		return nil
	}
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = regexp.QuoteMeta(t)
	}
	return regexp.MustCompile(`(?i)` + wordStart + `(` + strings.Join(quoted, "|") + `)`)
}

// termWords are the search's words in lower case.
func termWords(q string) []string {
	words := searchTerms(q)
	for i, w := range words {
		words[i] = strings.ToLower(w)
	}
	return words
}

// matchesAll says whether text holds every one of the words (in lower
// case) where a word of the text starts, as wordStart says.
func matchesAll(words []string, text string) bool {
	if len(words) == 0 {
		return true
	}
	text = strings.ToLower(text)
	for _, w := range words {
		if !startsWord(text, w) {
			return false
		}
	}
	return true
}

// startsWord says whether w occurs in text at a word's start.
func startsWord(text, w string) bool {
	for from := 0; from <= len(text); {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return false
		}
		i += from
		if r, _ := utf8.DecodeLastRuneInString(text[:i]); i == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
		from = i + 1
	}
	return false
}

// Mark writes text escaped, with the search's words inside <mark>: the
// only markup it adds is its own.
func (v ReaderView) Mark(text string) template.HTML {
	if v.terms == nil {
		return template.HTML(html.EscapeString(text))
	}
	var b strings.Builder
	last := 0
	for _, m := range v.terms.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(html.EscapeString(text[last:m[2]]))
		b.WriteString("<mark>" + html.EscapeString(text[m[2]:m[3]]) + "</mark>")
		last = m[3]
	}
	b.WriteString(html.EscapeString(text[last:]))
	return template.HTML(b.String())
}

// coarse says whether an event is dated to a week or coarser: it goes in
// its month's band, not under a day.
func coarse(gran string) bool {
	switch gran {
	case models.GranWeek, models.GranMonth, models.GranQuarter, models.GranYear:
		return true
	}
	return false
}

// page lists the query's page of the matched events by month and day.
func (v *ReaderView) page(matched []ReaderEvent) {
	v.Matches = len(matched)
	p := max(v.Query.Page, 1)
	from := min((p-1)*ReaderPage, len(matched))
	to := min(from+ReaderPage, len(matched))
	if from < to {
		v.From, v.To = from+1, to
	}
	for _, e := range matched[from:to] {
		v.add(e)
	}
	vals := v.Query.values()
	if p > 1 {
		vals.Set("page", strconv.Itoa(p-1))
		v.Prev = vals.Encode()
	}
	if to < len(matched) {
		vals.Set("page", strconv.Itoa(p+1))
		v.Next = vals.Encode()
	}
}

// add puts one row in its month and day (or its month's band).
func (v *ReaderView) add(e ReaderEvent) {
	month := "Undated"
	if m := monthOf(e); m != "" {
		month = monthLabel(m)
	}
	if n := len(v.Groups); n == 0 || v.Groups[n-1].Heading != month {
		v.Groups = append(v.Groups, MonthGroup{Heading: month})
	}
	g := &v.Groups[len(v.Groups)-1]
	if coarse(e.Granularity) || month == "Undated" {
		g.Band = append(g.Band, e)
		return
	}
	day := DayKey(e.Date, e.Granularity)
	if n := len(g.Days); n == 0 || g.Days[n-1].Heading != day {
		g.Days = append(g.Days, ReaderDay{Heading: day})
	}
	g.Days[len(g.Days)-1].Events = append(g.Days[len(g.Days)-1].Events, e)
}

// KeyIDs are the ids of the key events, for loading their full entries.
func (v ReaderView) KeyIDs() []uint {
	ids := make([]uint, len(v.Key))
	for i, e := range v.Key {
		ids[i] = e.ID
	}
	return ids
}

// ListedIDs are the ids of the listed rows.
func (v ReaderView) ListedIDs() []uint {
	var ids []uint
	for _, g := range v.Groups {
		for _, e := range g.Band {
			ids = append(ids, e.ID)
		}
		for _, d := range g.Days {
			for _, e := range d.Events {
				ids = append(ids, e.ID)
			}
		}
	}
	return ids
}

// KeyEntry is a key event with the quotes of its first reports.
type KeyEntry struct {
	ReaderEvent
	Quotes []models.Quote
}

// ReaderStory is the model of the story page: the story's panels and the
// reader's view of its events.
type ReaderStory struct {
	StoryView
	Reader   ReaderView
	Keys     []KeyEntry
	Overview Chart // the whole story by period and kind (ReaderView.Overview)
}

// SetKeys pairs the key events with their loaded entries (by id).
func (r *ReaderStory) SetKeys(entries []models.TimelineEntry) {
	byID := make(map[uint]models.TimelineEntry, len(entries))
	for _, en := range entries {
		byID[en.Event.ID] = en
	}
	for _, e := range r.Reader.Key {
		r.Keys = append(r.Keys, KeyEntry{ReaderEvent: e, Quotes: byID[e.ID].Quotes})
	}
}

// ListedEntries are the listed rows and the ahead events of the next
// aheadCharted as bare timeline entries (no sources or quotes), for the
// timeline chart.
func (v ReaderView) ListedEntries() []models.TimelineEntry {
	var out []models.TimelineEntry
	add := func(e ReaderEvent) {
		out = append(out, models.TimelineEntry{Event: models.Event{ID: e.ID, Date: e.Date, Granularity: e.Granularity,
			SortAt: e.SortAt, Kind: e.Kind, Summary: e.Summary, Actors: e.Actors}, Pinned: e.Pinned, SourceCount: e.Articles})
	}
	for _, g := range v.Groups {
		for _, e := range g.Band {
			add(e)
		}
		for _, d := range g.Days {
			for _, e := range d.Events {
				add(e)
			}
		}
	}
	for _, e := range v.Ahead {
		if !e.SortAt.After(v.soon) && !e.SortAt.IsZero() {
			add(e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Event.SortAt.Before(out[j].Event.SortAt) })
	return out
}

// OutletNames are the story's outlets, for an embed's credit line.
func (v ReaderView) OutletNames() []string {
	out := make([]string, len(v.Outlets))
	for i, o := range v.Outlets {
		out[i] = o.Value
	}
	sort.Strings(out)
	return out
}

// FacetMenu is one facet's select for the template.
type FacetMenu struct {
	Label, Name, Any string
	Options          []FacetOption
}

func facetMenu(label, name, anyLabel string, opts []FacetOption) FacetMenu {
	return FacetMenu{Label: label, Name: name, Any: anyLabel, Options: opts}
}

// Row is one listed event with the view that marks the search in it.
type Row struct {
	View  ReaderView
	Event ReaderEvent
}

func rowOf(v ReaderView, e ReaderEvent) Row { return Row{View: v, Event: e} }

// Filter is the query as the exports' filter for story slug: a month is
// its first to its last day.
func (q ReaderQuery) Filter(slug string) models.Filter {
	f := models.Filter{Story: slug, Kind: q.Kind, Person: q.Actor, Source: q.Outlet}
	f.From, f.To = q.From, q.To
	if t, err := time.Parse("2006-01", q.Month); err == nil {
		f.From, f.To = t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02")
	}
	return f
}

// DigestOf weighs loaded timeline entries as a digest (their carried
// sources only): for pages built from entries rather than the store's digest.
func DigestOf(entries []models.TimelineEntry) []models.EventDigest {
	out := make([]models.EventDigest, len(entries))
	for i, en := range entries {
		ev := en.Event
		d := models.EventDigest{ID: ev.ID, Date: ev.Date, Granularity: ev.Granularity, SortAt: ev.SortAt, Kind: ev.Kind,
			Summary: ev.Summary, Actors: ev.Actors, Pinned: en.Pinned, Articles: max(en.SourceCount, len(ev.Sources))}
		for _, o := range (EntryView{TimelineEntry: en}).Outlets() {
			d.Outlets = append(d.Outlets, o.Name)
		}
		out[i] = d
	}
	return out
}

// Under makes the page links addresses under path (the story page's).
func (v *ReaderView) Under(path string) {
	for _, l := range []*string{&v.Prev, &v.Next} {
		if *l != "" {
			*l = path + "?" + *l + "#all-events"
		}
	}
}
