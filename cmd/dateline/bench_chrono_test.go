package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBenchChronoRuns times chrono-node on 20 generated articles when node
// and an installed chrono-node (npm ci) are there.
func TestBenchChronoRuns(t *testing.T) {
	c := newChronoBench()
	if !c.available() {
		t.Skip("node or node_modules/chrono-node missing (run npm ci); chrono-node comparison not tested")
	}
	c.rounds, c.maxSeconds, c.timeout = 1, 5, 2*time.Minute
	docs := generateCorpus(20, 5000, 1)
	ours := []benchRow{
		{"extract generated (20 docs, 0.1 MB), 1 core(s)", "MB/s", "12.0"},
		{"extract generated (20 docs, 0.1 MB), 2 core(s)", "MB/s", "20.0"},
	}
	rows := c.rows(context.Background(), "generated", docs, ours)
	got := map[string]string{}
	for _, r := range rows {
		if r.measure == "status" {
			t.Fatalf("chrono bench did not run: %s", r.value)
		}
		got[r.measure] = r.value
		if r.measure != "MB/s ratio" && !strings.Contains(r.stage, "(20 docs, ") {
			t.Errorf("row %q does not name the 20 docs", r.stage)
		}
	}
	for _, m := range []string{"MB/s", "articles/s", "dates found"} {
		v, err := strconv.ParseFloat(got[m], 64)
		if err != nil || v <= 0 {
			t.Errorf("%s = %q, want a positive number", m, got[m])
		}
	}
	ratio := strings.TrimSuffix(got["MB/s ratio"], "x")
	if v, err := strconv.ParseFloat(ratio, 64); err != nil || v <= 0 {
		t.Errorf("MB/s ratio = %q, want a positive ratio", got["MB/s ratio"])
	}
}

// TestBenchChronoSkipped checks that a missing node or chrono-node gives the
// one "skipped" row instead of failing the bench.
func TestBenchChronoSkipped(t *testing.T) {
	empty := t.TempDir()
	docs := generateCorpus(2, 500, 1)
	cases := map[string]chronoBench{
		"no node":        {node: "", root: moduleRoot(mustGetwd(t)), timeout: time.Minute, rounds: 1, maxSeconds: 1},
		"no module root": {node: "node", root: "", timeout: time.Minute, rounds: 1, maxSeconds: 1},
		"empty root":     {node: "node", root: empty, timeout: time.Minute, rounds: 1, maxSeconds: 1},
	}
	for name, c := range cases {
		rows := c.rows(context.Background(), "generated", docs, nil)
		if len(rows) != 1 || rows[0].value != chronoSkipped {
			t.Errorf("%s: rows = %v, want one %q row", name, rows, chronoSkipped)
		}
	}

	// With PATH pointing at an empty folder, newChronoBench finds no node.
	t.Setenv("PATH", empty)
	if c := newChronoBench(); c.node != "" || c.available() {
		t.Errorf("with an empty PATH: node = %q, available = %v", c.node, c.available())
	}
}

// TestBenchChronoFailed checks that a script that fails becomes a "failed"
// row carrying its message, not a failed bench.
func TestBenchChronoFailed(t *testing.T) {
	c := newChronoBench()
	if c.node == "" {
		t.Skip("node not on PATH")
	}
	c.root, c.timeout = t.TempDir(), time.Minute
	for path, body := range map[string]string{
		c.script(): "process.stderr.write('broken on purpose'); process.exit(3);\n",
		filepath.Join(c.root, "node_modules", "chrono-node", "package.json"): "{}\n",
	} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rows := c.rows(context.Background(), "generated", generateCorpus(2, 500, 1), nil)
	if len(rows) != 1 || !strings.HasPrefix(rows[0].value, "failed: ") || !strings.Contains(rows[0].value, "broken on purpose") {
		t.Errorf("rows = %v, want one failed row with the script's message", rows)
	}
}

func TestModuleRoot(t *testing.T) {
	root := moduleRoot(mustGetwd(t))
	if root == "" {
		t.Fatal("no module root above the package folder")
	}
	if _, err := os.Stat(filepath.Join(root, "cmd", "dateline", "chrono", "bench.mjs")); err != nil {
		t.Errorf("module root %s has no chrono script: %v", root, err)
	}
	if got := moduleRoot(t.TempDir()); got != "" {
		t.Errorf("moduleRoot(temp dir) = %q, want none", got)
	}
}

func TestOneCoreMBPerS(t *testing.T) {
	rows := []benchRow{
		{"extract x (1 docs, 0.1 MB), 1 core(s)", "articles/s", "700"},
		{"extract x (1 docs, 0.1 MB), 1 core(s)", "MB/s", "6.5"},
		{"extract x (1 docs, 0.1 MB), 2 core(s)", "MB/s", "11.0"},
	}
	if v, ok := oneCoreMBPerS(rows); !ok || v != 6.5 {
		t.Errorf("oneCoreMBPerS = %v, %v; want 6.5, true", v, ok)
	}
	if _, ok := oneCoreMBPerS(rows[2:]); ok {
		t.Error("found a one-core figure among two-core rows")
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// TestBenchWriteCorpus writes a generated corpus and ingests it: every file
// is a new article.
func TestBenchWriteCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	code, out, errs := cli(t, "", "bench", "--write-corpus", dir, "--articles", "30", "--article-bytes", "600")
	if code != 0 || !strings.Contains(out, "wrote 30 articles") {
		t.Fatalf("bench --write-corpus: %d %q %q", code, out, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) != 30 {
		t.Fatalf("%d files, want 30", len(files))
	}
	db := filepath.Join(t.TempDir(), "d.db")
	if code, out, errs := cli(t, "", "ingest", "--db", db, "--fetched-at", "2025-08-07T12:00:00Z", dir); code != 0 || !strings.Contains(out, "30 new article(s)") {
		t.Fatalf("ingest: %d %q %q", code, out, errs)
	}
	if code, _, errs := cli(t, "", "bench", "--write-corpus", filepath.Join(files[0], "x")); code != 1 || errs == "" {
		t.Errorf("a folder inside a file: exit %d, %q", code, errs)
	}
}
