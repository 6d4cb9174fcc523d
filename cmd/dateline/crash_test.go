package main

// Crash and concurrency tests: they run the real dateline binary as
// separate processes on one database, kill it with SIGKILL mid-write, and
// run several writers and a server at once. They take a few seconds each,
// so -short skips them.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dateline/models/store"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// datelineBinary builds cmd/dateline once per test run (with the sqlite_fts5
// tag) and returns its path. Only the tests that need a real process pay
// for the build.
func datelineBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the built binary; skipped with -short")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dateline-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "dateline")
		out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// TestMain removes the binary datelineBinary built, if any.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// proc is a dateline process started by a test.
type proc struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan struct{}
	err            error
}

// start runs the binary with args in the background; the process is killed
// when the test ends, if it is still running.
func start(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), "DATELINE_TOKEN=")
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// wait waits for p to end (at most limit) and returns its exit code.
func (p *proc) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(limit):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("%v still running after %s\nstderr: %s", p.cmd.Args, limit, p.stderr.String())
	}
	return p.cmd.ProcessState.ExitCode()
}

// writeCorpus writes n generated wire stories, one article each, into a
// new folder and returns it. Each carries a serial number so that no two
// are the same article.
func writeCorpus(t *testing.T, n int, seed int64) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeCorpusFiles(dir, generateCorpus(n, 500, seed), seed); err != nil {
		t.Fatal(err)
	}
	return dir
}

