//go:build e2e

package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// serveArgs runs `dateline serve` with extra flags on a loopback port for
// the test and returns its base URL; the server stops when the test ends.
func serveArgs(t *testing.T, db string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var stderr syncBuffer
	go func() {
		args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--access-log=false"}, extra...)
		done <- run(ctx, args, strings.NewReader(""), pw, &stderr)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, stderr.String())
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v %s", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	i := strings.Index(line, "http://")
	return strings.TrimSuffix(strings.Fields(line[i:])[0], "/")
}

// TestE2EFeedItemShowsOnOpenPage: a story page and its embed are open in
// Chromium while serve --feed-interval polls the story's feed; a new item
// in the feed becomes an article, the page says "1 new event" (without
// reloading) and the embed reloads itself with the new event in it.
func TestE2EFeedItemShowsOnOpenPage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "live.db")
	fs := newFeedServer(t)
	fs.set(func(fs *feedServer) { fs.items = []string{item(fs.URL, 1, "Envoy arrives")} })
	if code, _, errs := cli(t, "", "feed", "add", "--db", db, "--story", "talks", "--allow-private", fs.URL+"/feed"); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs := cli(t, "", "feed", "poll", "--db", db); code != 0 || !strings.Contains(out, "1 new article(s)") {
		t.Fatalf("first poll: %s %s", out, errs)
	}
	base := serveArgs(t, db, "--feed-interval", "1s")
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 90*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(base+"/stories/talks"),
		chromedp.WaitReady(`p.live[data-live-base]`)); err != nil {
		t.Fatalf("the page never took its baseline: %v", err)
	}
	embed, cancelEmbed := chromedp.NewContext(c)
	defer cancelEmbed()
	if err := chromedp.Do(embed, chromedp.Navigate(base+"/embed/stories/talks"),
		chromedp.WaitReady(`[data-live-version][data-live-base]`)); err != nil {
		t.Fatalf("the embed never took its baseline: %v", err)
	}
	if _, err := chromedp.Run(embed, chromedp.Evaluate[bool](`window.beforeReload = true`)); err != nil {
		t.Fatalf("the embed never took its baseline: %v", err)
	}
	if strings.Contains(pageText(t, base+"/embed/stories/talks", "body"), "Oslo") {
		t.Fatal("the new item's city is on the embed before the item")
	}
	fs.set(func(fs *feedServer) { fs.items = append(fs.items, item(fs.URL, 5, "Envoy in Oslo")) })
	// The poller looks for due feeds every 5 s; the pages poll every 30 s
	// and at once when they become visible, which the test stands in for.
	var notice string
	for deadline := time.Now().Add(40 * time.Second); time.Now().Before(deadline); time.Sleep(time.Second) {
		notice, _ = chromedp.Run(c, chromedp.Evaluate[string](`(function(){
			document.dispatchEvent(new Event("visibilitychange"));
			var el = document.querySelector("p.live");
			return el.hidden ? "" : el.textContent;
		})()`))
		if notice != "" {
			break
		}
	}
	if !strings.Contains(notice, "new event") || !strings.Contains(notice, "Reload") {
		t.Fatalf("no notice of the new events on the open page: %q (feed hits %d)", notice, fs.count("/a/5"))
	}
	if png, err := chromedp.Run(c, chromedp.Screenshot(chromedp.CSS("main"))); err == nil {
		out := filepath.Join("..", "..", "testout")
		if os.MkdirAll(out, 0o755) == nil && os.WriteFile(filepath.Join(out, "live.png"), png, 0o644) == nil {
			t.Logf("screenshot: %s", filepath.Join(out, "live.png"))
		}
	}
	var reloaded bool
	var text string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && !reloaded; time.Sleep(500 * time.Millisecond) {
		chromedp.Run(embed, chromedp.Evaluate[bool](`document.dispatchEvent(new Event("visibilitychange"))`))
		reloaded, _ = chromedp.Run(embed, chromedp.Evaluate[bool](`window.beforeReload !== true && document.readyState === "complete"`))
	}
	if !reloaded {
		t.Fatal("the embed did not reload itself")
	}
	text, err := chromedp.Run(embed, chromedp.Text(chromedp.CSS("body")))
	if err != nil || !strings.Contains(text, "Oslo") {
		t.Errorf("the reloaded embed lacks the new event: %v\n%s", err, text)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}
