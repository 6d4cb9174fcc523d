//go:build e2e

package main

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestE2EPagesAccessible runs axe-core's WCAG 2 A and AA rules on every
// kind of page, first as a reader and then signed in as an editor (whose
// pages carry the editing controls and forms), and fails on any serious
// or critical violation. The pages' addresses are read from the pages
// themselves (the first event, quote, person and source linked), so the
// test follows the sample story whatever its ids.
func TestE2EPagesAccessible(t *testing.T) {
	db := dbWithUser(t, "admin", "ann", "correct horse")
	base := serveDB(t, db)
	ctx := browserContext(t)
	c := within(ctx, 4*time.Minute)
	axe := axeSource(t)
	story := base + "/stories/" + sampleStory

	// addresses linked from the story page
	if err := chromedp.Do(c, chromedp.Navigate(story), chromedp.WaitVisible(chromedp.CSS(`main`))); err != nil {
		t.Fatalf("story page: %v", err)
	}
	first := func(sel string) string {
		t.Helper()
		href, err := chromedp.Run(c, chromedp.Evaluate[string](`(function () { var a = document.querySelector(`+
			"`"+sel+"`"+`); return a ? a.getAttribute("href") : ""; })()`))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return href
	}
	event := first(`a[href^="/events/"]`)
	if event == "" {
		t.Fatal("the story page links no event")
	}
	reader := []string{"/", "/stories/" + sampleStory, event, "/search?q=sanctions", "/login"}
	if p := first(`a[href^="/people/"]`); p != "" {
		reader = append(reader, p)
	}
	check := func(who string, pages []string) {
		t.Helper()
		for _, p := range pages {
			if err := chromedp.Do(c, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS(`main`))); err != nil {
				t.Errorf("%s %s: %v", who, p, err)
				continue
			}
			if out := seriousAxe(c, t, axe); out != "" {
				t.Errorf("%s %s: serious or critical accessibility violations:\n%s", who, p, out)
			}
		}
	}
	check("reader", reader)

	if err := chromedp.Do(c,
		chromedp.Navigate(base+"/login?next=/stories/"+sampleStory),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=username]`), "ann"),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=password]`), "correct horse"),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.account[action="/logout"]`)),
	); err != nil {
		t.Fatalf("signing in: %v", err)
	}
	editor := []string{"/stories/" + sampleStory, event, event + "/edit", "/stories/" + sampleStory + "/edit"}
	check("editor", editor)
}
