//go:build e2e

package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestE2EMergeTwoEvents: a signed-in editor merges the story's second
// event into its first from the first one's page, through the review
// page; the story then shows one of them, and the merged one's address
// leads to the kept one, with the merge in its log.
func TestE2EMergeTwoEvents(t *testing.T) {
	db := dbWithUser(t, "editor", "ann", "correct horse")
	base := serveDB(t, db)
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 90*time.Second)
	axe := axeSource(t)
	story := base + "/stories/" + sampleStory
	if err := chromedp.Do(c, chromedp.Navigate(story), chromedp.WaitVisible(chromedp.CSS(`li.row`))); err != nil {
		t.Fatalf("story page: %v", err)
	}
	ids, err := chromedp.Run(c, chromedp.Evaluate[[]string](`[...document.querySelectorAll("li.row[id^=event-]")].slice(0, 2).map(e => e.id.slice(6))`))
	if err != nil || len(ids) != 2 {
		t.Fatalf("the story's first two events: %v %v", ids, err)
	}
	keep, merged := ids[0], ids[1]
	if err := chromedp.Do(c,
		chromedp.Navigate(base+"/login?next=/events/"+keep),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=username]`), "ann"),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=password]`), "correct horse"),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href^="/events/`+keep+`/merge"]`)),
		chromedp.Click(chromedp.CSS(`a[href^="/events/`+keep+`/merge"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.event-merge-pick input[name=other]`)),
		chromedp.SendKeys(chromedp.CSS(`form.event-merge-pick input[name=other]`), merged),
		chromedp.Click(chromedp.CSS(`form.event-merge-pick button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.event-merge button[type=submit]`)),
	); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		t.Fatalf("opening the merge: %v; at %s: %.300s", err, loc, body)
	}
	if out := seriousAxe(c, t, axe); out != "" {
		t.Errorf("merge review page: accessibility violations:\n%s", out)
	}
	if err := chromedp.Do(c,
		chromedp.Click(chromedp.CSS(`form.event-merge button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#corrections`)),
	); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		t.Fatalf("merging: %v; at %s: %.300s", err, loc, body)
	}
	if loc, _ := chromedp.Run(c, chromedp.Location()); loc != base+"/events/"+keep+"#corrections" {
		t.Errorf("after merging at %s, want the kept event's page", loc)
	}
	log, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS(`ol.corrections`)))
	if !strings.Contains(log, "merged in") || !strings.Contains(log, "event "+merged+":") {
		t.Errorf("the kept event's log: %q", log)
	}
	if err := chromedp.Do(c, chromedp.Navigate(story), chromedp.WaitVisible(chromedp.CSS(`#event-`+keep))); err != nil {
		t.Fatalf("story page after the merge: %v", err)
	}
	n, _ := chromedp.Run(c, chromedp.Evaluate[int](`document.querySelectorAll("#event-`+merged+`").length`))
	marked, _ := chromedp.Run(c, chromedp.Evaluate[int](`document.querySelectorAll("#event-`+keep+` .corrected").length`))
	if n != 0 || marked != 1 {
		t.Errorf("story page after the merge: merged event shown %d times, kept one marked corrected %d times", n, marked)
	}
	if err := chromedp.Do(c, chromedp.Navigate(base+"/events/"+merged), chromedp.WaitVisible(chromedp.CSS(`h1`))); err != nil {
		t.Fatalf("merged event's address: %v", err)
	}
	if loc, _ := chromedp.Run(c, chromedp.Location()); loc != base+"/events/"+keep {
		t.Errorf("the merged event's address led to %s, want the kept event", loc)
	}
	// The split form, for the kept event now reported by both.
	if err := chromedp.Do(c, chromedp.Navigate(base+"/events/"+keep+"/split"),
		chromedp.WaitVisible(chromedp.CSS(`form.event-split input[name=article]`))); err != nil {
		t.Fatalf("split form: %v", err)
	}
	if out := seriousAxe(c, t, axe); out != "" {
		t.Errorf("split page: accessibility violations:\n%s", out)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// seriousAxe runs axe-core's WCAG 2 A and AA rules on the page c shows and
// lists its serious and critical violations, one a line ("" for none).
func seriousAxe(c context.Context, t *testing.T, axe string) string {
	t.Helper()
	if _, err := chromedp.Run(c, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	out, err := chromedp.Run(c, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}}).then(function (r) {
		return r.violations.filter(function (v) { return v.impact === "serious" || v.impact === "critical"; }).map(function (v) {
			return v.id + ": " + v.nodes.map(function (n) { return n.target.join(" "); }).join("; ");
		}).join("\n");
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	return out
}
