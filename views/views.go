// Package views holds what the browser sees: embedded templates and static
// files (ECharts included), the page models handlers fill in, chart option
// builders and the CSV encoders shared with `dateline export`.
package views

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"reflect"
	"strings"
	"time"

	"dateline/models"
)

//go:generate sh -c "mkdir -p static/vendor && cp ../node_modules/echarts/dist/echarts.min.js static/vendor/echarts.min.js"

// files holds the templates and the static directory. static/vendor is
// filled by `make assets` (npm ci, then go generate ./views); a fresh clone
// still builds without it and the pages say the charts are unavailable.
//
//go:embed templates static
var files embed.FS

// EChartsPath is where the pages load ECharts from.
const EChartsPath = "/static/vendor/echarts.min.js"

// pages lists every page template; each becomes its own template set with
// the layout and partials it needs.
var pages = map[string][]string{
	"home":         {"layout.html", "partials.html", "home.html"},
	"story":        {"layout.html", "partials.html", "reader.html", "story.html"},
	"story_form":   {"layout.html", "partials.html", "story_form.html", "story_feeds.html"},
	"person":       {"layout.html", "partials.html", "person.html"},
	"people":       {"layout.html", "partials.html", "people.html"},
	"article":      {"layout.html", "partials.html", "article.html"},
	"event":        {"layout.html", "partials.html", "event.html"},
	"search":       {"layout.html", "partials.html", "search.html"},
	"error":        {"layout.html", "partials.html", "error.html"},
	"login":        {"layout.html", "partials.html", "login.html"},
	"event_edit":   {"layout.html", "partials.html", "event_edit.html"},
	"article_form": {"layout.html", "partials.html", "article_form.html"},
	"quote_edit":   {"layout.html", "partials.html", "quote_edit.html"},
	"event_merge":  {"layout.html", "partials.html", "event_merge.html"},
	"event_split":  {"layout.html", "partials.html", "event_split.html"},
	"embed_story":  {"embed.html", "partials.html", "embed_story.html"},
	"embed_chart":  {"embed.html", "partials.html", "embed_chart.html"},
}

// assetVersion is a short hash of the static files, added to their
// addresses so browsers fetch new ones after an upgrade despite caching.
var assetVersion = func() string {
	h := sha256.New()
	_ = fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := fs.ReadFile(files, p); err == nil {
				h.Write(b)
			}
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:10]
}()

// Renderer renders pages from the embedded templates.
type Renderer struct {
	sets        map[string]*template.Template
	chartsReady bool
}

// New parses every page's template set. It fails only on a broken template,
// which the tests catch.
func New() (*Renderer, error) {
	r := &Renderer{sets: map[string]*template.Template{}, chartsReady: ChartsAvailable()}
	for name, fileNames := range pages {
		paths := make([]string, len(fileNames))
		for i, f := range fileNames {
			paths[i] = "templates/" + f
		}
		t, err := template.New(fileNames[0]).Funcs(funcs).ParseFS(files, paths...)
		if err != nil {
			return nil, fmt.Errorf("views: parsing %s: %w", name, err)
		}
		r.sets[name] = t
	}
	return r, nil
}

// Page is what every template gets: the chrome shared by all pages and the
// page's own model in Data.
type Page struct {
	Title       string
	Section     string // nav item to highlight: "stories", "people", "search"
	CSRF        string // form token for pages with forms
	NeedsToken  bool   // forms must carry DATELINE_TOKEN
	Theme       string // embeds: "light", "dark" or "auto" (the reader's colour scheme)
	Transparent bool   // embeds: no background of their own (?background=transparent)
	Query       string // search box contents
	ChartsReady bool   // set by Render: whether ECharts is embedded
	// Editor is true for a signed-in account: the page shows the editing
	// controls and CAMEO codes. User and Role name the account; Here is
	// the page's own address (path and query), where actions come back to.
	Editor     bool
	User, Role string
	Here       string
	Data       any
}

