package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"dateline/models"
	"dateline/models/store"
)

// cli runs dateline in process and returns its exit code and output.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// counts opens the database at path and returns its table sizes.
func counts(t *testing.T, path string) store.Counts {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// copyFixtures copies testdata/ingest files into a fresh folder.
func copyFixtures(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", "ingest", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const fetched = "2025-08-07T12:00:00Z"

func TestIngestFilesAndIdempotency(t *testing.T) {
	dir := copyFixtures(t, "wire.txt", "page.html", "aggregator.txt")
	db := testDB(t, filepath.Join(t.TempDir(), "data", "d.db"))
	files := []string{filepath.Join(dir, "wire.txt"), filepath.Join(dir, "page.html"), filepath.Join(dir, "aggregator.txt")}
	code, out, errs := cli(t, "", append([]string{"ingest", "-v", "--db", db, "--fetched-at", fetched}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if errs != "" {
		t.Errorf("stderr not quiet: %q", errs)
	}
	first := counts(t, db)
	// One article each from the wire copy and the HTML page; the aggregator
	// dump gives its main article and at least one related article.
	if first.Articles < 4 || first.Quotes == 0 {
		t.Fatalf("counts after first ingest: %+v\n%s", first, out)
	}
	if !strings.Contains(out, "3 input(s): ") || !strings.Contains(out, "0 duplicate(s)") {
		t.Errorf("summary: %s", out)
	}
	code, out, errs = cli(t, "", append([]string{"ingest", "--db", db, "--fetched-at", fetched}, files...)...)
	if code != 0 || !strings.Contains(out, "0 new article(s)") ||
		!strings.Contains(out, strconv.FormatInt(first.Articles, 10)+" duplicate(s) already stored") {
		t.Errorf("second run: exit %d\n%s%s", code, out, errs)
	}
	if again := counts(t, db); again != first {
		t.Errorf("second run changed counts: %+v -> %+v", first, again)
	}
	// The inputs are known now; a third run with --story still puts their
	// articles into the story.
	code, out, errs = cli(t, "", append([]string{"ingest", "--db", db, "--fetched-at", fetched, "--story", "later"}, files...)...)
	if code != 0 || !strings.Contains(out, "0 new article(s)") {
		t.Errorf("third run: exit %d\n%s%s", code, out, errs)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int64
	st.DB().Table("story_articles").Count(&n)
	if n != first.Articles {
		t.Errorf("%d articles in the story, want %d", n, first.Articles)
	}
}

func TestIngestBadFileAmongGoodOnes(t *testing.T) {
	dir := copyFixtures(t, "wire.txt", "page.html")
	if err := os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("PK\x03\x04\x00\x00\x14\x00binary\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "d.db")
	code, out, errs := cli(t, "", "ingest", "--db", db, "--fetched-at", fetched, dir, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if c := counts(t, db); c.Articles != 2 {
		t.Errorf("good files not stored: %+v", c)
	}
	for _, want := range []string{"bad.txt: ", "binary", "missing.txt: "} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "2 failed") {
		t.Errorf("summary: %s", out)
	}
}

func TestIngestFolderRecursive(t *testing.T) {
	dir := copyFixtures(t, "wire.txt")
	sub := filepath.Join(dir, "deeper", "still")
	os.MkdirAll(sub, 0o755)
	b, _ := os.ReadFile(filepath.Join("testdata", "ingest", "page.html"))
	os.WriteFile(filepath.Join(sub, "page.HTM"), b, 0o644)
	os.WriteFile(filepath.Join(sub, ".hidden.txt"), []byte("Hidden notes are skipped."), 0o644)
	os.WriteFile(filepath.Join(sub, "notes.json"), []byte(`{"x":1}`), 0o644)
	db := filepath.Join(t.TempDir(), "d.db")
	code, out, errs := cli(t, "", "ingest", "--db", db, "--fetched-at", fetched, dir)
	if code != 0 || !strings.Contains(out, "2 input(s)") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
}

func TestIngestStdinAndStory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	text := "Talks in Geneva\n\nDiplomats met in Geneva on Monday to discuss a prisoner exchange, officials said.\n"
	code, out, errs := cli(t, text, "ingest", "--db", db, "--source", "Lake Post", "--published", "2025-08-04T09:00:00Z", "--story", "geneva-talks", "-")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var a models.Article
	if err := st.DB().Preload("Source").First(&a).Error; err != nil {
		t.Fatal(err)
	}
	if a.Source == nil || a.Source.Name != "Lake Post" || a.PublishedAt == nil || a.PublishedAt.Format("2006-01-02T15:04") != "2025-08-04T09:00" {
		t.Errorf("article %+v source %+v", a, a.Source)
	}
	var n int64
	st.DB().Table("story_articles").Joins("JOIN stories ON stories.id = story_articles.story_id").
		Where("stories.slug = ?", "geneva-talks").Count(&n)
	if n != 1 {
		t.Errorf("%d articles in the story, want 1", n)
	}
}

func TestIngestUsage(t *testing.T) {
	if code, _, _ := cli(t, "", "ingest"); code != 2 {
		t.Errorf("no arguments: exit %d, want 2", code)
	}
	if code, _, errs := cli(t, "", "ingest", "-h"); code != 0 || !strings.Contains(errs, "-allow-private") {
		t.Errorf("-h: exit %d\n%s", code, errs)
	}
	if code, _, errs := cli(t, "", "ingest", "--fetched-at", "yesterday", "x.txt"); code != 2 || !strings.Contains(errs, "RFC 3339") {
		t.Errorf("bad time: exit %d\n%s", code, errs)
	}
}

func newsServer(t *testing.T) *httptest.Server {
	page, _ := os.ReadFile(filepath.Join("testdata", "ingest", "page.html"))
	wire, _ := os.ReadFile(filepath.Join("testdata", "ingest", "wire.txt"))
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/wire", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write(wire)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG"))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write(bytes.Repeat([]byte("word "), 1<<20))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestIngestURL(t *testing.T) {
	srv := newsServer(t)
	db := filepath.Join(t.TempDir(), "d.db")
	t.Setenv("DATELINE_MAX_ARTICLE_BYTES", "1000000")
	code, out, errs := cli(t, "", "ingest", "--db", db, "--allow-private", srv.URL+"/moved", srv.URL+"/wire")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	st.DB().Model(&models.Article{}).Order("url").Pluck("url", &urls)
	st.Close()
	if len(urls) != 2 || urls[0] != srv.URL+"/article" || urls[1] != srv.URL+"/wire" {
		t.Errorf("stored URLs %q", urls)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{srv.URL + "/article"}, "non-public address 127.0.0.1"},
		// A name is checked on the address it resolves to.
		{[]string{strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/article"}, "non-public address"},
		{[]string{"ftp://example.com/x"}, "only http and https"},
		{[]string{"--allow-private", srv.URL + "/loop"}, "redirects"},
		{[]string{"--allow-private", srv.URL + "/image"}, `"image/png"`},
		{[]string{"--allow-private", srv.URL + "/huge"}, "limit"},
		{[]string{"--allow-private", srv.URL + "/nothing"}, "404"},
	}
	for _, tc := range tests {
		code, _, errs := cli(t, "", append([]string{"ingest", "--db", db}, tc.args...)...)
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
	}
}

func TestPublicAddr(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"93.184.216.34", true},
		{"2606:4700::1111", true},
		{"127.0.0.1", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"224.0.0.1", false},
		{"ff02::1", false},
		{"0.0.0.0", false},
		{"100.64.0.1", false},
		{"fd00::1", false},
		{"::ffff:127.0.0.1", false}, // IPv4-mapped loopback
		{"255.255.255.255", false},
	}
	for _, tc := range tests {
		if got := publicAddr(netip.MustParseAddr(tc.ip)); got != tc.want {
			t.Errorf("publicAddr(%s) = %v, want %v", tc.ip, got, tc.want)
		}
	}
}

func TestBackupCommand(t *testing.T) {
	dir := copyFixtures(t, "wire.txt")
	db := filepath.Join(t.TempDir(), "d.db")
	if code, out, errs := cli(t, "", "ingest", "--db", db, dir); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errs)
	}
	dst := filepath.Join(t.TempDir(), "copy", "b.db")
	if code, out, errs := cli(t, "", "backup", "--db", db, dst); code != 0 || !strings.Contains(out, "1 articles") {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	st, err := store.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res, err := st.IntegrityCheck(context.Background()); res != "ok" || err != nil {
		t.Errorf("integrity %q %v", res, err)
	}
	if code, _, errs := cli(t, "", "backup", "--db", db, dst); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("backup over an existing file: %d %s", code, errs)
	}
}

func TestSamplesLoadOnce(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	var msg bytes.Buffer
	if err := loadSamplesIfEmpty(ctx, st, testExtractor(t), &msg); err != nil {
		t.Fatalf("%v\n%s", err, msg.String())
	}
	c, _ := st.Counts(ctx)
	if c.Articles == 0 || c.Stories != 1 {
		t.Fatalf("after samples: %+v\n%s", c, msg.String())
	}
	var story models.Story
	if err := st.DB().First(&story).Error; err != nil || story.Slug != sampleStory {
		t.Errorf("story %+v %v", story, err)
	}
	msg.Reset()
	if err := loadSamplesIfEmpty(ctx, st, testExtractor(t), &msg); err != nil || msg.Len() != 0 {
		t.Errorf("second call: %v %q", err, msg.String())
	}
	if again, _ := st.Counts(ctx); again != c {
		t.Errorf("second call changed counts: %+v -> %+v", c, again)
	}
}

func TestSampleManifestForms(t *testing.T) {
	body := []byte("A headline\n\nOfficials met in Vienna on Tuesday, a spokesman said.\n")
	tests := []struct {
		name, manifest, story string
		files                 int
	}{
		{"object", `{"story":{"slug":"vienna","title":"Vienna"},"articles":[{"file":"a.txt","fetched_at":"2025-08-07T12:00:00Z"}]}`, "vienna", 1},
		{"list", `[{"file":"a.txt","fetched_at":"2025-08-07T12:00:00Z"},{"file":"b.txt"}]`, sampleStory, 2},
		{"none", "", sampleStory, 2},
	}
	for _, tc := range tests {
		fsys := fstest.MapFS{"a.txt": {Data: body}, "b.txt": {Data: body}, "README": {Data: []byte("x")}}
		if tc.manifest != "" {
			fsys["manifest.json"] = &fstest.MapFile{Data: []byte(tc.manifest)}
		}
		jobs, opt, err := sampleJobs(fsys)
		if err != nil || len(jobs) != tc.files || opt.StorySlug != tc.story {
			t.Errorf("%s: %d jobs, story %q, err %v", tc.name, len(jobs), opt.StorySlug, err)
			continue
		}
		in, err := jobs[0].load(context.Background())
		if err != nil || !bytes.Equal(in.Data, body) {
			t.Errorf("%s: load: %v", tc.name, err)
		}
	}
	if _, _, err := sampleJobs(fstest.MapFS{"manifest.json": {Data: []byte("{")}}); err == nil {
		t.Error("broken manifest accepted")
	}
}

func FuzzSampleManifest(f *testing.F) {
	for _, s := range []string{`[]`, `{}`, `[{"file":"a.txt","fetched_at":"2025-08-07"}]`,
		`{"story":{"slug":"x"},"articles":[{"file":"a.txt","published_at":"bad"}]}`, `{"files":null}`, `[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, manifest []byte) {
		fsys := fstest.MapFS{"manifest.json": {Data: manifest}, "a.txt": {Data: []byte("text")}}
		jobs, opt, err := sampleJobs(fsys)
		if err == nil && opt.StorySlug == "" {
			t.Errorf("no story for %q", manifest)
		}
		for _, j := range jobs {
			j.load(context.Background()) // a missing file is an error, never a panic
		}
	})
}

// TestIngestHostileFiles feeds one awkward file at a time: each gets a
// clear per-file reason or a sane result, never a panic or a hang.
func TestIngestHostileFiles(t *testing.T) {
	t.Setenv("DATELINE_MAX_ARTICLE_BYTES", "100000")
	tests := []struct {
		name string
		data []byte
		ok   bool
		want string // in stderr when not ok
	}{
		{"empty.txt", nil, false, "empty.txt: "},
		{"blank.txt", []byte(" \n\n\t \n"), false, "blank.txt: "},
		{"zip.txt", []byte("PK\x03\x04\x00\x00binary\x00data"), false, "binary"},
		{"big.txt", bytes.Repeat([]byte("All work and no play. "), 10000), false, "limit"},
		{"latin1.txt", []byte("Caf\xe9 talks in Z\xfcrich\n\nThe ministers met in Z\xfcrich on Monday, officials said."), true, ""},
		{"nosentences.txt", bytes.Repeat([]byte("word "), 5000), true, ""},
		{"quotes.txt", append([]byte("Headline\n\n"), bytes.Repeat([]byte(`"`), 20000)...), true, ""},
		{"deep.html", []byte(strings.Repeat("<div>", 50000) + "text"), false, "deep.html: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, tc.name)
			os.WriteFile(p, tc.data, 0o644)
			code, out, errs := cli(t, "", "ingest", "--db", filepath.Join(dir, "d.db"), "--fetched-at", fetched, p)
			if tc.ok && code != 0 {
				t.Errorf("exit %d\n%s%s", code, out, errs)
			}
			if !tc.ok && (code != 1 || !strings.Contains(errs, tc.want)) {
				t.Errorf("exit %d, stderr %q, want %q", code, errs, tc.want)
			}
		})
	}
}

func TestRefusePrivate(t *testing.T) {
	for addr, ok := range map[string]bool{"93.184.216.34:443": true, "[2606:4700::1111]:80": true,
		"127.0.0.1:80": false, "[::1]:443": false, "169.254.169.254:80": false, "nonsense": false} {
		if err := refusePrivate("tcp", addr, nil); (err == nil) != ok {
			t.Errorf("refusePrivate(%s) = %v, want allowed %v", addr, err, ok)
		}
	}
}

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	if newProgress(&buf, 10) != nil {
		t.Error("a progress bar on a buffer, which is no terminal")
	}
	var none *progress
	none.add(1, 1) // a nil bar draws nothing and does not panic
	none.finish()
	p := &progress{w: &buf, total: 4}
	p.add(2, 5)
	p.add(2, 9)
	p.finish()
	out := buf.String()
	for _, want := range []string{"\r[###############---------------] 2/4 inputs, 5 articles",
		"\r[##############################] 4/4 inputs, 9 articles", "\r\033[K"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output %q lacks %q", out, want)
		}
	}
}
