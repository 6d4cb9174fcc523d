//go:build e2e

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestE2EAdminAddsAndPollsAFeed: an admin signs in, adds a feed served on
// loopback to the sample story from its edit page (allow-private ticked:
// loopback is refused otherwise), polls it now, reads its status in the
// feeds table, and finds the feed's new event on the story page.
func TestE2EAdminAddsAndPollsAFeed(t *testing.T) {
	db := dbWithUser(t, "admin", "root", "battery staple")
	fs := newFeedServer(t)
	fs.set(func(fs *feedServer) { fs.items = []string{item(fs.URL, 5, "Envoy in Oslo")} }) // article 5 is in Oslo
	base := serveDB(t, db)
	story := base + "/stories/" + sampleStory
	if strings.Contains(pageText(t, story, "main"), "Oslo") {
		t.Fatal("the sample story has an Oslo event before the feed")
	}
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 90*time.Second)
	if err := chromedp.Do(c,
		chromedp.Navigate(base+"/login?next=/stories/"+sampleStory+"/edit"),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=username]`), "root"),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=password]`), "battery staple"),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.feed-add input[name=url]`)),
		chromedp.SendKeys(chromedp.CSS(`form.feed-add input[name=url]`), fs.URL+"/feed"),
		chromedp.SendKeys(chromedp.CSS(`form.feed-add textarea[name=keywords]`), "envoy"),
		chromedp.Click(chromedp.CSS(`form.feed-add input[name=allow_private]`)),
		chromedp.Click(chromedp.CSS(`form.feed-add button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.feeds form.feed-poll button`)),
	); err != nil {
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		t.Fatalf("adding the feed: %v; page: %.400s", err, body)
	}
	row, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS(`table.feeds tbody tr`)))
	if !strings.Contains(row, fs.URL+"/feed") || !strings.Contains(row, "not yet") || !strings.Contains(row, "keywords: envoy") {
		t.Errorf("the new feed's row reads %q", row)
	}
	if err := chromedp.Do(c,
		chromedp.Click(chromedp.CSS(`table.feeds form.feed-poll button`)),
		// The page comes back with the feed's status once the poll is done.
		chromedp.WaitVisible(chromedp.CSS(`table.feeds tr[data-status]:not([data-status=""])`)),
	); err != nil {
		t.Fatalf("polling the feed: %v", err)
	}
	row, _ = chromedp.Run(c, chromedp.Text(chromedp.CSS(`table.feeds tbody tr`)))
	if !strings.Contains(row, "ok") || strings.Contains(row, "not yet") || fs.count("/a/5") != 1 {
		t.Errorf("after the poll the row reads %q (article fetched %d times)", row, fs.count("/a/5"))
	}
	if png, err := chromedp.Run(c, chromedp.Screenshot(chromedp.CSS("#feeds"))); err == nil {
		out := filepath.Join("..", "..", "testout")
		if os.MkdirAll(out, 0o755) == nil && os.WriteFile(filepath.Join(out, "feeds.png"), png, 0o644) == nil {
			t.Logf("screenshot: %s", filepath.Join(out, "feeds.png"))
		}
	}
	log, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS(`ol.corrections`)))
	if !strings.Contains(log, "polled feed") || !strings.Contains(log, "1 new article(s)") || !strings.Contains(log, "added feed") {
		t.Errorf("the changes list reads %q", log)
	}
	if err := chromedp.Do(c, chromedp.Navigate(story), chromedp.WaitVisible(chromedp.CSS(`li.row`))); err != nil {
		t.Fatalf("story page: %v", err)
	}
	if timeline, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS(`main`))); !strings.Contains(timeline, "Oslo") {
		t.Errorf("the feed's event is not on the story page: %.400s", timeline)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}
