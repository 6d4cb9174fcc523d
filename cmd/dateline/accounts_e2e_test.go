//go:build e2e

package main

import (
	"context"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestE2ESignInThenPin: a reader sees no editing controls; an editor added
// with `dateline user add` signs in from the page's footer link, comes back
// to the filtered page, pins an entry, and is back on the same filtered
// page with the entry pinned; after signing out the controls are gone.
func TestE2ESignInThenPin(t *testing.T) {
	db := dbWithUser(t, "editor", "ann", "correct horse")
	base := serveDB(t, db)
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 60*time.Second)
	page := base + "/stories/" + sampleStory + "?kind=deadline"
	var tools int
	if err := chromedp.Do(c, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`li.row`))); err != nil {
		t.Fatalf("story page: %v", err)
	}
	tools, _ = chromedp.Run(c, chromedp.Evaluate[int](`document.querySelectorAll(".entry-tools, input[type=password]").length`))
	if tools != 0 {
		t.Errorf("the reader's page shows %d editing controls", tools)
	}
	if err := chromedp.Do(c,
		chromedp.Click(chromedp.CSS(`footer a[href^="/login"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.login input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=username]`), "ann"),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=password]`), "correct horse"),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.entry-tools button[value=pinned]`)),
	); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		t.Fatalf("signing in: %v; at %s: %.300s", err, loc, body)
	}
	if loc, _ := chromedp.Run(c, chromedp.Location()); loc != page {
		t.Errorf("after signing in at %s, want %s", loc, page)
	}
	id, err := chromedp.Run(c, chromedp.Evaluate[string](`document.querySelector("li.row[id^=event-]").id`))
	if err != nil || id == "" {
		t.Fatalf("first entry: %q %v", id, err)
	}
	if err := chromedp.Do(c,
		chromedp.Click(chromedp.CSS(`#`+id+` .entry-tools button[value=pinned]`)),
		chromedp.WaitVisible(chromedp.CSS(`li.row.pinned#`+id)),
	); err != nil {
		t.Fatalf("pinning: %v", err)
	}
	loc, _ := chromedp.Run(c, chromedp.Location())
	if u, err := url.Parse(loc); err != nil || u.RawQuery != "kind=deadline" || u.Fragment != id {
		t.Errorf("after pinning at %s, want the filtered page at #%s", loc, id)
	}
	if err := chromedp.Do(c,
		chromedp.Click(chromedp.CSS(`form.account button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`footer a[href^="/login"]`)),
		chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`li.row.pinned#`+id)),
	); err != nil {
		t.Fatalf("signing out: %v", err)
	}
	tools, _ = chromedp.Run(c, chromedp.Evaluate[int](`document.querySelectorAll(".entry-tools, form.account").length`))
	if tools != 0 {
		t.Errorf("after signing out the page still shows %d editing controls", tools)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// TestE2ECorrectAnEvent: a signed-in editor corrects an event's summary
// from its page; readers then see it marked corrected, with its log.
func TestE2ECorrectAnEvent(t *testing.T) {
	db := dbWithUser(t, "editor", "ann", "correct horse")
	base := serveDB(t, db)
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 60*time.Second)
	const fixed = "Witkoff and Putin meet in Moscow (corrected)"
	if err := chromedp.Do(c,
		chromedp.Navigate(base+"/login?next=/events/1"),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=username]`), "ann"),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=password]`), "correct horse"),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/events/1/edit"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/events/1/edit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.event-edit input[name=summary]`)),
		chromedp.SetValue(chromedp.CSS(`form.event-edit input[name=summary]`), fixed),
		chromedp.Click(chromedp.CSS(`form.event-edit button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#corrections`)),
	); err != nil {
		t.Fatalf("correcting: %v", err)
	}
	if h1, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS("h1"))); h1 != fixed {
		t.Errorf("after the correction the event reads %q", h1)
	}
	// Signed out, a reader sees the mark and the log, and no form.
	if err := chromedp.Do(c,
		chromedp.Click(chromedp.CSS(`form.account button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`footer a[href^="/login"]`)),
		chromedp.Navigate(base+"/events/1"), chromedp.WaitVisible(chromedp.CSS(`ol.corrections li`)),
	); err != nil {
		t.Fatalf("reading as a reader: %v", err)
	}
	log, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS(`ol.corrections li`)))
	forms, _ := chromedp.Run(c, chromedp.Evaluate[int](`document.querySelectorAll('a[href$="/edit"], .entry-tools').length`))
	if !strings.Contains(log, "by ann") || !strings.Contains(log, fixed) || forms != 0 {
		t.Errorf("reader's event page: log %q, %d editing links", log, forms)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// TestE2EAddAnArticle: a signed-in editor pastes an article into a story
// and finds its event on the story's timeline.
func TestE2EAddAnArticle(t *testing.T) {
	db := dbWithUser(t, "editor", "ann", "correct horse")
	base := serveDB(t, db)
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 60*time.Second)
	text := "Foreign ministers to meet in Geneva\n\nThe foreign ministers of Russia and Ukraine will meet in Geneva on 19 August 2025, the Swiss government said on Thursday."
	if err := chromedp.Do(c,
		chromedp.Navigate(base+"/login?next=/stories/"+sampleStory),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=username]`), "ann"),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=password]`), "correct horse"),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href$="/articles/new"]`)),
		chromedp.Click(chromedp.CSS(`a[href$="/articles/new"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.article-form textarea[name=text]`)),
		chromedp.SetValue(chromedp.CSS(`form.article-form textarea[name=text]`), text),
		chromedp.SendKeys(chromedp.CSS(`form.article-form input[name=source]`), "E2E Wire"),
		chromedp.Click(chromedp.CSS(`form.article-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#timeline-chart`)),
	); err != nil {
		t.Fatalf("adding an article: %v", err)
	}
	timeline, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS(`main`)))
	sources, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS(`ul.source-list`)))
	if !strings.Contains(timeline, "Geneva") || !strings.Contains(sources, "Geneva") {
		t.Errorf("the added article is not on the story page: timeline has Geneva %v, sources %q",
			strings.Contains(timeline, "Geneva"), sources)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// dbWithUser makes the sample story's database with one account added by
// `dateline user add` (role "editor" or "admin"), and returns its path.
func dbWithUser(t *testing.T, role, name, password string) string {
	t.Helper()
	db := testDB(t, filepath.Join(t.TempDir(), "e2e.db"))
	if code := run(context.Background(), []string{"user", "add", "--role", role, name, "--db", db},
		strings.NewReader(password+"\n"), io.Discard, io.Discard); code != 0 {
		t.Fatalf("user add exited %d", code)
	}
	return db
}