// dbState opens path and returns its counts and integrity_check answer.
func dbState(t *testing.T, path string) (store.Counts, string) {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	ok, err := st.IntegrityCheck(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c, ok
}

// articleCount reads the number of articles, or -1 when the database is
// not readable yet (still being created).
func articleCount(path string) int64 {
	if _, err := os.Stat(path); err != nil {
		return -1
	}
	st, err := store.Open(path)
	if err != nil {
		return -1
	}
	defer st.Close()
	c, err := st.Counts(context.Background())
	if err != nil {
		return -1
	}
	return c.Articles
}

// waitForArticles polls path until it holds at least n articles.
func waitForArticles(t *testing.T, p *proc, path string, n int64) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if articleCount(path) >= n {
			return
		}
		select {
		case <-p.done:
			t.Fatalf("ingest ended before %d articles were stored: %s", n, p.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("fewer than %d articles after 60 s", n)
}

// TestCrashKillMidIngest kills an ingest of thousands of files with SIGKILL
// while it writes: the database passes integrity_check, and running the
// same ingest again stores every article exactly once.
func TestCrashKillMidIngest(t *testing.T) {
	bin := datelineBinary(t)
	const n = 2000
	dir := writeCorpus(t, n, 1)
	db := filepath.Join(t.TempDir(), "crash.db")
	args := []string{"ingest", "--db", db, "--fetched-at", fetched, dir}
	p := start(t, bin, args...)
	waitForArticles(t, p, db, 300)
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
	c, ok := dbState(t, db)
	if ok != "ok" {
		t.Fatalf("integrity_check after kill -9: %s", ok)
	}
	if c.Articles >= n {
		t.Fatalf("the kill came too late to test anything: %d articles", c.Articles)
	}
	t.Logf("killed with %d of %d articles stored", c.Articles, n)
	again := start(t, bin, args...)
	if code := again.wait(t, 3*time.Minute); code != 0 {
		t.Fatalf("second run: exit %d\n%s%s", code, again.stdout.String(), again.stderr.String())
	}
	c2, ok := dbState(t, db)
	if ok != "ok" || c2.Articles != n {
		t.Errorf("after the second run: integrity %q, %d articles, want %d", ok, c2.Articles, n)
	}
	want := fmt.Sprintf("%d new article(s), %d duplicate(s)", n-int(c.Articles), c.Articles)
	if !strings.Contains(again.stdout.String(), want) {
		t.Errorf("second run summary %q lacks %q", again.stdout.String(), want)
	}
	// A third run adds nothing.
	third := start(t, bin, args...)
	if code := third.wait(t, 2*time.Minute); code != 0 || !strings.Contains(third.stdout.String(), " 0 new article(s)") {
		t.Errorf("third run: exit %d %s", code, third.stdout.String())
	}
}

// startServe runs dateline serve on a free loopback port and returns its
// base URL and the sample story's slug once it answers.
func startServe(t *testing.T, bin, db string) (*proc, string, string) {
	t.Helper()
	pr, pw := io.Pipe()
	p := &proc{cmd: exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0"), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), "DATELINE_TOKEN=")
	p.cmd.Stdout, p.cmd.Stderr = pw, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); pw.Close(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	base, slug := "", ""
	sc := bufio.NewScanner(pr)
	serving := regexp.MustCompile(`serving (http://[0-9.:]+)/`)
	latest := regexp.MustCompile(`latest story: http://[0-9.:]+/stories/(\S+)`)
	for (base == "" || slug == "") && sc.Scan() {
		if m := serving.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
		}
		if m := latest.FindStringSubmatch(sc.Text()); m != nil {
			slug = m[1]
		}
	}
	go io.Copy(&p.stdout, pr)
	if base == "" || slug == "" {
		t.Fatalf("serve did not start: %s", p.stderr.String())
	}
	return p, base, slug
}

// TestMultiProcessIngestAndServe runs three ingest processes (two of them on
// the same files) and a server on one database at once: no "database is
// locked", every exit 0, every article stored once, and the server answers
// 200 throughout.
func TestMultiProcessIngestAndServe(t *testing.T) {
	bin := datelineBinary(t)
	db := filepath.Join(t.TempDir(), "shared.db")
	srv, base, slug := startServe(t, bin, db)
	before, _ := dbState(t, db)
	a, b := writeCorpus(t, 600, 2), writeCorpus(t, 600, 3)

	stop := make(chan struct{})
	var polls, failures int
	var firstFailure string
	var pollWG sync.WaitGroup
	pollWG.Add(1)
	go func() {
		defer pollWG.Done()
		paths := []string{"/stories/" + slug, "/healthz", "/export/events.csv?story=" + slug, "/api/stories"}
		client := &http.Client{Timeout: 10 * time.Second}
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			resp, err := client.Get(base + paths[i%len(paths)])
			polls++
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			if err != nil || resp.StatusCode != 200 {
				failures++
				if firstFailure == "" {
					firstFailure = fmt.Sprint(paths[i%len(paths)], err, resp)
				}
			}
		}
	}()
	var ingests []*proc
	for _, dir := range []string{a, b, a} {
		ingests = append(ingests, start(t, bin, "ingest", "--db", db, "--fetched-at", fetched, "--workers", "1", dir))
	}
	for i, p := range ingests {
		code := p.wait(t, 3*time.Minute)
		if code != 0 || strings.Contains(strings.ToLower(p.stderr.String()), "locked") {
			t.Errorf("ingest %d: exit %d\n%s%s", i, code, p.stdout.String(), p.stderr.String())
		}
	}
	close(stop)
	pollWG.Wait()
	if failures > 0 || polls < 10 {
		t.Errorf("%d of %d server requests failed during the ingests; first: %s", failures, polls, firstFailure)
	}
	t.Logf("%d server requests during the ingests, %d failed", polls, failures)
	srv.cmd.Process.Signal(syscall.SIGTERM)
	if code := srv.wait(t, 30*time.Second); code != 0 {
		t.Errorf("serve after SIGTERM: exit %d\n%s", code, srv.stderr.String())
	}
	if strings.Contains(strings.ToLower(srv.stderr.String()), "locked") {
		t.Errorf("server log mentions a locked database:\n%s", srv.stderr.String())
	}
	after, ok := dbState(t, db)
	if ok != "ok" || after.Articles != before.Articles+1200 {
		t.Errorf("integrity %q, %d articles, want %d", ok, after.Articles, before.Articles+1200)
	}
}

// TestBackupWhileIngesting copies the database with dateline backup while
// an ingest writes to it: the copy passes integrity_check and holds a
// consistent prefix of the articles.
func TestBackupWhileIngesting(t *testing.T) {
	bin := datelineBinary(t)
	const n = 1500
	dir := writeCorpus(t, n, 4)
	db := filepath.Join(t.TempDir(), "live.db")
	p := start(t, bin, "ingest", "--db", db, "--fetched-at", fetched, dir)
	waitForArticles(t, p, db, 200)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	b := start(t, bin, "backup", "--db", db, copyPath)
	if code := b.wait(t, time.Minute); code != 0 {
		t.Fatalf("backup: exit %d %s", code, b.stderr.String())
	}
	if code := p.wait(t, 3*time.Minute); code != 0 {
		t.Fatalf("ingest: exit %d %s", code, p.stderr.String())
	}
	c, ok := dbState(t, copyPath)
	if ok != "ok" {
		t.Fatalf("backup integrity_check: %s", ok)
	}
	if c.Articles < 200 || c.Articles > n {
		t.Errorf("backup holds %d articles, want between 200 and %d", c.Articles, n)
	}
	t.Logf("backup taken mid-ingest holds %d of %d articles", c.Articles, n)
	if full, _ := dbState(t, db); full.Articles != n {
		t.Errorf("live database: %d articles, want %d", full.Articles, n)
	}
}
