package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"dateline/models/store"
	"dateline/models/store/storetest"
)

// testDialect is the dialect testDB hands out; TestCLIOnEveryDialect sets
// it while it re-runs CLI tests on PostgreSQL. Those tests are not parallel,
// so nothing else reads it meanwhile.
var testDialect = "sqlite"

// testDB returns path for SQLite, or, while testDialect is postgres, the
// DSN of a new migrated PostgreSQL schema (dropped when t ends).
func testDB(t *testing.T, path string) string {
	t.Helper()
	if testDialect != "postgres" {
		return path
	}
	dsn := storetest.PostgresDSN(t)
	st, err := store.OpenWith(dsn, store.Options{Migrate: store.MigrateAll})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	return dsn
}

// TestCLIOnEveryDialect runs the ingest, story and export command tests
// again with their databases on PostgreSQL (skipped, saying so,
// without DATELINE_TEST_POSTGRES; on SQLite they ran already as themselves).
func TestCLIOnEveryDialect(t *testing.T) {
	for _, d := range storetest.Dialects() {
		if d == "sqlite" {
			continue
		}
		t.Run(d, func(t *testing.T) {
			storetest.SkipWithoutPostgres(t)
			testDialect = d
			defer func() { testDialect = "sqlite" }()
			t.Run("IngestFilesAndIdempotency", TestIngestFilesAndIdempotency)
			t.Run("StoryCommand", TestStoryCommand)
			t.Run("ExportCommand", TestExportCommand)
		})
	}
}

// TestMigrateCommand: a new SQLite file is created on first use; a
// PostgreSQL database is refused until dateline migrate, which is
// idempotent; an SQLite database with a pending migration is refused too.
func TestMigrateCommand(t *testing.T) {
	storetest.Run(t, func(t *testing.T, dsn string) {
		dir := copyFixtures(t, "wire.txt")
		ms, err := store.Migrations()
		if err != nil {
			t.Fatal(err)
		}
		n := len(ms)
		ingest := []string{"ingest", "--db", dsn, "--fetched-at", fetched, dir}
		code, _, errs := cli(t, "", ingest...)
		if strings.HasPrefix(dsn, "postgres") {
			if code != 1 || !strings.Contains(errs, fmt.Sprintf("database has %d pending migrations; run dateline migrate --db", n)) {
				t.Fatalf("ingest before migrate: %d %q", code, errs)
			}
			code, out, errs := cli(t, "", "migrate", "--status", "--db", dsn)
			if code != 0 || !strings.Contains(out, fmt.Sprintf("schema version 0, %d pending", n)) {
				t.Fatalf("migrate --status: %d %s %s", code, out, errs)
			}
			code, out, errs = cli(t, "", "migrate", "--db", dsn)
			if code != 0 || !strings.Contains(out, "applied 0001_init") || !strings.Contains(out, fmt.Sprintf("%d migrations applied", n)) {
				t.Fatalf("migrate: %d %s %s", code, out, errs)
			}
			if code, _, errs = cli(t, "", ingest...); code != 0 {
				t.Fatalf("ingest after migrate: %d %s", code, errs)
			}
		} else if code != 0 {
			t.Fatalf("ingest into a new SQLite file: %d %s", code, errs)
		}
		code, out, errs := cli(t, "", "migrate", "--db", dsn)
		if code != 0 || !strings.Contains(out, "up to date") {
			t.Errorf("migrate again: %d %s %s", code, out, errs)
		}
		if !strings.HasPrefix(dsn, "postgres") {
			st, _ := store.Open(dsn)
			st.DB().Exec("DELETE FROM schema_migrations WHERE version = 4")
			st.Close()
			if code, _, errs := cli(t, "", "serve", "--db", dsn, "--addr", "127.0.0.1:0"); code != 1 ||
				!strings.Contains(errs, "1 pending migrations") {
				t.Errorf("serve with a pending migration: %d %q", code, errs)
			}
		}
	})
}

// exports returns the events, quotes and articles CSV exports of a database.
func exports(t *testing.T, dsn string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, what := range []string{"events", "quotes", "articles"} {
		code, csv, errs := cli(t, "", "export", what, "--db", dsn)
		if code != 0 {
			t.Fatalf("export %s: %d %s", what, code, errs)
		}
		out[what] = csv
	}
	return out
}

