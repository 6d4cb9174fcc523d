//go:build e2e

package main

// End-to-end tests in headless Chromium: the real `dateline serve` on
// 127.0.0.1 with a temporary database holding the sample story. Run with
//
//	go test -tags "sqlite_fts5 e2e" -run E2E ./cmd/dateline
//
// They skip when no Chromium is installed (Debian: chromium chromium-driver).

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"dateline/models/store"
	"dateline/views"
)

// chromiumPath finds a Chromium or Chrome binary, "" when there is none.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startServer seeds a database with the samples and one story article with
// dated events, then runs `dateline serve --addr 127.0.0.1:0` in process
// and returns its base URL.
func startServer(t *testing.T) string {
	t.Helper()
	db := testDB(t, filepath.Join(t.TempDir(), "e2e.db"))
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := loadSamplesIfEmpty(ctx, st, testExtractor(t), io.Discard); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveArticle(ctx, storyFixtureArticle(), store.SaveOptions{StorySlug: "sanctions-deadline"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return serveDB(t, db)
}

// browserContext starts headless Chromium with a fresh profile.
func browserContext(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no chromium binary found: install the Debian packages chromium and chromium-driver to run the e2e tests")
	}
	// A start can fail on a loaded machine (the DevTools address not
	// printed in time): try again with a fresh profile, up to three times,
	// before failing the test.
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		var ctx context.Context
		if ctx, err = startBrowser(t, path); err == nil {
			return ctx
		}
		t.Logf("starting %s, attempt %d: %v", path, attempt, err)
	}
	t.Fatalf("starting %s: %v", path, err)
	return nil
}

// startBrowser starts one headless Chromium with a fresh profile and waits
// until it has opened a blank page.
func startBrowser(t *testing.T, path string) (context.Context, error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 1400),
		chromedp.WSURLReadTimeout(60 * time.Second),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		cancelA()
		return nil, err
	}
	t.Cleanup(func() { cancel(); cancelA() })
	return ctx, nil
}

// consoleErrors collects console errors, uncaught exceptions and browser
// log errors (CSP violations among them) from now on.
func consoleErrors(ctx context.Context) func() []string {
	var mu sync.Mutex
	var out []string
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				out = append(out, m.String()+" @ "+m.URL)
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), out...)
	}
}

func within(ctx context.Context, d time.Duration) context.Context {
	c, cancel := context.WithTimeout(ctx, d)
	go func() { <-c.Done(); cancel() }()
	return c
}

func TestE2EStoryPageDrawsCharts(t *testing.T) {
	requireCharts(t)
	base := startServer(t)
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 60*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(base+"/stories/sanctions-deadline"),
		chromedp.WaitVisible(chromedp.CSS(`#timeline-chart[data-drawn="true"] canvas`)),
		chromedp.WaitVisible(chromedp.CSS(`#speakers-chart[data-drawn="true"] canvas`)),
	); err != nil {
		t.Fatalf("charts not drawn: %v", err)
	}
	n, err := chromedp.Run(c, chromedp.Evaluate[int](`window.echarts.getInstanceByDom(document.getElementById("timeline-chart")).getOption().series.length`))
	if err != nil || n < 2 {
		t.Errorf("timeline chart series: %d, %v", n, err)
	}
	// A tooltip, drawn under the page's CSP (no inline styles allowed in markup).
	tip, err := chromedp.Run(c, chromedp.Evaluate[string](`(function(){
		var ch = window.echarts.getInstanceByDom(document.getElementById("timeline-chart"));
		ch.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 0});
		var el = document.querySelector("#timeline-chart div[style*='z-index']");
		var text = el ? el.textContent : "";
		ch.dispatchAction({type: "hideTip"});
		return text;
	})()`))
	if err != nil || tip == "" {
		t.Errorf("timeline tooltip: %q, %v", tip, err)
	}
	countdown, err := chromedp.Run(c, chromedp.Text(chromedp.CSS(".deadline-panel .countdown")))
	if err != nil || !strings.Contains(countdown, "ago") && !strings.Contains(countdown, "in ") {
		t.Errorf("deadline countdown %q: %v", countdown, err)
	}
	time.Sleep(300 * time.Millisecond) // let late console messages arrive
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors on the story page:\n%s", strings.Join(e, "\n"))
	}
	png, err := chromedp.Run(c, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join("..", "..", "testout")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "story.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", filepath.Join(out, "story.png"), len(png))
}

