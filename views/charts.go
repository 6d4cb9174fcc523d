package views

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"dateline/data"
	"dateline/models"
	"dateline/models/extract/lexicon"
)

// Chart is what a page hands to its chart script: the ECharts option built
// with go-echarts, and the page each data point links to. It is rendered by
// html/template into a <script type="application/json"> block, which
// escapes "<" and so cannot end the script early, whatever a label holds.
// go-echarts' own Render and RenderSnippet are never used: they write
// labels into a script unescaped.
type Chart struct {
	ID     string         `json:"id"`
	Kind   string         `json:"kind"` // "timeline" or "speakers"
	Option map[string]any `json:"option"`
	// Links[series][index] is the path a click on that point opens.
	Links [][]string `json:"links"`
	Empty bool       `json:"empty"`
	// DarkColors[series] is the colour of each series on the dark theme
	// (Option holds the light one), and DarkLine that of the marked lines.
	DarkColors []string `json:"dark_colors,omitempty"`
	DarkLine   string   `json:"dark_line,omitempty"`
	// SVG is the address of the server-drawn picture of the chart, for the
	// chart menu's SVG download; the menu draws one itself when empty.
	SVG string `json:"svg,omitempty"`
	// Name is the file name, without suffix, of the chart's downloads.
	Name string `json:"name,omitempty"`
}

// kindColors gives every event kind a stable colour, so a kind looks the
// same on every story, and kindOrder is their display order: both from
// data/lexicon/kinds.txt, the table extraction reads the kinds' other
// facts from, so a kind added there is drawn in its colour and place.
var kindColors, kindOrder = loadKinds()

func loadKinds() (map[string]string, []string) {
	kinds, err := lexicon.LoadKinds(data.Lexicons())
	if err != nil {
		// the file is embedded and checked by the tests: only a broken
		// build gets here
		panic(fmt.Sprintf("views: %v", err))
	}
	colours, order := make(map[string]string, len(kinds)), make([]string, len(kinds))
	for i, k := range kinds {
		colours[k.Name], order[i] = k.Colour, k.Name
	}
	return colours, order
}

// TimelineChart places a story's events on a time axis, one row per kind,
// with deadlines drawn as vertical marked lines and a zoom slider.
func TimelineChart(id string, entries []models.TimelineEntry) Chart {
	byKind := map[string][]opts.ScatterData{}
	links := map[string][]string{}
	var deadlines []opts.MarkLineNameXAxisItem
	var times []time.Time
	for _, en := range entries {
		ev := en.Event
		if ev.SortAt.IsZero() {
			continue
		}
		at := ev.SortAt.UTC().Format(time.RFC3339)
		times = append(times, ev.SortAt)
		size := 12
		if en.Pinned {
			size = 18
		}
		byKind[ev.Kind] = append(byKind[ev.Kind], opts.ScatterData{
			Name:       DisplayDate(ev.Date, ev.Granularity) + ": " + ev.Summary,
			Value:      []string{at, ev.Kind},
			SymbolSize: size,
		})
		links[ev.Kind] = append(links[ev.Kind], "/events/"+strconv.FormatUint(uint64(ev.ID), 10))
		if (ev.Kind == models.KindDeadline || ev.Kind == models.KindUltimatum) && !hasLine(deadlines, at) {
			deadlines = append(deadlines, opts.MarkLineNameXAxisItem{
				Name: "Deadline " + DisplayDate(ev.Date, ev.Granularity), XAxis: at})
		}
	}
	start := zoomStart(times)
	sc := charts.NewScatter()
	sc.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Type: "scroll"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: presentKinds(byKind)}),
		charts.WithGridOpts(opts.Grid{Left: "90", Right: "30", Top: "40", Bottom: "70"}),
		// A slider only: an "inside" zoom takes the mouse wheel, and the page
		// stops scrolling over the chart.
		charts.WithDataZoomOpts(opts.DataZoom{Type: "slider", XAxisIndex: []int{0}, Start: start, End: 100}),
		charts.WithAnimation(false),
	)
	ch := Chart{ID: id, Kind: "timeline", Empty: len(byKind) == 0}
	kinds := presentKinds(byKind)
	// The marked lines ride on the deadline series, so hiding deadlines in
	// the legend hides them too.
	lineKind := models.KindDeadline
	if len(byKind[lineKind]) == 0 && len(kinds) > 0 {
		lineKind = kinds[0]
	}
	for _, kind := range kinds {
		so := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: MarkColour(kind, Light)})}
		if kind == lineKind && len(deadlines) > 0 {
			so = append(so, charts.WithMarkLineNameXAxisItemOpts(deadlines...),
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
					Symbol: []string{"none", "none"},
					// Labels on more than a few lines pile on each other; the
					// dashed lines then speak through the legend and the table.
					Label:     &opts.Label{Show: opts.Bool(len(deadlines) <= maxLineLabels), Formatter: "{b}", Position: "insideEndTop"},
					LineStyle: &opts.LineStyle{Color: MarkColour(models.KindDeadline, Light), Type: "dashed", Width: 2},
				}))
			ch.DarkLine = MarkColour(models.KindDeadline, Dark)
		}
		sc.AddSeries(kind, byKind[kind], so...)
		ch.Links = append(ch.Links, links[kind])
		ch.DarkColors = append(ch.DarkColors, MarkColour(kind, Dark))
	}
	sc.Validate()
	ch.Option = sc.JSON()
	return ch
}

