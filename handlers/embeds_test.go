package handlers_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"dateline/handlers"
	"dateline/views"
)

// TestEmbedSnippets: the Embed box offers, for the story and for the
// deadline card, an auto-height snippet (iframe and listener script) and a
// fixed-shape one (a padded wrapper, no script); each frames its embed.
func TestEmbedSnippets(t *testing.T) {
	h := newApp(t, fixture(t), "")
	d := doc(t, get(t, h, "/stories/deadline"))
	tests := []struct {
		id, src   string
		hasScript bool
	}{
		{"#embed-snippet", "http://example.com/embed/stories/deadline", true},
		{"#embed-snippet-fixed", "http://example.com/embed/stories/deadline", false},
		{"#card-snippet", "http://example.com/embed/stories/deadline/deadline", true},
		{"#card-snippet-fixed", "http://example.com/embed/stories/deadline/deadline", false},
	}
	for _, tt := range tests {
		snippet := d.Find(tt.id).Text()
		sd, err := goquery.NewDocumentFromReader(strings.NewReader(snippet))
		if err != nil {
			t.Fatal(err)
		}
		src, _ := sd.Find("iframe").Attr("src")
		if sd.Find("iframe").Length() != 1 || src != tt.src {
			t.Errorf("%s: iframe src %q in %q", tt.id, src, snippet)
		}
		if got := sd.Find("script").Length() > 0; got != tt.hasScript {
			t.Errorf("%s: script %v, want %v", tt.id, got, tt.hasScript)
		}
		if !tt.hasScript {
			wrap, _ := sd.Find("div").Attr("style")
			frame, _ := sd.Find("iframe").Attr("style")
			if !strings.Contains(wrap, "padding-bottom:") || !strings.Contains(wrap, "height:0") ||
				!strings.Contains(frame, "position:absolute") || !strings.Contains(frame, "height:100%") {
				t.Errorf("%s: not a fixed-shape wrapper: %q", tt.id, snippet)
			}
		}
	}
	hostile := doc(t, get(t, h, "/stories/hostile")).Find("#embed-snippet-fixed").Text()
	if strings.Contains(hostile, "<script") {
		t.Errorf("the hostile title broke out of the snippet: %q", hostile)
	}
	if doc(t, get(t, h, "/stories/hostile")).Find("#card-snippet-fixed").Length() != 0 {
		t.Error("a story without deadlines offers a card snippet")
	}
}

// TestEmbedNoScriptPictures: embeds carry the server-drawn picture for
// readers without script: both themes' for the automatic theme (picked by
// prefers-color-scheme), the one asked for otherwise; and the style sheet
// that hides the undrawn charts.
func TestEmbedNoScriptPictures(t *testing.T) {
	h := newApp(t, fixture(t), "")
	tests := []struct {
		path, img, source string
	}{
		{"/embed/stories/deadline", "/embed/stories/deadline/timeline.svg", "/embed/stories/deadline/timeline.svg?theme=dark"},
		{"/embed/stories/deadline/timeline?theme=dark", "/embed/stories/deadline/timeline.svg?theme=dark", ""},
		{"/embed/stories/deadline/timeline?theme=light&background=transparent", "/embed/stories/deadline/timeline.svg?background=transparent", ""},
		{"/embed/stories/deadline/deadline", "/embed/stories/deadline/deadline.svg", "/embed/stories/deadline/deadline.svg?theme=dark"},
	}
	for _, tt := range tests {
		body := get(t, h, tt.path).Body.String()
		d := doc(t, get(t, h, tt.path))
		if href, _ := d.Find("noscript link[rel=stylesheet]").Attr("href"); !strings.HasPrefix(href, "/static/noscript.css") &&
			!strings.Contains(body, `<noscript><link rel="stylesheet" href="/static/noscript.css`) {
			t.Errorf("%s: no noscript style sheet", tt.path)
		}
		// goquery reads <noscript> as text (scripting on), so parse it again.
		var inner string
		d.Find("main noscript").Each(func(_ int, s *goquery.Selection) { inner += s.Text() })
		nd, err := goquery.NewDocumentFromReader(strings.NewReader(inner))
		if err != nil {
			t.Fatal(err)
		}
		src, _ := nd.Find("picture img").Attr("src")
		alt, _ := nd.Find("picture img").Attr("alt")
		set, _ := nd.Find("picture source").Attr("srcset")
		if src != tt.img || set != tt.source || alt == "" {
			t.Errorf("%s: picture img %q source %q alt %q", tt.path, src, set, alt)
		}
		if w := get(t, h, src); w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "image/svg+xml") {
			t.Errorf("%s: picture %s answers %d", tt.path, src, w.Code)
		}
	}
}

// TestChartMenusAndDarkColours: every chart block carries its dark
// colours and download name; the timeline and the lead deadline name the
// server's SVG for their menu.
func TestChartMenusAndDarkColours(t *testing.T) {
	st := deadlineStory(t, "russia")
	h, err := handlers.New(st, handlers.Options{Now: func() time.Time { return now }, Secret: []byte(testSecret)})
	if err != nil {
		t.Fatal(err)
	}
	d := doc(t, get(t, h, "/stories/russia"))
	seen := map[string]views.Chart{}
	d.Find("script.chart-data").Each(func(_ int, s *goquery.Selection) {
		var ch views.Chart
		if err := json.Unmarshal([]byte(s.Text()), &ch); err != nil {
			t.Fatal(err)
		}
		seen[ch.Kind] = ch
	})
	for kind, svg := range map[string]string{"timeline": "/embed/stories/russia/timeline.svg",
		"speakers": "", "deadline": "/embed/stories/russia/deadline.svg"} {
		ch, ok := seen[kind]
		if !ok || len(ch.DarkColors) == 0 || ch.Name == "" || ch.SVG != svg {
			t.Errorf("%s chart: found %v, dark %v, name %q, svg %q", kind, ok, ch.DarkColors, ch.Name, ch.SVG)
		}
	}
}
