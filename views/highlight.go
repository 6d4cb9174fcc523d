package views

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// Span marks a stretch of an article body: an event's sentence or a quote.
// Start and End are rune offsets, End exclusive.
type Span struct {
	Start, End int
	Class      string // "event" or "quote"
	Title      string // tooltip: the event summary, the speaker
	Href       string // where the span links, "" for none
}

// Segment is a stretch of text with the spans covering it. Templates write
// Text escaped; nothing here produces HTML.
type Segment struct {
	Text    string
	Classes string
	Title   string
	Href    string
}

// Highlight cuts body into segments at every span boundary so overlapping
// spans (a quote inside an event's sentence) both show. Spans out of range
// are clipped; offsets count runes, as extraction does.
func Highlight(body string, spans []Span) []Segment {
	runes := []rune(body)
	cuts := map[int]bool{0: true, len(runes): true}
	var ok []Span
	for _, s := range spans {
		s.Start, s.End = max(0, s.Start), min(len(runes), s.End)
		if s.Start >= s.End {
			continue
		}
		ok = append(ok, s)
		cuts[s.Start], cuts[s.End] = true, true
	}
	points := make([]int, 0, len(cuts))
	for p := range cuts {
		points = append(points, p)
	}
	sort.Ints(points)
	var out []Segment
	for i := 0; i+1 < len(points); i++ {
		a, b := points[i], points[i+1]
		seg := Segment{Text: string(runes[a:b])}
		var classes, titles []string
		for _, s := range ok {
			if s.Start <= a && b <= s.End {
				classes = append(classes, "hl-"+s.Class)
				if s.Title != "" {
					titles = append(titles, s.Title)
				}
				if seg.Href == "" || s.Class == "quote" {
					seg.Href = s.Href
				}
			}
		}
		seg.Classes, seg.Title = strings.Join(classes, " "), strings.Join(titles, " | ")
		out = append(out, seg)
	}
	return out
}

// Anchor is the id of a highlighted quote or event on an article page.
func Anchor(class string, id uint) string {
	return class + "-" + strconv.FormatUint(uint64(id), 10)
}

func jsonUnmarshal(s string, v any) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}