// maxLineLabels is the most deadline lines the timeline labels.
const maxLineLabels = 3

// hasLine says whether a deadline line is drawn at at already.
func hasLine(lines []opts.MarkLineNameXAxisItem, at string) bool {
	for _, l := range lines {
		if l.XAxis == at {
			return true
		}
	}
	return false
}

// zoomStart is where the zoom window opens, in percent of the time span: a
// story is mostly about its last weeks, and one event months earlier ("took
// office in January") should not squeeze the rest into a corner. The window
// opens at the 15th percentile of the events' dates; the slider shows the rest.
func zoomStart(times []time.Time) float32 {
	if len(times) < 5 {
		return 0
	}
	sorted := append([]time.Time(nil), times...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Before(sorted[j]) })
	first, last := sorted[0], sorted[len(sorted)-1]
	span := last.Sub(first)
	if span < 45*24*time.Hour {
		return 0
	}
	lo := sorted[len(sorted)*15/100]
	pct := float32(lo.Sub(first).Seconds()/span.Seconds()*100) - 3
	if pct < 5 {
		return 0
	}
	return pct
}

// presentKinds lists the kinds that have points, in the display order of
// kinds.txt, then any kind it does not list (stored by another version's
// data) by name.
func presentKinds(byKind map[string][]opts.ScatterData) []string {
	var out, unknown []string
	for _, k := range kindOrder {
		if len(byKind[k]) > 0 {
			out = append(out, k)
		}
	}
	for k := range byKind {
		if _, known := kindColors[k]; !known {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	return append(out, unknown...)
}

// SpeakersChart is a horizontal bar chart of how many quotes each speaker
// has, the most quoted at the top.
func SpeakersChart(id string, counts []models.SpeakerCount) Chart {
	names := make([]string, 0, len(counts))
	data := make([]opts.BarData, 0, len(counts))
	links := make([]string, 0, len(counts))
	// ECharts draws category axes bottom-up, so the list goes in reversed.
	for i := len(counts) - 1; i >= 0; i-- {
		c := counts[i]
		names = append(names, c.Name)
		data = append(data, opts.BarData{Name: c.Name, Value: c.Quotes})
		link := ""
		if c.Slug != "" {
			link = "/people/" + c.Slug
		}
		links = append(links, link)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", MinInterval: 1}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category"}),
		charts.WithGridOpts(opts.Grid{Left: "10", Right: "30", Top: "10", Bottom: "30", ContainLabel: opts.Bool(true)}),
		charts.WithAnimation(false),
	)
	bar.SetXAxis(names)
	bar.AddSeries("quotes", data, charts.WithItemStyleOpts(opts.ItemStyle{Color: SpeakerBar}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	bar.XYReversal()
	bar.Validate()
	return Chart{ID: id, Kind: "speakers", Option: bar.JSON(), Links: [][]string{links}, Empty: len(counts) == 0,
		DarkColors: []string{SpeakerBar}, Name: "speakers"}
}
