package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// chronoSkipped is the value of the one row the bench prints when chrono-node
// cannot be run here. The comparison is optional: the bench never fails for it.
const chronoSkipped = "skipped: node or chrono-node not installed (npm ci)"

// chronoBench says how to time chrono-node beside our extraction: which node
// to run, and the module root that holds cmd/dateline/chrono/bench.mjs and
// node_modules/chrono-node.
type chronoBench struct {
	node       string        // node executable; "" when node is not on PATH
	root       string        // folder of dateline's go.mod; "" when not found
	timeout    time.Duration // for the whole node run, warm-up included
	rounds     int           // timed passes over the texts
	maxSeconds float64       // stop after this long once one pass is done
}

// chronoResult is the JSON line bench.mjs prints. Bytes and Docs are per
// pass; Dates counts chrono's results in one pass.
type chronoResult struct {
	Bytes    int64   `json:"bytes"`
	Docs     int     `json:"docs"`
	Rounds   int     `json:"rounds"`
	Seconds  float64 `json:"seconds"`
	MBPerS   float64 `json:"mb_per_s"`
	DocsPerS float64 `json:"docs_per_s"`
	Dates    int     `json:"dates"`
	// WarmupBytes were parsed before timing, at WarmupMBPerS (JIT cold).
	WarmupBytes  int64   `json:"warmup_bytes"`
	WarmupMBPerS float64 `json:"warmup_mb_per_s"`
}

// newChronoBench finds node on PATH and the module root above the working
// directory. Three timed passes, cut short after 20 s, keep a 10 MB corpus
// (about 8 s a pass for chrono) from dominating the bench.
func newChronoBench() chronoBench {
	node, _ := exec.LookPath("node")
	wd, _ := os.Getwd()
	return chronoBench{node: node, root: moduleRoot(wd), timeout: 10 * time.Minute, rounds: 3, maxSeconds: 20}
}

// moduleRoot walks up from dir to the folder whose go.mod declares module
// dateline; it returns "" when there is none (a binary run elsewhere).
func moduleRoot(dir string) string {
	for dir != "" {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			line, _, _ := strings.Cut(string(b), "\n")
			if strings.TrimSpace(line) == "module dateline" {
				return dir
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	return ""
}

func (c chronoBench) script() string {
	return filepath.Join(c.root, "cmd", "dateline", "chrono", "bench.mjs")
}

// available reports whether node, the script and an installed chrono-node
// are all there.
func (c chronoBench) available() bool {
	if c.node == "" || c.root == "" {
		return false
	}
	for _, p := range []string{c.script(), filepath.Join(c.root, "node_modules", "chrono-node", "package.json")} {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}

// benchChrono times chrono-node on docs and returns its rows, plus the
// ratio of our one-core extraction speed (read from ours, the rows
// benchExtraction made for the same docs) to chrono's.
func benchChrono(ctx context.Context, name string, docs []corpusArticle, ours []benchRow) []benchRow {
	return newChronoBench().rows(ctx, name, docs, ours)
}

func (c chronoBench) rows(ctx context.Context, name string, docs []corpusArticle, ours []benchRow) []benchRow {
	if !c.available() {
		return []benchRow{{"chrono-node dates only, " + name, "status", chronoSkipped}}
	}
	res, err := c.run(ctx, docs)
	if err != nil {
		return []benchRow{{"chrono-node dates only, " + name, "status", "failed: " + err.Error()}}
	}
	label := fmt.Sprintf("chrono-node dates only, %s (%d docs, %.1f MB), 1 core", name, res.Docs, float64(res.Bytes)/1e6)
	rows := []benchRow{
		{label, "MB/s", fmt.Sprintf("%.2f", res.MBPerS)},
		{label, "articles/s", fmt.Sprintf("%.0f", res.DocsPerS)},
		{label, "dates found", strconv.Itoa(res.Dates)},
		{label, fmt.Sprintf("MB/s in warm-up (first %.1f MB, cold)", float64(res.WarmupBytes)/1e6), fmt.Sprintf("%.2f", res.WarmupMBPerS)},
	}
	if mine, ok := oneCoreMBPerS(ours); ok && res.MBPerS > 0 {
		rows = append(rows, benchRow{"dateline extraction / chrono-node, " + name + ", 1 core", "MB/s ratio",
			fmt.Sprintf("%.1fx", mine/res.MBPerS)})
	}
	if dates, ok := datesMBPerS(ours); ok && res.MBPerS > 0 {
		rows = append(rows, benchRow{"dateline dates only / chrono-node, " + name + ", 1 core", "MB/s ratio",
			fmt.Sprintf("%.1fx", dates/res.MBPerS)})
	}
	return rows
}

// datesMBPerS finds the MB/s in benchDates's rows.
func datesMBPerS(rows []benchRow) (float64, bool) {
	for _, r := range rows {
		if r.measure == "MB/s" && strings.HasPrefix(r.stage, datesOnly) {
			v, err := strconv.ParseFloat(r.value, 64)
			return v, err == nil
		}
	}
	return 0, false
}

// oneCoreMBPerS finds the one-core MB/s in benchExtraction's rows.
func oneCoreMBPerS(rows []benchRow) (float64, bool) {
	for _, r := range rows {
		if r.measure == "MB/s" && strings.HasSuffix(r.stage, ", 1 core(s)") {
			v, err := strconv.ParseFloat(r.value, 64)
			return v, err == nil
		}
	}
	return 0, false
}

// run writes docs to a temporary JSON lines file, runs bench.mjs on it and
// reads its result line. A timeout, a crash or a malformed line is an error.
func (c chronoBench) run(ctx context.Context, docs []corpusArticle) (chronoResult, error) {
	var res chronoResult
	path, err := writeChronoInput(docs)
	if err != nil {
		return res, err
	}
	defer os.Remove(path)
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.node, c.script(),
		"--rounds", strconv.Itoa(c.rounds), "--max-seconds", strconv.FormatFloat(c.maxSeconds, 'f', -1, 64), path)
	cmd.Dir = c.root
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return res, fmt.Errorf("node %s: %w: %s", filepath.Base(c.script()), err, strings.TrimSpace(stderr.String()))
	}
	if err := json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &res); err != nil {
		return res, fmt.Errorf("reading chrono bench output %q: %w", stdout.String(), err)
	}
	if res.Docs != len(docs) || res.Seconds <= 0 {
		return res, errors.New("chrono bench output does not match its input")
	}
	return res, nil
}

// writeChronoInput writes one {"text", "published_at"} line per article to
// a new temporary file and returns its path.
func writeChronoInput(docs []corpusArticle) (string, error) {
	f, err := os.CreateTemp("", "dateline-chrono-*.jsonl")
	if err != nil {
		return "", err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, d := range docs {
		line := struct {
			Text        string `json:"text"`
			PublishedAt string `json:"published_at"`
		}{d.Text, d.Published.Format(time.RFC3339)}
		if err = enc.Encode(line); err != nil {
			break
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
