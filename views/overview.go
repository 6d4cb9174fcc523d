package views

import (
	"net/url"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"dateline/models"
)

// overviewBucket is the step of the overview chart: a day for a story of
// up to two months, a week up to a year, a month past that, so a story of
// any length fits in a few dozen bars.
func overviewBucket(first, last time.Time) (step string, start func(time.Time) time.Time) {
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	switch span := last.Sub(first); {
	case span <= 60*24*time.Hour:
		return "day", day
	case span <= 366*24*time.Hour:
		return "week", func(t time.Time) time.Time {
			d := day(t)
			return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)) // back to Monday
		}
	default:
		return "month", func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }
	}
}

// bucketLabel names a bar.
func bucketLabel(step string, t time.Time) string {
	switch step {
	case "day":
		return t.Format("2 Jan")
	case "week":
		return "week of " + t.Format("2 Jan 2006")
	}
	return t.Format("Jan 2006")
}

// Overview is the overview chart of the story: its events (ahead and
// background left out, every one of them, not only the listed page)
// counted by day, week or month and kind, stacked; a bar opens that month
// of the story (slug's page, filtered). The timeline chart below is the
// detail of the listed rows.
func (v ReaderView) Overview(id, slug string) Chart {
	ch := Chart{ID: id, Kind: "overview", Name: slug + "-overview", Empty: true}
	var dated []ReaderEvent
	for _, e := range v.story {
		if !e.SortAt.IsZero() && e.Granularity != models.GranUnknown {
			dated = append(dated, e)
		}
	}
	if len(dated) == 0 {
		return ch
	}
	step, start := overviewBucket(dated[0].SortAt, dated[len(dated)-1].SortAt)
	var buckets []time.Time
	counts := map[string]map[time.Time]int{}
	firstIn := map[time.Time]time.Time{} // a bar's first event: its month is the bar's link
	for _, e := range dated {
		b := start(e.SortAt.UTC())
		if n := len(buckets); n == 0 || !buckets[n-1].Equal(b) {
			buckets = append(buckets, b)
			firstIn[b] = e.SortAt.UTC()
		}
		if counts[e.Kind] == nil {
			counts[e.Kind] = map[time.Time]int{}
		}
		counts[e.Kind][b]++
	}
	labels := make([]string, len(buckets))
	for i, b := range buckets {
		labels[i] = bucketLabel(step, b)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
		charts.WithGridOpts(opts.Grid{Left: "10", Right: "20", Top: "10", Bottom: "10", ContainLabel: opts.Bool(true)}),
		charts.WithAnimation(false),
	)
	bar.SetXAxis(labels)
	byKind := map[string][]opts.ScatterData{}
	for k := range counts {
		byKind[k] = []opts.ScatterData{{}}
	}
	for _, kind := range presentKinds(byKind) {
		data := make([]opts.BarData, len(buckets))
		links := make([]string, len(buckets))
		for i, b := range buckets {
			n := counts[kind][b]
			data[i] = opts.BarData{Name: labels[i] + ": " + plural(n, "event", "events"), Value: n}
			links[i] = "/stories/" + url.PathEscape(slug) + "?" + url.Values{"kind": {kind}, "month": {firstIn[b].Format("2006-01")}}.Encode()
		}
		bar.AddSeries(kind, data, charts.WithBarChartOpts(opts.BarChart{Stack: "events"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: MarkColour(kind, Light)}))
		ch.Links = append(ch.Links, links)
		ch.DarkColors = append(ch.DarkColors, MarkColour(kind, Dark))
	}
	bar.Validate()
	ch.Option, ch.Empty = bar.JSON(), false
	return ch
}
