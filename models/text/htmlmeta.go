package text

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"

	"dateline/models"
)

// publishedMetaNames are the meta tag names, properties and itemprops that
// carry a publication time, lower-cased. Modification times are left out on
// purpose: a timeline wants when the story first ran.
var publishedMetaNames = map[string]bool{
	"article:published_time": true, "og:article:published_time": true, "article:published": true,
	"og:published_time": true, "published_time": true, "datepublished": true, "pubdate": true,
	"publishdate": true, "publish-date": true, "publish_date": true, "publication_date": true,
	"dc.date": true, "dc.date.issued": true, "dcterms.created": true, "dcterms.issued": true,
	"sailthru.date": true, "parsely-pub-date": true, "article.published": true, "date": true,
	"originalpublicationdate": true, "article:post_date": true, "cxenseparse:recs:publishtime": true,
}

// maxDateScanNodes bounds the walk over a page looking for dates.
const maxDateScanNodes = 200000

// structuredDate looks for a publication time in the page's meta tags, then
// its JSON-LD, then its <time> tags. Times after ref (plus a day, for time
// zones) are ignored as typos or scheduled updates.
func structuredDate(doc *html.Node, ref *time.Time) (time.Time, string, string, bool) {
	var metaVals, ldVals, timeVals []string
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "meta":
			key := strings.ToLower(firstAttr(n, "property", "name", "itemprop", "http-equiv"))
			if publishedMetaNames[key] {
				metaVals = append(metaVals, attr(n, "content"))
			}
		case "script":
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				ldVals = append(ldVals, jsonLDDates(n.FirstChild.Data)...)
			}
		case "time":
			if v := attr(n, "datetime"); v != "" {
				if isPublishedTimeTag(n) {
					timeVals = append([]string{v}, timeVals...)
				} else {
					timeVals = append(timeVals, v)
				}
			}
		}
	})
	for _, src := range []struct {
		by   string
		vals []string
	}{{"meta", metaVals}, {"json-ld", ldVals}, {"time-tag", timeVals}} {
		for _, v := range src.vals {
			if t, prec, ok := parseMachineTime(v); ok && plausible(t, ref) {
				return t, prec, src.by, true
			}
		}
	}
	return time.Time{}, "", "", false
}

func plausible(t time.Time, ref *time.Time) bool {
	if t.Year() < 1995 {
		return false
	}
	return ref == nil || !t.After(ref.Add(24*time.Hour))
}

// isPublishedTimeTag reports whether a <time> tag says it is the publication
// time (pubdate, itemprop, or a class naming it) rather than any date.
func isPublishedTimeTag(n *html.Node) bool {
	if hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished") {
		return true
	}
	for p := n; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if c := strings.ToLower(attr(p, "class")); strings.Contains(c, "publish") || strings.Contains(c, "posted") {
			return true
		}
	}
	return false
}

// jsonLDDates returns the datePublished values of a JSON-LD block, looking
// through @graph lists and nested objects. Broken JSON gives nothing.
func jsonLDDates(src string) []string {
	var v any
	if json.Unmarshal([]byte(strings.TrimSpace(src)), &v) != nil {
		return nil
	}
	var out []string
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 32 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok {
				out = append(out, s)
			}
			for _, k := range slices.Sorted(maps.Keys(x)) { // sorted: the same page, the same answer
				visit(x[k], depth+1)
			}
		case []any:
			for _, c := range x {
				visit(c, depth+1)
			}
		}
	}
	visit(v, 0)
	return out
}

// machineLayouts are the machine-readable time forms pages use in meta tags
// and datetime attributes, with a time of day first.
var machineLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00", "2006-01-02T15:04Z0700", "2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05 MST",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04",
	"2006-01-02 15:04", "20060102T150405Z0700", "20060102150405",
}

// parseMachineTime reads a machine-readable time. A time without a zone is
// taken as UTC; a bare date gives day precision.
func parseMachineTime(s string) (time.Time, string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 64 {
		return time.Time{}, "", false
	}
	for _, layout := range machineLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), models.PrecHour, true
		}
	}
	for _, layout := range []string{"2006-01-02", "20060102", "2006/01/02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, models.PrecDay, true
		}
	}
	return time.Time{}, "", false
}

// walk calls fn on every element of the tree, iteratively (pages can be
// deep), stopping after maxDateScanNodes elements.
func walk(root *html.Node, fn func(*html.Node)) {
	seen := 0
	for n := root; n != nil && seen < maxDateScanNodes; n = next(n, root) {
		if n.Type == html.ElementNode {
			seen++
			fn(n)
		}
	}
}

// next returns the node after n in document order within root.
func next(n, root *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for n != nil && n != root {
		if n.NextSibling != nil {
			return n.NextSibling
		}
		n = n.Parent
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func firstAttr(n *html.Node, keys ...string) string {
	for _, k := range keys {
		if v := attr(n, k); v != "" {
			return v
		}
	}
	return ""
}