func TestE2EEmbedSizesItselfInAForeignPage(t *testing.T) {
	base := startServer(t)
	// The embedder: a page on another origin (another port) holding exactly
	// the snippet our story page offers.
	snippet := pageText(t, base+"/stories/sanctions-deadline", "#embed-snippet")
	if !strings.Contains(snippet, "<iframe") {
		t.Fatalf("no snippet: %q", snippet)
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>A newsroom page</title></head><body>
<h1>Our report</h1><div style="width:640px">%s</div><p id="after">after the embed</p></body></html>`, snippet)
	}))
	defer host.Close()
	if strings.HasPrefix(host.URL, base) {
		t.Fatal("the embedder must be on another origin")
	}
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 60*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(host.URL)); err != nil {
		t.Fatal(err)
	}
	// The snippet's iframe starts 480px high; the embed reports its real
	// height by postMessage and the snippet's listener applies it.
	h, err := iframeHeight(c)
	if h == 0 {
		t.Fatalf("the iframe never sized itself (last error %v)", err)
	}
	if h < 300 {
		t.Errorf("iframe height %v: too small for a story", h)
	}
	time.Sleep(500 * time.Millisecond) // the chart inside draws
	if png, err := chromedp.Run(c, chromedp.FullScreenshot(100)); err == nil {
		out := filepath.Join("..", "..", "testout")
		if os.MkdirAll(out, 0o755) == nil && os.WriteFile(filepath.Join(out, "embed.png"), png, 0o644) == nil {
			t.Logf("screenshot: %s", filepath.Join(out, "embed.png"))
		}
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors in the embedding page:\n%s", strings.Join(e, "\n"))
	}
}

func TestE2ECSVDownloadParses(t *testing.T) {
	base := startServer(t)
	ctx := browserContext(t)
	dir := t.TempDir()
	c := within(ctx, 60*time.Second)
	progress := chromedp.Events(c, browser.DownloadProgress)
	if err := chromedp.Do(c,
		chromedp.Navigate(base+"/stories/sanctions-deadline"),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: ptrTo(true)})
			return err
		}),
		chromedp.Click(chromedp.CSS(`a[href^="/export/events.csv"]`)),
	); err != nil {
		t.Fatal(err)
	}
	var file string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(dir, ev.GUID)
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("download cancelled")
		}
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("downloaded CSV does not parse: %v", err)
	}
	if strings.Join(recs[0], ",") != strings.Join(views.EventColumns, ",") || len(recs) < 4 {
		t.Errorf("CSV: header %q, %d rows", recs[0], len(recs)-1)
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestE2ECreateStoryInTheBrowser(t *testing.T) {
	base := startServer(t)
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 60*time.Second)
	if err := chromedp.Do(c,
		chromedp.Navigate(base+"/stories/new"),
		chromedp.SendKeys(chromedp.CSS(`input[name=slug]`), "putin-meetings"),
		chromedp.SendKeys(chromedp.CSS(`input[name=title]`), "Putin's meetings"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=people]`), "Vladimir Putin"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=kinds]`), "meeting"),
		chromedp.Click(chromedp.CSS(`form.stack button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#timeline-chart`)),
	); err != nil {
		t.Fatalf("creating a story in the browser: %v", err)
	}
	loc, _ := chromedp.Run(c, chromedp.Location())
	title, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS("h1")))
	if !strings.HasSuffix(loc, "/stories/putin-meetings") || title != "Putin's meetings" {
		t.Errorf("after the form: %s, %q", loc, title)
	}
	// Pinning from the page is for signed-in editors: TestE2ESignInThenPin.
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// TestE2EQuoteAttribution: a person's page shows a partial quote as its
// verbatim words with the clause they stand in (inner marks curly), the
// reporting words after the speaker, and no unnamed source has a page.
func TestE2EQuoteAttribution(t *testing.T) {
	base := startServer(t)
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 60*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(base+"/people/donald-trump"),
		chromedp.WaitVisible(chromedp.CSS("blockquote footer"))); err != nil {
		t.Fatalf("person page: %v", err)
	}
	ctxText, err := chromedp.Run(c, chromedp.Text(chromedp.CSS("blockquote p.context")))
	if err != nil || !strings.HasPrefix(ctxText, "in: ") || !strings.Contains(ctxText, "‘highly productive’") {
		t.Errorf("partial quote context %q %v, want the clause with inner curly marks", ctxText, err)
	}
	footer, err := chromedp.Run(c, chromedp.Text(chromedp.CSS("blockquote footer")))
	if err != nil || !strings.HasPrefix(footer, "Donald Trump ") || strings.HasPrefix(footer, "Donald Trump,") {
		t.Errorf("quote footer %q %v, want the speaker then the reporting words", footer, err)
	}
	resp, err := http.Get(base + "/people/a-senior-us-official")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unnamed source's page: status %d, want 404", resp.StatusCode)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// startDeadlineServer serves a database holding the story "russia": the
