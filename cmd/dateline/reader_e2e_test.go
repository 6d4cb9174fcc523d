//go:build e2e

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

// saveScreen writes a screenshot into testout/screens; with
// DATELINE_SCREENS=1 into data/screens instead, where the README's
// pictures are kept (a plain test run leaves the tracked files alone).
func saveScreen(t *testing.T, name string, png []byte) {
	t.Helper()
	screensDir := filepath.Join("..", "..", "testout", "screens")
	if os.Getenv("DATELINE_SCREENS") == "1" {
		screensDir = filepath.Join("..", "..", "data", "screens")
	}
	if err := os.MkdirAll(screensDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screensDir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", filepath.Join(screensDir, name), len(png))
}

// TestE2EReaderView reads the sample story grown by 3,000 generated wire
// articles as a reader would at 1366 px: the 8 August deadline among the
// key events in the first screen, the chart drawn and the page scrolling
// under the mouse wheel over it, a search marking its words; then on a
// 390 px phone (device emulation) with nothing wider than the screen.
func TestE2EReaderView(t *testing.T) {
	requireCharts(t)
	base := serveDB(t, bigSeedDB(t))
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 90*time.Second)
	story := base + "/stories/" + sampleStory
	if err := chromedp.Do(c, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(story),
		chromedp.WaitVisible(chromedp.CSS(`#timeline-chart[data-drawn="true"] canvas`))); err != nil {
		t.Fatalf("story page: %v", err)
	}
	top, err := chromedp.Run(c, chromedp.Evaluate[float64](`(function(){
		var k = Array.from(document.querySelectorAll("li.key")).find(function (li) {
			return li.querySelector(".kind-deadline") && li.textContent.indexOf("8 Aug 2025") >= 0; });
		return k ? k.getBoundingClientRect().top : -1; })()`))
	if err != nil || top < 0 || top > 900*1.5 {
		t.Errorf("the 8 August deadline key event is at %v px (screen 900 px): %v", top, err)
	}
	png, err := chromedp.Run(c, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	saveScreen(t, "reader-1366.png", png)
	// The mouse wheel over the chart scrolls the page.
	y, err := chromedp.Run(c, chromedp.Evaluate[float64](`(function(){
		var r = document.getElementById("timeline-chart").getBoundingClientRect();
		window.scrollTo(0, window.scrollY + r.top - 100);
		return window.scrollY; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(c, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseWheel, 400, 250, func(p *input.DispatchMouseEventParams) {
		p.DeltaX, p.DeltaY = 0.01, 400 // both are required, and a zero is left out
	}), chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(c, chromedp.Evaluate[float64](`window.scrollY`))
	if err != nil || after <= y {
		t.Errorf("the wheel over the chart did not scroll the page: %v -> %v (%v)", y, after, err)
	}
	if err := chromedp.Do(c, chromedp.WaitVisible(chromedp.CSS(`#overview-chart[data-drawn="true"] canvas`))); err != nil {
		t.Fatalf("overview chart: %v", err)
	}
	for name, sel := range map[string]string{"chart-1366.png": "#timeline-chart", "overview-1366.png": "#overview-chart"} {
		if png, err = chromedp.Run(c, chromedp.Screenshot(chromedp.CSS(sel))); err != nil {
			t.Fatal(err)
		}
		saveScreen(t, name, png)
	}
	// Search inside the story, from its form.
	if err := chromedp.Do(c, chromedp.Navigate(story), chromedp.Focus(chromedp.CSS(`form.filters input[name=q]`)),
		chromedp.KeyEvent("white house\r"), chromedp.WaitVisible(chromedp.CSS(`.month li.row mark`))); err != nil {
		t.Fatalf("search: %v", err)
	}
	count, err := chromedp.Run(c, chromedp.Text(chromedp.CSS(`.result-count`)))
	if err != nil || !strings.Contains(count, "match “white house”") {
		t.Errorf("search count %q: %v", count, err)
	}
	// A phone.
	if err := chromedp.Do(c, chromedp.Emulate(device.IPhone12), chromedp.Navigate(story),
		chromedp.WaitVisible(chromedp.CSS(`#timeline-chart[data-drawn="true"] canvas`))); err != nil {
		t.Fatalf("phone: %v", err)
	}
	wide, err := chromedp.Run(c, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
	if err != nil || wide > 390 {
		t.Errorf("the phone page is %v px wide, on a 390 px screen (%v)", wide, err)
	}
	if png, err = chromedp.Run(c, chromedp.CaptureScreenshot()); err != nil {
		t.Fatal(err)
	}
	saveScreen(t, "reader-390.png", png)
	if png, err = chromedp.Run(c, chromedp.Screenshot(chromedp.CSS(`#timeline-chart`))); err != nil {
		t.Fatal(err)
	}
	saveScreen(t, "chart-390.png", png)
	if err := chromedp.Do(c, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`li.story-card`))); err != nil {
		t.Fatalf("home: %v", err)
	}
	if png, err = chromedp.Run(c, chromedp.CaptureScreenshot()); err != nil {
		t.Fatal(err)
	}
	saveScreen(t, "home-390.png", png)
	time.Sleep(300 * time.Millisecond)
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}
