// Package threads joins a story's deadline reports into deadline threads:
// one per deadline (who set it, on whom, for what) or per truce, with the
// history of its changes across articles and outlets, and its status at a
// reader's now. It is pure: the store gives it reports, the handlers the
// clock.
//
// A report is one article's sentence about a deadline, ultimatum or the
// end of a truce or pause (events of kind deadline, ultimatum, expiry),
// with what it did to it (models.Deadline.Change). Reports join a thread
// when they name the same setter and target (or one side is unknown) or,
// for truces, the same thing that expires; a report naming neither joins
// the story's latest open thread of its kind. Within a thread, changes are
// ordered by the day they were made; a report that only "sets" a due date
// other than the thread's is a change of it: shortened when earlier,
// extended when later, reaffirmed when the same.
package threads

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"dateline/models"
)

// Report is one article's report of a deadline change.
type Report struct {
	EventID     uint
	Kind        string // models.KindDeadline, KindUltimatum or KindExpiry
	Due         string // the due date the report gives (the event's date)
	DueEnd      string // the end of a due range, "" for none
	Granularity string
	SetBy       string
	Target      string
	Demand      string
	Consequence string
	Subject     string // what expires, for expiry reports
	Change      string // models.Deadline* change, "" read as set
	On          string // the day the change was made when the text says so
	ExtendDays  int    // an extension given as a length ("by 90 days"), no new date
	ArticleID   uint
	Published   time.Time // the article's publication, zero when unknown
	Source      string    // the outlet
	Sentence    string
}

// Change is one step of a thread's history.
type Change struct {
	Change    string `json:"change"`
	On        string `json:"on"` // ISO day the change was made, "" when unknown
	Due       string `json:"due"`
	DueEnd    string `json:"due_end"`
	ArticleID uint   `json:"article_id"`
	Source    string `json:"source,omitempty"`
	Sentence  string `json:"sentence"`
	Reports   int    `json:"reports"` // the articles that reported this change
}

// Thread is one deadline or truce across a story.
type Thread struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"`
	SetBy       string   `json:"set_by"`
	Target      string   `json:"target"`
	Demand      string   `json:"demand"`
	Consequence string   `json:"consequence"`
	Subject     string   `json:"subject,omitempty"`
	Due         string   `json:"due"`
	DueEnd      string   `json:"due_end"`
	Granularity string   `json:"granularity"`
	History     []Change `json:"history"`
	// Final is the last change that decides the thread's end: met,
	// dropped, superseded or passed; "" while none has.
	Final    string `json:"-"`
	EventIDs []uint `json:"event_ids"`
	// RelatedEventIDs are the story's happenings around the due date
	// (filled by the store): the penalties when it passed, the summit.
	RelatedEventIDs []uint `json:"related_event_ids"`
	// Related are those happenings, for pages: what came of the deadline.
	Related  []Related `json:"related,omitempty"`
	Articles int       `json:"articles"`
	Outlets  int       `json:"outlets"`
	articles map[uint]bool
	outlets  map[string]bool
}

// Related is a happening around a thread's due date.
type Related struct {
	ID          uint   `json:"id"`
	Date        string `json:"date"`
	Granularity string `json:"granularity"`
	Kind        string `json:"kind"`
	Summary     string `json:"summary"`
}

// Build joins reports into threads, in the order they were first reported.
func Build(reports []Report) []*Thread {
	rs := append([]Report(nil), reports...)
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := dayOf(rs[i]), dayOf(rs[j])
		if a != b {
			return a < b
		}
		if !rs[i].Published.Equal(rs[j].Published) {
			return rs[i].Published.Before(rs[j].Published)
		}
		return rs[i].ArticleID < rs[j].ArticleID
	})
	var out []*Thread
	for i := range rs {
		r := &rs[i]
		t := find(out, r)
		if t == nil {
			t = &Thread{Kind: family(r.Kind), articles: map[uint]bool{}, outlets: map[string]bool{}}
			out = append(out, t)
		}
		t.add(r)
	}
	for i, t := range out {
		t.ID = threadID(t, i)
		t.Articles, t.Outlets = len(t.articles), len(t.outlets)
	}
	return out
}

// family puts ultimatums with deadlines: both are given to someone.
func family(kind string) string {
	if kind == models.KindUltimatum {
		return models.KindDeadline
	}
	return kind
}

