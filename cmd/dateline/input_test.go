package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cliWithin runs dateline in process like cli, failing the test when it
// has not returned after limit (a blocked read hangs for good otherwise).
func cliWithin(t *testing.T, limit time.Duration, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errs := cli(t, "", args...)
		done <- result{code, out, errs}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(limit):
		t.Fatalf("%q still running after %s", args, limit)
	}
	return 0, "", ""
}

// mkfifo makes a named pipe at path that no one ever writes to.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
}

// TestIngestSkipsNonRegularFiles: a FIFO among the articles of a folder
// (reading it blocked ingest for good) is skipped with a line naming it,
// and the regular files are stored.
func TestIngestSkipsNonRegularFiles(t *testing.T) {
	dir := copyFixtures(t, "wire.txt")
	mkfifo(t, filepath.Join(dir, "fifo.txt"))
	db := filepath.Join(t.TempDir(), "d.db")
	code, out, errs := cliWithin(t, time.Minute, "ingest", "--db", db, "--fetched-at", fetched, dir)
	if code != 0 || !strings.Contains(out, "1 input(s): 1 new article(s)") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if want := filepath.Join(dir, "fifo.txt") + ": skipped, not a regular file"; !strings.Contains(errs, want) {
		t.Errorf("stderr %q lacks %q", errs, want)
	}
}

// TestReadNonRegularFileFails: a FIFO, a device or a folder named on the
// command line is a clear error, not a hang.
func TestReadNonRegularFileFails(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.txt")
	mkfifo(t, fifo)
	db := filepath.Join(t.TempDir(), "d.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"extract", fifo}, "not a regular file (a named pipe)"},
		{[]string{"extract", os.DevNull}, "not a regular file (a device)"},
		{[]string{"extract", t.TempDir()}, "not a regular file (a folder)"},
		{[]string{"ingest", "--db", db, fifo}, "not a regular file (a named pipe)"},
	} {
		code, out, errs := cliWithin(t, 30*time.Second, tc.args...)
		if code != 1 || !strings.Contains(errs, tc.want) || !strings.Contains(errs, "give -") {
			t.Errorf("%q: exit %d, stderr %q, want 1 and %q", tc.args, code, errs, tc.want)
		}
		if tc.args[0] == "extract" && out != "" {
			t.Errorf("%q: stdout %q, want nothing", tc.args, out)
		}
	}
}

// TestIngestSymlinkedFolder: a folder given through a symbolic link is
// walked (filepath.WalkDir alone does not follow it), its files named
// under the link.
func TestIngestSymlinkedFolder(t *testing.T) {
	dir := copyFixtures(t, "wire.txt")
	link := filepath.Join(t.TempDir(), "articles")
	if err := os.Symlink(dir, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	db := filepath.Join(t.TempDir(), "d.db")
	code, out, errs := cli(t, "", "ingest", "-v", "--db", db, "--fetched-at", fetched, link)
	if code != 0 || !strings.Contains(out, filepath.Join(link, "wire.txt")+": 1 new article(s)") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
}

// TestReadAbandonable: a read that never returns (a pipe nobody writes)
// is given up when the context ends.
func TestReadAbandonable(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	start := time.Now()
	_, err := readAbandonable(ctx, r, r, 100)
	if err == nil || !strings.Contains(err.Error(), "interrupted") || time.Since(start) > 5*time.Second {
		t.Errorf("got %v after %s, want interrupted soon after the cancel", err, time.Since(start))
	}
}

// TestIngestStopsOnSignal sends SIGINT or SIGTERM to an ingest of a big
// folder holding a FIFO too (a worker stuck opening it kept ingest from
// ever ending): it stops within a few seconds and prints the summary of
// what it stored, which matches the database.
func TestIngestStopsOnSignal(t *testing.T) {
	bin := datelineBinary(t)
	dir := writeCorpus(t, 3000, 5)
	mkfifo(t, filepath.Join(dir, "0-fifo.txt"))
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "d.db")
			p := start(t, bin, "ingest", "--db", db, "--fetched-at", fetched, dir)
			waitForArticles(t, p, db, 100)
			sent := time.Now()
			p.cmd.Process.Signal(sig)
			code := p.wait(t, 30*time.Second)
			if took := time.Since(sent); took > 5*time.Second {
				t.Errorf("exit %s after the signal, want within 5 s", took)
			}
			out, errs := p.stdout.String(), p.stderr.String()
			if code != 1 || !strings.Contains(errs, "interrupted;") {
				t.Fatalf("exit %d, want 1 and interrupted\nstdout: %s\nstderr: %s", code, out, errs)
			}
			c, ok := dbState(t, db)
			t.Logf("stopped %s after the signal with %d articles stored", time.Since(sent).Round(time.Millisecond), c.Articles)
			if want := fmt.Sprintf(": %d new article(s)", c.Articles); ok != "ok" || !strings.Contains(out, want) {
				t.Errorf("summary %q lacks %q (integrity %s)", out, want, ok)
			}
		})
	}
}

// TestFetchedAtFromFileTimeIsSaid: without --fetched-at, relative ages
// resolve against the file's modification time; extract and ingest say so
// on stderr, and say nothing when --fetched-at is given.
func TestFetchedAtFromFileTimeIsSaid(t *testing.T) {
	dir := copyFixtures(t, "aggregator.txt")
	file := filepath.Join(dir, "aggregator.txt")
	mtime := time.Date(2025, 8, 7, 9, 30, 0, 0, time.UTC)
	if err := os.Chtimes(file, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	note := "no --fetched-at, so relative dates (\"3 hours ago\") were resolved against the file's modification time, 2025-08-07T09:30:00Z"
	for _, tc := range []struct {
		args []string
		said bool
	}{
		{[]string{"extract", file}, true},
		{[]string{"extract", "--fetched-at", fetched, file}, false},
		{[]string{"ingest", "--db", filepath.Join(t.TempDir(), "a.db"), dir}, true},
		{[]string{"ingest", "--db", filepath.Join(t.TempDir(), "b.db"), "--fetched-at", fetched, dir}, false},
	} {
		code, _, errs := cli(t, "", tc.args...)
		if code != 0 || strings.Contains(errs, note) != tc.said {
			t.Errorf("%q: exit %d, stderr %q; want the note: %t", tc.args, code, errs, tc.said)
		}
	}
}

// TestIngestFolderEndings: a folder walk takes exactly the endings the
// usage names; a README.md beside the articles is not an article.
func TestIngestFolderEndings(t *testing.T) {
	dir := copyFixtures(t, "wire.txt")
	// Copies of the fixtures: the ones taken come out as duplicates.
	for n, from := range map[string]string{"README.md": "wire.txt", "notes.markdown": "wire.txt",
		"a.TEXT": "wire.txt", "b.xhtml": "page.html", "c.htm": "page.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", "ingest", from))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, n), b, 0o644)
	}
	db := filepath.Join(t.TempDir(), "d.db")
	code, out, errs := cli(t, "", "ingest", "-v", "--db", db, "--fetched-at", fetched, dir)
	if code != 0 || !strings.Contains(out, "4 input(s)") || strings.Contains(out, "README.md") {
		t.Fatalf("exit %d, want 4 inputs and no README.md\n%s%s", code, out, errs)
	}
	code, _, errs = cli(t, "", "ingest", "-h")
	if code != 0 || !strings.Contains(errs, ingestExtList) {
		t.Errorf("ingest -h does not list the endings %q:\n%s", ingestExtList, errs)
	}
}