// Render writes the named page into w. It renders into a buffer first, so
// a template error becomes a clean error for the caller, never half a page.
func (r *Renderer) Render(w io.Writer, name string, p *Page) error {
	t, ok := r.sets[name]
	if !ok {
		return fmt.Errorf("views: no page %q", name)
	}
	p.ChartsReady = r.chartsReady
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		return fmt.Errorf("views: rendering %s: %w", name, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// Static returns the embedded static files (style.css, app.js, vendor/...).
func Static() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// ChartsAvailable reports whether ECharts was embedded at build time.
func ChartsAvailable() bool {
	_, err := fs.Stat(files, "static/vendor/echarts.min.js")
	return err == nil
}

var funcs = template.FuncMap{
	"date":        DisplayDate,
	"dayKey":      DayKey,
	"iso":         ISODate,
	"status":      DeadlineStatus,
	"pathEsc":     url.PathEscape,
	"queryEsc":    url.QueryEscape,
	"join":        strings.Join,
	"actors":      splitActors,
	"pubDate":     publishedDate,
	"plural":      plural,
	"sub":         func(a, b int) int { return a - b },
	"slug":        models.Slug,
	"tools":       tools,
	"v":           func() string { return assetVersion },
	"sourceName":  sourceName,
	"first":       first,
	"more":        more,
	"firstReport": firstReport,
	"quotedAs":    quotedAs,
	"nested":      NestedQuotes,
	"facet":       facetMenu,
	"row":         rowOf,
}

// NestedQuotes writes the quotation marks inside quoted words as the
// inner marks of curly typography, so “...” never holds straight or double
// marks: `the "deal" is off` -> the ‘deal’ is off. Apostrophes stay.
func NestedQuotes(s string) string {
	if !strings.ContainsAny(s, "\"“”") {
		return s
	}
	var b strings.Builder
	open := false
	for _, c := range s {
		switch c {
		case '“':
			b.WriteRune('‘')
			open = true
		case '”':
			b.WriteRune('’')
			open = false
		case '"':
			if open {
				b.WriteRune('’')
			} else {
				b.WriteRune('‘')
			}
			open = !open
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// firstReport returns the appearance of a quote in the earliest published
// of the articles loaded with it (nil when none has a date), for "first
// reported by X on D".
func firstReport(apps []models.QuoteAppearance) *models.QuoteAppearance {
	var best *models.QuoteAppearance
	for i := range apps {
		a := apps[i].Article
		if a == nil || a.PublishedAt == nil {
			continue
		}
		if best == nil || a.PublishedAt.Before(*best.Article.PublishedAt) {
			best = &apps[i]
		}
	}
	return best
}

// quotedAs says how an appearance quoted the words, "" for verbatim: "in
// part" (a fragment in the reporter's clause) or "paraphrase".
func quotedAs(kind string) string {
	switch kind {
	case models.QuotePartial:
		return "in part"
	case models.QuoteIndirect:
		return "paraphrase"
	}
	return ""
}

// first returns at most n elements of a slice (of any type), so a timeline
// entry reported by thousands of articles stays a readable, small page; the
// event permalink lists them all.
func first(n int, list any) any {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice || v.Len() <= n {
		return list
	}
	return v.Slice(0, n).Interface()
}

// more returns how many elements of a slice first(n, ...) left out.
func more(n int, list any) int {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice || v.Len() <= n {
		return 0
	}
	return v.Len() - n
}

// splitActors reads an event's "; "-separated actor list.
func splitActors(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// publishedDate shows an article's publication time at its precision.
func publishedDate(t *time.Time, prec string) string {
	if t == nil {
		return "publication date unknown"
	}
	if prec == models.PrecHour {
		return t.UTC().Format("2 Jan 2006, 15:04 UTC")
	}
	return t.UTC().Format("2 Jan 2006")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// sourceName is the outlet of an article ("" when unknown).
func sourceName(v any) string {
	var a *models.Article
	switch x := v.(type) {
	case *models.Article:
		a = x
	case models.Article:
		a = &x
	}
	if a == nil || a.Source == nil {
		return ""
	}
	return a.Source.Name
}