// dayOf is the day a report's change was made: its own, else the day it
// was published.
func dayOf(r Report) string {
	if r.On != "" {
		return r.On
	}
	if !r.Published.IsZero() {
		return r.Published.UTC().Format("2006-01-02")
	}
	return ""
}

// find returns the thread report r belongs to, nil for a new one.
func find(ts []*Thread, r *Report) *Thread {
	var open *Thread
	for i := len(ts) - 1; i >= 0; i-- {
		t := ts[i]
		if t.Kind != family(r.Kind) {
			continue
		}
		if r.Kind == models.KindExpiry {
			if sameThing(t.Subject, r.Subject) {
				return t
			}
			continue
		}
		setter, target := agree(t.SetBy, r.SetBy), agree(t.Target, r.Target)
		named := r.SetBy != "" || r.Target != ""
		if named && setter && target && (t.SetBy != "" || t.Target != "") {
			return t
		}
		if !named && t.Final == "" && (open == nil || t.dueOn(r.Due) && !open.dueOn(r.Due)) {
			open = t // "The deadline passed on Friday": the open deadline due then, else the latest
		}
	}
	return open
}

// dueOn reports whether the thread is due on day (in its due range).
func (t *Thread) dueOn(day string) bool {
	if day == "" || t.Due == "" {
		return false
	}
	end := t.Due
	if t.DueEnd > end {
		end = t.DueEnd
	}
	return day >= t.Due && day <= end
}

// agree reports whether two names of one side may be the same party: equal
// (case aside), or one unknown.
func agree(a, b string) bool {
	return a == "" || b == "" || strings.EqualFold(a, b)
}

// sameThing reports whether two subjects name one truce or pause: the
// head word of one is a word of the other ("The tariff truce", "the
// tariff truce between Washington and Beijing").
func sameThing(a, b string) bool {
	return hasWord(b, head(a)) || hasWord(a, head(b))
}

// hasWord reports whether s holds the word w (lower case), w not "".
func hasWord(s, w string) bool {
	if w == "" {
		return false
	}
	for _, f := range strings.Fields(strings.ToLower(s)) {
		if strings.Trim(f, ".,;:'\"") == w {
			return true
		}
	}
	return false
}

// head is the last word of a subject, lower-cased.
func head(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[len(f)-1], ".,;:'\"")
}

// add puts report r into the thread as a change.
func (t *Thread) add(r *Report) {
	t.articles[r.ArticleID] = true
	if r.Source != "" {
		t.outlets[r.Source] = true
	}
	if !containsID(t.EventIDs, r.EventID) {
		t.EventIDs = append(t.EventIDs, r.EventID)
	}
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&t.SetBy, r.SetBy)
	fill(&t.Target, r.Target)
	better(&t.Demand, r.Demand)
	better(&t.Consequence, r.Consequence)
	fill(&t.Subject, r.Subject)
	c := Change{Change: r.Change, On: dayOf(*r), Due: r.Due, DueEnd: r.DueEnd, ArticleID: r.ArticleID,
		Source: r.Source, Sentence: r.Sentence, Reports: 1}
	if c.Change == "" {
		c.Change = models.DeadlineSet
	}
	if r.ExtendDays > 0 && t.Due != "" {
		if d, err := time.Parse("2006-01-02", prefix(t.Due, 10)); err == nil && len(t.Due) >= 10 {
			c.Change, c.DueEnd = models.DeadlineExtended, ""
			c.Due = d.AddDate(0, 0, r.ExtendDays).Format("2006-01-02") // "extended by 90 days"
		}
	}
	c.Change = t.relative(c)
	if n := len(t.History); n > 0 && sameChange(t.History[n-1], c) {
		t.History[n-1].Reports++
		return
	}
	for i := range t.History {
		if sameChange(t.History[i], c) {
			t.History[i].Reports++
			return
		}
	}
	t.History = append(t.History, c)
	switch c.Change {
	case models.DeadlineMet, models.DeadlineDropped, models.DeadlineSuperseded, models.DeadlinePassed:
		t.Final = c.Change
	default:
		if c.Due != "" {
			t.Due, t.DueEnd, t.Granularity = c.Due, c.DueEnd, r.Granularity
			if c.Change != models.DeadlineReaffirmed {
				t.Final = "" // a deadline set anew after it passed is open again
			}
		}
	}
	if t.Due == "" {
		t.Due, t.Granularity = r.Due, r.Granularity
	}
}