// articles of handlers/testdata/deadlines/russia, ingested as a user does
// (dateline ingest --story, with each file's publication time and outlet).
func startDeadlineServer(t *testing.T) string {
	t.Helper()
	db := testDB(t, filepath.Join(t.TempDir(), "deadlines.db"))
	files, _ := filepath.Glob(filepath.Join("..", "..", "handlers", "testdata", "deadlines", "russia", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no deadline story articles")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		args := []string{"ingest", "--db", db, "--story", "russia"}
		rest := string(b)
		for strings.HasPrefix(rest, "# ") {
			line, more, _ := strings.Cut(rest, "\n")
			k, v, _ := strings.Cut(strings.TrimPrefix(line, "# "), " ")
			args = append(args, "--"+k, v)
			rest = more
		}
		body := filepath.Join(t.TempDir(), filepath.Base(f))
		if err := os.WriteFile(body, []byte(rest), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errb strings.Builder
		if code := run(context.Background(), append(args, body), strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("ingest %s: %d %s", f, code, errb.String())
		}
	}
	return serveDB(t, db)
}

// TestE2EDeadlinePanelAndCard: the story page shows the deadline once, with
// its four changes and a drawn step chart; the deadline card, embedded from
// another origin, sizes itself, follows the reader's dark scheme and
// counts down.
func TestE2EDeadlinePanelAndCard(t *testing.T) {
	requireCharts(t)
	base := startDeadlineServer(t)
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	c := within(ctx, 60*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(base+"/stories/russia"),
		chromedp.WaitVisible(chromedp.CSS(`.deadline-panel [id^="deadline-chart-"][data-drawn="true"] canvas`)),
	); err != nil {
		t.Fatalf("deadline chart not drawn: %v", err)
	}
	panels, err := chromedp.Run(c, chromedp.Evaluate[int](`document.querySelectorAll("aside .deadline-panel").length`))
	if err != nil || panels != 1 {
		t.Errorf("deadline panels: %d, %v; want the thread once", panels, err)
	}
	steps, err := chromedp.Run(c, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("aside .thread-history .change")).map(function(e){return e.textContent}).join(" ")`))
	if err != nil || steps != "set shortened reaffirmed passed" {
		t.Errorf("history %q, %v", steps, err)
	}
	title, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS("aside .thread-title")))
	if !strings.Contains(title, "Donald Trump") || !strings.Contains(title, "Russia") {
		t.Errorf("thread title %q", title)
	}
	// The card, embedded by another site with the snippet the page offers.
	snippet := pageText(t, base+"/stories/russia", "#card-snippet")
	if !strings.Contains(snippet, "/embed/stories/russia/deadline") {
		t.Fatalf("no card snippet: %q", snippet)
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>A blog</title></head><body><div style="width:420px">%s</div></body></html>`, snippet)
	}))
	defer host.Close()
	darkScheme := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		return err
	})
	if err := chromedp.Do(c, darkScheme, chromedp.Navigate(host.URL)); err != nil {
		t.Fatal(err)
	}
	h, err := iframeHeight(c)
	if h < 100 || h > 1200 {
		t.Errorf("card height %v: it did not size itself (%v)", h, err)
	}
	if err := chromedp.Do(c, chromedp.Navigate(base+"/embed/stories/russia/deadline")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(c, chromedp.Evaluate[string](`(function(){
		var cd = document.querySelector(".deadline-card .countdown");
		return document.documentElement.getAttribute("data-theme") + "|" + getComputedStyle(document.documentElement).backgroundColor + "|" + (cd ? cd.textContent : "");
	})()`))
	parts := strings.Split(got, "|")
	if err != nil || len(parts) != 3 || parts[0] != "auto" || parts[1] != "rgb(18, 22, 28)" || !strings.Contains(parts[2], "passed") {
		t.Errorf("card: theme, background, countdown = %q, %v", got, err)
	}
	time.Sleep(300 * time.Millisecond)
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// serveDB runs `dateline serve` on database db on a loopback port for the
// test and returns its base URL; the server stops when the test ends.
func serveDB(t *testing.T, db string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var stderr strings.Builder
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}, strings.NewReader(""), pw, &stderr)
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

// pageText fetches url and returns the text of the element sel.
func pageText(t *testing.T, url, sel string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	d, err := goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return d.Find(sel).Text()
}

// iframeHeight waits up to 30 s for the page's iframe to take the height
// its embed reports (the snippet starts it at 480px) and returns it, 0 if
// it never does.
func iframeHeight(c context.Context) (float64, error) {
	var h float64
	var err error
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && h == 0; {
		h, err = chromedp.Run(c, chromedp.Evaluate[float64](
			`(function(){var f=document.querySelector("iframe");var h=f?parseFloat(f.style.height||"0"):0;return h>0&&h!==480?h:0})()`))
		if err != nil || h == 0 {
			h = 0
			time.Sleep(200 * time.Millisecond)
		}
	}
	return h, err
}

// requireCharts fails the test when this build embeds no ECharts.
func requireCharts(t *testing.T) {
	t.Helper()
	if !views.ChartsAvailable() {
		t.Fatal("ECharts is not embedded: run `make assets` (npm ci, then go generate ./views) first")
	}
}
