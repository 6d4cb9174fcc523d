package main

// Hostile input through the commands a user runs: every awkward file gets
// a clear reason naming it or a sane result, never a panic, a hang or a
// half-written database.

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileFile is one generated awkward input and what each command should
// make of it.
type hostileFile struct {
	name string
	data []byte
	ok   bool   // ingest stores an article
	want string // with !ok: in the ingest's and extract's stderr
	body string // with ok: in the extracted body
}

// hostileFiles generates the inputs of issue 6 (none is kept in the repo:
// one is 50 MB).
func hostileFiles() []hostileFile {
	bigLine := []byte("All work and no play makes the envoy a dull negotiator. ")
	return []hostileFile{
		{name: "empty.txt", data: nil, want: "no article text found"},
		{name: "blank.txt", data: []byte("  \n\n\t\n"), want: "no article text found"},
		{name: "binary.txt", data: append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 300)...), want: "binary data"},
		{name: "controls.txt", data: bytes.Repeat([]byte("a\x01\x02\x03\x04b"), 200), want: "binary data"},
		{name: "big.txt", data: bytes.Repeat(bigLine, 50<<20/len(bigLine)+1), want: "big.txt: larger than the 10485760-byte limit"},
		{name: "badutf8.txt", data: []byte("Talks in Gen\xe8ve \xff\xfe\n\nThe envoy met officials in Geneva on Monday \xc3\x28, a spokesman said."), ok: true, body: "Geneva on Monday"},
		{name: "latin1.txt", data: []byte("Caf\xe9 diplomacy in Z\xfcrich\n\nThe ministers met in Z\xfcrich on Monday, officials said."), ok: true, body: "Zürich on Monday"},
		{name: "cp1252.txt", data: []byte("Talks \x96 again\n\nThe minister said \x93we will act by Friday\x94 on Monday, officials said."), ok: true, body: "“we will act by Friday”"},
		{name: "utf16.txt", data: utf16LE("Talks in Vienna\n\nThe envoy arrived in Vienna on Tuesday, his office said."), ok: true, body: "Vienna on Tuesday"},
		{name: "deep.html", data: []byte("<html><body>" + strings.Repeat("<div>", 50000) + "Officials met on Monday." + strings.Repeat("</div>", 50000) + "</body></html>"), want: "deep.html: cannot read HTML: cannot parse HTML: html: open stack of elements exceeds 512 nodes"},
		{name: "nobody.html", data: []byte("<html><head><title>Talks in Geneva</title></head></html>"), want: "nobody.html: cannot read HTML: no readable text"},
		{name: "notags.html", data: []byte("just words, no markup at all"), want: "notags.html: cannot read HTML: not an HTML page"},
		{name: "quotes.txt", data: append([]byte("Quote storm\n\n"), bytes.Repeat([]byte(`"`), 20000)...), ok: true, body: `""""`},
		{name: "curly.txt", data: append([]byte("Curly storm\n\n"), bytes.Repeat([]byte("“ ”"), 10000)...), ok: true, body: "“ ”"},
		{name: "unbalanced.txt", data: []byte("Talks stall\n\n" + strings.Repeat(`The envoy said "we will act on Monday. `, 2000)), ok: true, body: "The envoy said"},
		// Quadratic before sentences were capped: every quote carried the
		// whole 320 KB run.
		{name: "cueruns.txt", data: []byte("Yes storm\n\n" + strings.Repeat(`"Yes," he said, `, 20000)), ok: true, body: `"Yes," he said`},
		{name: "nosentences.txt", data: bytes.Repeat([]byte("word "), 200000), ok: true, body: "word word"},
	}
}

// utf16LE encodes s as UTF-16 little endian with a byte order mark.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// TestHardenHostileInputs runs ingest and extract on each generated input.
func TestHardenHostileInputs(t *testing.T) {
	dir := t.TempDir()
	for _, h := range hostileFiles() {
		t.Run(h.name, func(t *testing.T) {
			p := filepath.Join(dir, h.name)
			if err := os.WriteFile(p, h.data, 0o644); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(t.TempDir(), "d.db")
			code, out, errs := cli(t, "", "ingest", "--db", db, "--fetched-at", fetched, p)
			c := counts(t, db)
			if h.ok && (code != 0 || c.Articles != 1) {
				t.Errorf("ingest: exit %d, %d articles\n%s%s", code, c.Articles, out, errs)
			}
			if !h.ok && (code != 1 || !strings.Contains(errs, p+": ") || !strings.Contains(errs, h.want) || c.Articles != 0) {
				t.Errorf("ingest: exit %d, %d articles, stderr %q, want %q", code, c.Articles, errs, h.want)
			}
			code, out, errs = cli(t, "", "extract", "--fetched-at", fetched, p)
			checkExtract(t, h, p, code, out, errs)
		})
	}
}