// TestCopyCommand copies a database from every dialect to every other and
// back: the target's exports equal the source's, ids included, and the
// target takes new articles afterwards (its id sequences moved on).
func TestCopyCommand(t *testing.T) {
	ds := storetest.Dialects()
	for _, from := range ds {
		for _, to := range ds {
			t.Run(from+"-to-"+to, func(t *testing.T) {
				src := storetest.DSN(t, from)
				if from == "postgres" {
					if code, _, errs := cli(t, "", "migrate", "--db", src); code != 0 {
						t.Fatal(errs)
					}
				}
				dir := copyFixtures(t, "wire.txt", "page.html", "aggregator.txt")
				if code, _, errs := cli(t, "", "ingest", "--db", src, "--fetched-at", fetched, "--story", "s", dir); code != 0 {
					t.Fatal(errs)
				}
				want := exports(t, src)
				dst := storetest.DSN(t, to)
				code, out, errs := cli(t, "", "copy", "--from", src, "--to", dst)
				if code != 0 || !strings.Contains(out, "articles ") || !strings.Contains(out, "story_articles ") {
					t.Fatalf("copy: %d %s %s", code, out, errs)
				}
				if got := exports(t, dst); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("exports differ after the copy:\n%v\nwant\n%v", got, want)
				}
				if code, _, errs := cli(t, "", "copy", "--from", src, "--to", dst); code != 1 || !strings.Contains(errs, "not empty") {
					t.Errorf("copy into a full database: %d %q", code, errs)
				}
				more := copyFixtures(t, "wire.txt")
				os.WriteFile(filepath.Join(more, "wire.txt"), []byte("A new wire story. The envoy flew home on Thursday, officials said."), 0o644)
				if code, out, errs := cli(t, "", "ingest", "--db", dst, "--fetched-at", fetched, more); code != 0 || !strings.Contains(out, "1 new article") {
					t.Errorf("ingest after the copy: %d %s %s", code, out, errs)
				}
			})
		}
	}
}

// TestConcurrentIngest runs several ingests of the same files at once into
// one database, as in-process goroutines (each with its own store, like a
// process) and as separate processes: every run succeeds and each article
// is stored once.
func TestConcurrentIngest(t *testing.T) {
	storetest.Run(t, func(t *testing.T, dsn string) {
		if code, _, errs := cli(t, "", "migrate", "--db", dsn); code != 0 {
			t.Fatal(errs)
		}
		dir := copyFixtures(t, "wire.txt", "page.html", "aggregator.txt")
		alone := filepath.Join(t.TempDir(), "alone.db")
		if code, _, errs := cli(t, "", "ingest", "--db", alone, "--fetched-at", fetched, "--story", "shared", dir); code != 0 {
			t.Fatal(errs)
		}
		want := counts(t, alone)
		args := []string{"ingest", "--db", dsn, "--fetched-at", fetched, "--workers", "2", "--story", "shared", dir}
		var wg sync.WaitGroup
		errs := make(chan string, 8)
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if code, out, e := cli(t, "", args...); code != 0 {
					errs <- fmt.Sprintf("goroutine ingest: exit %d: %s %s", code, out, e)
				}
			}()
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(os.Args[0], "-test.run=^TestHelperDateline$")
				cmd.Env = append(os.Environ(), "DATELINE_HELPER_ARGS="+strings.Join(args, "\x1f"))
				if out, err := cmd.CombinedOutput(); err != nil {
					errs <- fmt.Sprintf("process ingest: %v: %s", err, out)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		if got := counts(t, dsn); got != want {
			t.Errorf("after 8 concurrent ingests: %+v, want %+v (one ingest)", got, want)
		}
	})
}

// TestHelperDateline is dateline itself when run by TestConcurrentIngest
// as a separate process (DATELINE_HELPER_ARGS holds its arguments); as a
// normal test it does nothing.
func TestHelperDateline(t *testing.T) {
	args := os.Getenv("DATELINE_HELPER_ARGS")
	if args == "" {
		return
	}
	code := run(context.Background(), strings.Split(args, "\x1f"), strings.NewReader(""), os.Stdout, os.Stderr)
	os.Exit(code)
}
