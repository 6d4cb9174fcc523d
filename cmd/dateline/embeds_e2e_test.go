//go:build e2e

package main

// Browser tests of the embeds that travel: an oEmbed consumer on another
// origin, the fixed-shape snippet, the charts' own menus and the embeds
// without script. Run with go test -tags "sqlite_fts5 e2e" -run E2E ./cmd/dateline

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// oembedOf asks the server for the oEmbed of target and parses it.
func oembedOf(t *testing.T, base, target, extra string) (html string, w, h int) {
	t.Helper()
	resp, err := http.Get(base + "/oembed?url=" + url.QueryEscape(target) + extra)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var o struct {
		Type   string `json:"type"`
		HTML   string `json:"html"`
		Width  int    `json:"width"`
		Height int    `json:"height"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&o); err != nil || resp.StatusCode != 200 || o.Type != "rich" {
		t.Fatalf("oEmbed of %s: %d %v %+v", target, resp.StatusCode, err, o)
	}
	return o.HTML, o.Width, o.Height
}

// hostPage serves body inside a newsroom page on a loopback port of its
// own: another origin than the dateline server.
func hostPage(t *testing.T, base, body string) string {
	t.Helper()
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>A consumer</title></head><body><h1>Elsewhere</h1>%s</body></html>`, body)
	}))
	t.Cleanup(host.Close)
	if strings.HasPrefix(host.URL, base) {
		t.Fatal("the consumer must be on another origin")
	}
	return host.URL
}

// frameBox returns the rendered width and height of the page's iframe.
func frameBox(c context.Context) (w, h float64, err error) {
	box, err := chromedp.Run(c, chromedp.Evaluate[[]float64](
		`(function(){var r=document.querySelector("iframe").getBoundingClientRect();return [r.width,r.height]})()`))
	if err != nil || len(box) != 2 {
		return 0, 0, err
	}
	return box[0], box[1], nil
}

// TestE2EOEmbedConsumer: a consumer on another origin renders the oEmbed
// html as given: the frame takes the embed's own height where scripts run,
// and keeps the promised width and height where they are stripped.
func TestE2EOEmbedConsumer(t *testing.T) {
	requireCharts(t)
	base := startServer(t)
	html, ow, oh := oembedOf(t, base, base+"/stories/sanctions-deadline", "&maxwidth=600")
	if ow != 600 || oh < 600 {
		t.Fatalf("oEmbed size %dx%d", ow, oh)
	}
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 90*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(hostPage(t, base, html))); err != nil {
		t.Fatal(err)
	}
	h, err := iframeHeight(c)
	if h < 300 {
		t.Fatalf("with scripts: the frame never took the embed's height (%v, %v)", h, err)
	}
	if _, rh, err := frameBox(c); err != nil || rh < h-1 || rh > h+1 {
		t.Errorf("with scripts: frame drawn %v high, told %v (%v)", rh, h, err)
	}
	// The same html where the consumer strips scripts.
	stripped := regexp.MustCompile(`(?s)<script.*?</script>`).ReplaceAllString(html, "")
	if err := chromedp.Do(c, chromedp.Navigate(hostPage(t, base, `<div style="width:800px">`+stripped+`</div>`))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if rw, rh, err := frameBox(c); err != nil || int(rw) != ow || int(rh) != oh {
		t.Errorf("without scripts: frame %vx%v, want the oEmbed's %dx%d (%v)", rw, rh, ow, oh, err)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// TestE2EFixedSnippet: the no-script snippet of the Embed box keeps its
// shape in a column (its height a fixed share of the width) and the embed
// inside draws its chart.
func TestE2EFixedSnippet(t *testing.T) {
	requireCharts(t)
	base := startServer(t)
	snippet := pageText(t, base+"/stories/sanctions-deadline", "#embed-snippet-fixed")
	if !strings.Contains(snippet, "<iframe") || strings.Contains(snippet, "<script") {
		t.Fatalf("fixed snippet %q", snippet)
	}
	ctx := browserContext(t)
	c := within(ctx, 60*time.Second)
	for _, width := range []int{360, 500} {
		if err := chromedp.Do(c, chromedp.Navigate(hostPage(t, base, fmt.Sprintf(`<div style="width:%dpx">%s</div>`, width, snippet)))); err != nil {
			t.Fatal(err)
		}
		rw, rh, err := frameBox(c)
		if err != nil || int(rw) != width || int(rh) != width*225/100 {
			t.Errorf("column %d: frame %vx%v, want %dx%d (%v)", width, rw, rh, width, width*225/100, err)
		}
	}
}

// TestE2EChartMenus: every chart of the story page has its own menu; its
// SVG entry downloads an SVG that parses (the server's for the timeline,
// one drawn in the page for the speakers chart) and its PNG entry is
// ECharts' saveAsImage.
func TestE2EChartMenus(t *testing.T) {
	requireCharts(t)
	base := startServer(t)
	ctx := browserContext(t)
	dir := t.TempDir()
	c := within(ctx, 90*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(base+"/stories/sanctions-deadline"),
		chromedp.WaitVisible(chromedp.CSS(`#timeline-chart[data-drawn="true"] canvas`)),
		chromedp.WaitVisible(chromedp.CSS(`#speakers-chart[data-drawn="true"] canvas`)),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: ptrTo(true)})
			return err
		}),
	); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"timeline-chart", "speakers-chart"} {
		feats, err := chromedp.Run(c, chromedp.Evaluate[string](`Object.keys(echarts.getInstanceByDom(document.getElementById("`+id+`")).getOption().toolbox[0].feature).sort().join(",")`))
		if err != nil || feats != "mySVG,saveAsImage" {
			t.Errorf("%s menu: %q %v", id, feats, err)
			continue
		}
		progress := chromedp.Events(c, browser.DownloadProgress)
		if _, err := chromedp.Run(c, chromedp.Evaluate[any](`echarts.getInstanceByDom(document.getElementById("`+id+`")).getOption().toolbox[0].feature.mySVG.onclick(), null`)); err != nil {
			t.Fatalf("%s: SVG entry: %v", id, err)
		}
		file := ""
		for ev, err := range progress {
			if err != nil {
				t.Fatalf("%s: download: %v", id, err)
			}
			if ev.State == browser.DownloadProgressStateCompleted {
				file = filepath.Join(dir, ev.GUID)
				break
			}
			if ev.State == browser.DownloadProgressStateCanceled {
				t.Fatalf("%s: download cancelled", id)
			}
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(strings.NewReader(string(b)))
		root := ""
		for root == "" {
			tok, err := d.Token()
			if err == io.EOF || err != nil {
				t.Fatalf("%s: downloaded SVG does not parse: %v\n%.300s", id, err, b)
			}
			if se, ok := tok.(xml.StartElement); ok {
				root = se.Name.Local
			}
		}
		if root != "svg" || id == "timeline-chart" && !strings.Contains(string(b), "Friday") && !strings.Contains(string(b), "deadline") {
			t.Errorf("%s: download root %q\n%.300s", id, root, b)
		}
	}
}