// checkExtract checks the answer of dateline extract on a hostile file:
// valid UTF-8 JSON with the expected body, or a reason naming the file.
// Files without article text fail as they do for ingest.
func checkExtract(t *testing.T, h hostileFile, path string, code int, out, errs string) {
	t.Helper()
	if !h.ok {
		if code != 1 || !strings.HasPrefix(errs, "dateline extract: "+path+": ") || !strings.Contains(errs, h.want) {
			t.Errorf("extract: exit %d, stderr %q, want %q naming the file", code, errs, h.want)
		}
		return
	}
	var x struct {
		Articles []struct{ Body string } `json:"articles"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &x) != nil || !utf8.ValidString(out) {
		t.Fatalf("extract: exit %d, stderr %q, output not valid JSON", code, errs)
	}
	if len(x.Articles) == 0 || !strings.Contains(x.Articles[0].Body, h.body) {
		t.Errorf("extract: body lacks %q: %+v", h.body, x.Articles)
	}
}

// TestHardenBatchKeepsGoodOnes ingests every hostile file and two good ones
// in one run: the good ones are stored, each bad one is named with its
// reason, the exit code is 1 and nothing half-written is left behind.
func TestHardenBatchKeepsGoodOnes(t *testing.T) {
	dir := copyFixtures(t, "wire.txt", "page.html")
	files := hostileFiles()
	wantFail, wantOK := 0, 2
	for _, h := range files {
		if err := os.WriteFile(filepath.Join(dir, h.name), h.data, 0o644); err != nil {
			t.Fatal(err)
		}
		if h.ok {
			wantOK++
		} else {
			wantFail++
		}
	}
	db := filepath.Join(t.TempDir(), "d.db")
	code, out, errs := cli(t, "", "ingest", "--db", db, "--fetched-at", fetched, dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, h := range files {
		line := "dateline ingest: " + filepath.Join(dir, h.name) + ": "
		if strings.Contains(errs, line) == h.ok {
			t.Errorf("%s: failure line present %v, want %v", h.name, !h.ok, h.ok)
		}
	}
	if n := strings.Count(errs, "\n"); n != wantFail {
		t.Errorf("%d stderr lines, want one per bad file (%d):\n%s", n, wantFail, errs)
	}
	c, ok := dbState(t, db)
	if ok != "ok" || c.Articles != int64(wantOK) {
		t.Errorf("integrity %q, %d articles, want %d\n%s", ok, c.Articles, wantOK, out)
	}
	// Running it again stores nothing new and reports the same failures.
	code2, out2, errs2 := cli(t, "", "ingest", "--db", db, "--fetched-at", fetched, dir)
	if code2 != 1 || errs2 != errs || !strings.Contains(out2, " 0 new article(s)") {
		t.Errorf("second run: exit %d\n%s%s", code2, out2, errs2)
	}
}

// TestHardenLimitsConfigurable sets the size and time limits by flag and
// by environment.
func TestHardenLimitsConfigurable(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "long.txt")
	// About 1.5 MB of prose: a few seconds of extraction on a slow machine.
	text := "Long read\n\n" + strings.Repeat("The envoy met the minister in Geneva on Monday, officials said. \"We are close,\" he said. ", 16000)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "d.db")
	tests := []struct {
		env  string
		args []string
		code int
		want string
	}{
		{"", []string{"ingest", "--db", db, "--max-article-bytes", "1000", p}, 1, "larger than the 1000-byte limit"},
		{"", []string{"extract", "--max-article-bytes", "1000", p}, 1, "larger than the 1000-byte limit"},
		{"5000", []string{"extract", p}, 1, "larger than the 5000-byte limit"},
		{"", []string{"ingest", "--db", db, "--article-timeout", "1ms", p}, 1, "extraction took longer than 1ms"},
		{"", []string{"extract", "--article-timeout", "1ms", p}, 1, "extraction took longer than 1ms"},
		{"", []string{"ingest", "--db", db, "--article-timeout", "0s", p}, 2, "--article-timeout"},
		{"", []string{"extract", "--max-article-bytes", "-1", p}, 2, "--max-article-bytes"},
		{"lots", []string{"extract", p}, 2, "DATELINE_MAX_ARTICLE_BYTES"},
	}
	for _, tc := range tests {
		t.Setenv("DATELINE_MAX_ARTICLE_BYTES", tc.env)
		code, _, errs := cli(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%s %v: exit %d, stderr %q, want %d and %q", tc.env, tc.args, code, errs, tc.code, tc.want)
		}
	}
	if c := counts(t, db); c.Articles != 0 {
		t.Errorf("refused inputs left %d articles", c.Articles)
	}
}

// TestHardenExtractJSONLLimits keeps batch extraction going past a bad
// line and an oversized one.
func TestHardenExtractJSONLLimits(t *testing.T) {
	big, _ := json.Marshal(map[string]string{"id": "big", "text": strings.Repeat("word ", 8000)})
	in := `{"id":"a","text":"The envoy met officials in Geneva on Monday, a spokesman said."}` + "\nnot json\n" + string(big) + "\n" +
		`{"id":"q","text":"` + strings.Repeat(`\"`, 20000) + `"}` + "\n"
	code, out, errs := cli(t, in, "extract", "--jsonl", "--plain", "--max-article-bytes", "30000")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || len(lines) != 4 {
		t.Fatalf("exit %d, %d lines\n%s\n%s", code, len(lines), out, errs)
	}
	for i, want := range []string{`"id":"a","articles":[{`, `"error":"not a JSON object`, `"error":"text larger than the 30000-byte limit`, `"id":"q","articles":[{`} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d %.200q lacks %q", i+1, lines[i], want)
		}
	}
}
