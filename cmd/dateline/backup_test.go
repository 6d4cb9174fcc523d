package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dateline/models/store"
)

// ingestedDB ingests the three fixtures into a new SQLite file.
func ingestedDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "live.db")
	dir := copyFixtures(t, "wire.txt", "page.html", "aggregator.txt")
	if code, out, errs := cli(t, "", "ingest", "--db", db, "--fetched-at", fetched, "--story", "s", dir); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errs)
	}
	return db
}

// leftovers lists the hidden partial files Backup and Restore write into.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".*.partial-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestRestoreRoundTrip: a backup restored into a new file exports the
// same rows; an existing database is replaced only with --force, and its
// old -wal file is not applied to the restored one.
func TestRestoreRoundTrip(t *testing.T) {
	db := ingestedDB(t)
	want := exports(t, db)
	dir := t.TempDir()
	backup := filepath.Join(dir, "b.db")
	if code, out, errs := cli(t, "", "backup", "--db", db, backup); code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	target := filepath.Join(dir, "restored", "d.db")
	code, out, errs := cli(t, "", "restore", "--db", target, backup)
	if code != 0 || !strings.Contains(out, "restored "+target+" from "+backup) {
		t.Fatalf("restore: %d %s %s", code, out, errs)
	}
	if got := exports(t, target); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("exports after the restore differ:\n%v\nwant\n%v", got, want)
	}
	code, _, errs = cli(t, "", "restore", "--db", target, backup)
	if code != 1 || !strings.Contains(errs, "exists already; give --force") {
		t.Errorf("restore over a database: %d %q, want a refusal naming --force", code, errs)
	}
	// A write-ahead log left beside the old database must not reach the
	// restored one.
	if err := os.WriteFile(target+"-wal", bytes.Repeat([]byte{0x37}, 8192), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, "", "restore", "--force", "--db", target, backup); code != 0 {
		t.Fatalf("restore --force: %d %s %s", code, out, errs)
	}
	if c, ok := dbState(t, target); ok != "ok" || c.Articles == 0 {
		t.Errorf("after restore --force: integrity %q, %d articles", ok, c.Articles)
	}
	if got := exports(t, target); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("exports after restore --force differ")
	}
	if l := append(leftovers(t, dir), leftovers(t, filepath.Dir(target))...); len(l) > 0 {
		t.Errorf("partial files left: %v", l)
	}
}

// TestRestoreRefusesBadBackups: a file that is not a sound dateline
// database is refused, and the database it was to replace stays as it was.
func TestRestoreRefusesBadBackups(t *testing.T) {
	db := ingestedDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if code, _, errs := cli(t, "", "backup", "--db", db, good); code != 0 {
		t.Fatal(errs)
	}
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	damaged := bytes.Clone(raw)
	copy(damaged[len(raw)/2:], bytes.Repeat([]byte("not a b-tree page "), 400))
	other := filepath.Join(dir, "other.db")
	st, err := store.OpenWith(other, store.Options{Migrate: store.MigrateSkip})
	if err != nil {
		t.Fatal(err)
	}
	st.Close() // a SQLite file without dateline's tables
	// An index whose definition no longer matches its rows: readable,
	// but PRAGMA integrity_check reports it.
	mismatched := filepath.Join(dir, "mismatched.db")
	if code, _, errs := cli(t, "", "backup", "--db", db, mismatched); code != 0 {
		t.Fatal(errs)
	}
	sdb, err := sql.Open("sqlite3", mismatched)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`PRAGMA writable_schema = ON`,
		`UPDATE sqlite_master SET sql = 'CREATE INDEX idx_articles_url ON articles(title)' WHERE name = 'idx_articles_url'`} {
		if _, err := sdb.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	sdb.Close()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	target := filepath.Join(t.TempDir(), "d.db")
	if code, _, errs := cli(t, "", "restore", "--db", target, good); code != 0 {
		t.Fatal(errs)
	}
	before, _ := os.ReadFile(target)
	for _, tc := range []struct {
		backup, want string
	}{
		{write("text.db", []byte("just some notes, not a database\n")), "not a readable SQLite database"},
		{write("half.db", raw[:len(raw)/2]), "half.db: "},
		{write("damaged.db", damaged), "damaged.db: "},
		{other, "not a dateline database"},
		{mismatched, "fails PRAGMA integrity_check: "},
		{filepath.Join(dir, "missing.db"), "cannot read the backup"},
	} {
		code, out, errs := cli(t, "", "restore", "--force", "--db", target, tc.backup)
		t.Logf("%s: %s", filepath.Base(tc.backup), strings.TrimSpace(errs))
		if code != 1 || out != "" || !strings.Contains(errs, "dateline restore: ") || !strings.Contains(errs, tc.want) {
			t.Errorf("restore %s: exit %d, stdout %q, stderr %q; want a refusal", tc.backup, code, out, errs)
		}
		if after, _ := os.ReadFile(target); !bytes.Equal(after, before) {
			t.Fatalf("restore %s changed the database it refused to replace", tc.backup)
		}
	}
	if l := leftovers(t, filepath.Dir(target)); len(l) > 0 {
		t.Errorf("partial files left: %v", l)
	}
}

// TestBackupKilledMidway kills dateline backup with SIGKILL while it
// writes: nothing is left under the backup's name (it used to hold a
// half-written file that a rerun refused to replace), and a rerun writes
// a whole backup.
func TestBackupKilledMidway(t *testing.T) {
	bin := datelineBinary(t)
	db := filepath.Join(t.TempDir(), "big.db")
	if code, out, errs := cli(t, "", "ingest", "--db", db, "--fetched-at", fetched, writeCorpus(t, 2000, 6)); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errs)
	}
	full, _ := dbState(t, db)
	dir := t.TempDir()
	out := filepath.Join(dir, "b.db")
	killed := 0
	for attempt := 0; attempt < 5 && killed == 0; attempt++ {
		p := start(t, bin, "backup", "--db", db, out)
		for names, _ := os.ReadDir(dir); len(names) == 0; names, _ = os.ReadDir(dir) {
			select {
			case <-p.done:
				t.Fatalf("backup ended before writing anything: %s", p.stderr.String())
			case <-time.After(time.Millisecond):
			}
		}
		p.cmd.Process.Signal(syscall.SIGKILL)
		<-p.done
		if _, err := os.Stat(out); err != nil {
			killed++
			continue
		}
		// The backup finished before the kill: then it must be whole.
		if c, ok := dbState(t, out); ok != "ok" || c != full {
			t.Fatalf("file under the backup's name after a kill: integrity %q, %+v, want %+v", ok, c, full)
		}
		os.Remove(out)
	}
	if killed == 0 {
		t.Fatal("every backup finished before the kill; nothing was tested")
	}
	again := start(t, bin, "backup", "--db", db, out)
	if code := again.wait(t, time.Minute); code != 0 {
		t.Fatalf("backup after a killed one: exit %d %s", code, again.stderr.String())
	}
	if c, ok := dbState(t, out); ok != "ok" || c != full {
		t.Errorf("backup after a killed one: integrity %q, %+v, want %+v", ok, c, full)
	}
	t.Logf("killed %d backup(s) mid-way; partial files left for deletion: %d", killed, len(leftovers(t, dir)))
}