// TestE2EEmbedWithoutScript: with scripts off, the timeline embed shows the
// server's picture (of the reader's colour scheme) instead of an empty
// chart box, and the deadline card shows its picture too.
func TestE2EEmbedWithoutScript(t *testing.T) {
	base := startDeadlineServer(t)
	ctx := browserContext(t)
	c := within(ctx, 60*time.Second)
	noScript := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	darkScheme := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		return err
	})
	tests := []struct {
		path, wantSrc string
		w             int
	}{
		{"/embed/stories/russia/timeline", "/embed/stories/russia/timeline.svg?theme=dark", 960},
		{"/embed/stories/russia/deadline", "/embed/stories/russia/deadline.svg?theme=dark", 800},
	}
	if err := chromedp.Do(c, noScript, darkScheme); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if err := chromedp.Do(c, chromedp.Navigate(base+tt.path)); err != nil {
			t.Fatal(err)
		}
		var got string
		for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
			got, _ = chromedp.Run(c, chromedp.Evaluate[string](`(function(){var i=document.querySelector("picture img");
				var ch=document.querySelector(".chart, .deadline-card .deadline-panel");
				return i&&i.complete&&i.naturalWidth?i.currentSrc.replace(location.origin,"")+"|"+i.naturalWidth+"|"+(ch?getComputedStyle(ch).display:"none"):""})()`))
			if got != "" {
				break
			}
		}
		if want := fmt.Sprintf("%s|%d|none", tt.wantSrc, tt.w); got != want {
			t.Errorf("%s without script: %q, want %q", tt.path, got, want)
		}
	}
}

// axeSource is axe-core (a dev dependency in package.json, installed by
// make assets), injected into pages through the DevTools protocol, which
// the pages' Content-Security-Policy does not govern.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed: run `make assets` (npm ci) first: %v", err)
	}
	return string(b)
}

// TestE2EEmbedsAccessible runs axe-core's WCAG 2 A and AA rules (colour
// contrast among them) on every embed, drawn, in the light and the dark
// theme, and on the automatic theme under a dark colour scheme.
func TestE2EEmbedsAccessible(t *testing.T) {
	requireCharts(t)
	axe := axeSource(t)
	base := startDeadlineServer(t)
	ctx := browserContext(t)
	c := within(ctx, 120*time.Second)
	darkScheme := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		return err
	})
	if err := chromedp.Do(c, darkScheme); err != nil {
		t.Fatal(err)
	}
	for _, embed := range []string{"/embed/stories/russia", "/embed/stories/russia/timeline",
		"/embed/stories/russia/speakers", "/embed/stories/russia/deadline"} {
		for _, theme := range []string{"light", "dark", "auto"} {
			page := embed + "?theme=" + theme
			if err := chromedp.Do(c, chromedp.Navigate(base+page),
				chromedp.WaitVisible(chromedp.CSS(`.chart[data-drawn="true"] canvas`))); err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			if _, err := chromedp.Run(c, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
				t.Fatalf("injecting axe-core: %v", err)
			}
			out, err := chromedp.Run(c, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}}).then(function (r) {
				return r.violations.map(function (v) {
					return v.id + ": " + v.nodes.map(function (n) { return n.target.join(" ") + " (" + n.failureSummary.replace(/\s+/g, " ") + ")"; }).join("; ");
				}).join("\n");
			})`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: axe: %v", page, err)
			}
			if out != "" {
				t.Errorf("%s: accessibility violations:\n%s", page, out)
			}
		}
	}
}
