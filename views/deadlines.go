package views

import (
	"sort"
	"strconv"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"dateline/models"
	"dateline/models/threads"
)

// ThreadView is one deadline thread of the story's deadline panel and of
// the deadline card: what it demands, its status now, its history and a
// step chart of its due date against the day of each change.
type ThreadView struct {
	*threads.Thread
	Title      string
	When       string // the due date as a reader reads it ("8 August 2025", "7-9 August 2025")
	Status     string // threads.Status*
	StatusText string // "in 2 days", "passed 3 days ago"
	Days       int
	Open       bool // upcoming or due: the card counts down
	Changes    []ChangeView
	Chart      Chart
}

// ChangeView is one row of a thread's history.
type ChangeView struct {
	Type            string // set, shortened, ... (threads.Change.Change)
	OnText, DueText string
	ArticleID       uint
	Source          string
	Sentence        string
	Reports         int
}

// NewThreadViews makes the panel of a story's threads at now: the open
// ones first, soonest due first, then the ended ones, latest first.
func NewThreadViews(ts []*threads.Thread, now time.Time) []ThreadView {
	out := make([]ThreadView, 0, len(ts))
	for i, t := range ts {
		s := t.StatusAt(now)
		v := ThreadView{Thread: t, Title: threadTitle(t), When: dueText(t.Due, t.DueEnd, t.Granularity),
			Status: s.Status, StatusText: s.Text, Days: s.Days,
			Open: s.Status == threads.StatusUpcoming || s.Status == threads.StatusDue}
		for _, c := range t.History {
			v.Changes = append(v.Changes, ChangeView{Type: c.Change, OnText: dayText(c.On), DueText: dueText(c.Due, c.DueEnd, models.GranDay),
				ArticleID: c.ArticleID, Source: c.Source, Sentence: c.Sentence, Reports: c.Reports})
		}
		v.Chart = DeadlineChart("deadline-chart-"+strconv.Itoa(i+1), t)
		out = append(out, v)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Open != out[j].Open {
			return out[i].Open
		}
		if out[i].Open {
			return out[i].Due < out[j].Due
		}
		return out[i].Due > out[j].Due
	})
	return out
}

// threadTitle names a thread: "Deadline set by Donald Trump on Russia",
// "Ultimatum", "The tariff truce ends".
func threadTitle(t *threads.Thread) string {
	if t.Kind == models.KindExpiry {
		if t.Subject != "" {
			return t.Subject + " ends"
		}
		return "An end date"
	}
	title := "Deadline"
	if t.SetBy != "" {
		title += " set by " + t.SetBy
	}
	if t.Target != "" {
		title += " on " + t.Target
	}
	return title
}

// dueText is a due date or range as a reader reads it.
func dueText(due, end, gran string) string {
	if gran == "" {
		gran = models.GranDay
	}
	if len(due) > 10 {
		due = due[:10]
	}
	s := DisplayDate(due, gran)
	if end != "" && end != due {
		s += " to " + DisplayDate(end, models.GranDay)
	}
	return s
}

// dayText is an ISO day as a reader reads it, "" for none.
func dayText(day string) string {
	if day == "" {
		return ""
	}
	return DisplayDate(day, models.GranDay)
}

// DeadlineChart draws a thread's history as steps: for each change, the
// due date it set (y) on the day it was made (x). A deadline cut short
// steps down, one extended steps up.
func DeadlineChart(id string, t *threads.Thread) Chart {
	var data []opts.LineData
	for _, c := range t.History {
		if c.On == "" || c.Due == "" || len(c.Due) < 10 {
			continue
		}
		data = append(data, opts.LineData{Name: c.Change + " on " + dayText(c.On) + ": due " + dueText(c.Due, c.DueEnd, models.GranDay),
			Value: []string{c.On, c.Due[:10]}})
	}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time", SplitNumber: 3}),
		charts.WithYAxisOpts(opts.YAxis{Type: "time", Scale: opts.Bool(true), SplitNumber: 3}),
		charts.WithGridOpts(opts.Grid{Left: "10", Right: "20", Top: "15", Bottom: "10", ContainLabel: opts.Bool(true)}),
		charts.WithAnimation(false),
	)
	line.AddSeries("due date", data, charts.WithLineChartOpts(opts.LineChart{Step: "end", ShowSymbol: opts.Bool(true)}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: Light.Accent}))
	line.Validate()
	return Chart{ID: id, Kind: "deadline", Option: line.JSON(), Links: [][]string{}, Empty: len(data) < 2,
		DarkColors: []string{Dark.Accent}, Name: id}
}