// better replaces a demand or consequence of two words or fewer with a
// longer one a later report gives ("Russia to" by "Russia to reach a
// ceasefire in Ukraine").
func better(dst *string, v string) {
	if *dst == "" || len(strings.Fields(*dst)) <= 2 && len(strings.Fields(v)) > 2 {
		*dst = v
	}
}

// relative reads a report that sets a due date against the thread's: a
// later one sets it anew only in the first report; after that it shortens,
// extends or reaffirms it.
func (t *Thread) relative(c Change) string {
	if len(t.History) == 0 || t.Due == "" || c.Due == "" {
		return c.Change
	}
	switch c.Change {
	case models.DeadlineSet, models.DeadlineReaffirmed:
		switch {
		case c.Due < t.Due:
			return models.DeadlineShortened
		case c.Due > t.Due && (t.DueEnd == "" || c.Due > t.DueEnd):
			return models.DeadlineExtended
		}
		return models.DeadlineReaffirmed
	}
	return c.Change
}

// sameChange reports whether two changes are one, reported twice: the same
// change to the same due date.
func sameChange(a, b Change) bool {
	if a.Change != b.Change || a.Due != b.Due || a.DueEnd != b.DueEnd {
		return false
	}
	switch a.Change {
	case models.DeadlinePassed, models.DeadlineMet, models.DeadlineDropped, models.DeadlineSuperseded, models.DeadlineReaffirmed:
		return true // one passing, whenever each outlet reported it
	}
	return a.On == b.On || a.On == "" || b.On == ""
}

func containsID(ids []uint, id uint) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// threadID is a stable id of a thread within its story: its kind, its
// first due date and its parties.
func threadID(t *Thread, i int) string {
	due := ""
	if len(t.History) > 0 {
		due = t.History[0].Due
	}
	parts := []string{t.Kind, due, models.Slug(t.SetBy), models.Slug(t.Target), models.Slug(head(t.Subject))}
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		return "thread-" + strconv.Itoa(i+1)
	}
	return strings.Join(keep, "-")
}

// Status is a thread at a reader's now.
type Status struct {
	Status string `json:"status"` // upcoming, due, passed, met, dropped, superseded
	// Days is the whole days to the due date (upcoming) or since it
	// (passed); 0 otherwise.
	Days int    `json:"days"`
	Text string `json:"text"` // "in 2 days", "due today", "passed 3 days ago", "dropped"
}

// Statuses of a thread.
const (
	StatusUpcoming   = "upcoming"
	StatusDue        = "due"
	StatusPassed     = models.DeadlinePassed
	StatusMet        = models.DeadlineMet
	StatusDropped    = models.DeadlineDropped
	StatusSuperseded = models.DeadlineSuperseded
)

// StatusAt is the thread's status at now: its end where the story says
// it came (met, dropped, superseded), else from its due date.
func (t *Thread) StatusAt(now time.Time) Status {
	switch t.Final {
	case models.DeadlineMet, models.DeadlineDropped, models.DeadlineSuperseded:
		return Status{Status: t.Final, Text: t.Final}
	}
	from, ok := dayStart(t.Due)
	if !ok {
		if t.Final == models.DeadlinePassed {
			return Status{Status: StatusPassed, Text: "passed"}
		}
		return Status{Status: StatusUpcoming, Text: "upcoming"}
	}
	to := from
	if e, ok := dayStart(t.DueEnd); ok && e.After(from) {
		to = e
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case today.Before(from):
		d := int(from.Sub(today).Hours() / 24)
		return Status{Status: StatusUpcoming, Days: d, Text: "in " + plural(d, "day")}
	case !today.After(to) && t.Final != models.DeadlinePassed:
		return Status{Status: StatusDue, Text: "due today"}
	}
	d := int(today.Sub(to).Hours() / 24)
	if d == 0 {
		return Status{Status: StatusPassed, Text: "passed today"}
	}
	return Status{Status: StatusPassed, Days: d, Text: "passed " + plural(d, "day") + " ago"}
}

// dayStart reads the first day of a due value ("2025-08-08", "2025-08",
// "2025-W32" as its Monday); ok is false for anything else.
func dayStart(v string) (time.Time, bool) {
	if t, err := time.Parse("2006-01-02", prefix(v, 10)); err == nil && len(v) >= 10 {
		return t, true
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
