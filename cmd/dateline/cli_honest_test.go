package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestReadCommandsNeedADatabase: a command that only reads, given a
// database file that does not exist (a typo), fails saying so, prints
// nothing on stdout and creates no file.
func TestReadCommandsNeedADatabase(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{
		{"export", "events", "--db", missing},
		{"export", "quotes", "--format", "json", "--db", missing},
		{"story", "list", "--db", missing},
		{"story", "show", "talks", "--db", missing},
		{"migrate", "--status", "--db", missing},
		{"backup", "--db", missing, filepath.Join(dir, "copy.db")},
		{"copy", "--from", missing, "--to", filepath.Join(dir, "to.db")},
	} {
		code, out, errs := cli(t, "", args...)
		if code != 1 || out != "" || !strings.Contains(errs, "no database at "+missing) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 1, nothing, no database", args, code, out, errs)
		}
		if names, _ := os.ReadDir(dir); len(names) != 0 {
			t.Fatalf("%q created %v", args, names)
		}
	}
	if code, _, errs := cli(t, "", "story", "bogus", "--db", missing); code != 2 || !strings.Contains(errs, "Usage:") {
		t.Errorf("story bogus: exit %d %q, want the usage", code, errs)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("story bogus created %v", names)
	}
}

// TestExportErrorsWriteNothing: an export that fails on its filter writes
// no CSV header or JSON bracket before the error.
func TestExportErrorsWriteNothing(t *testing.T) {
	db := cliDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "events", "--from", "08/06/2025"}, "YYYY-MM-DD"},
		{[]string{"export", "quotes", "--to", "soon"}, "YYYY-MM-DD"},
		{[]string{"export", "events", "--story", "nosuch"}, "no story"},
		{[]string{"export", "articles", "--format", "json", "--story", "nosuch"}, "no story"},
	} {
		code, out, errs := runCLI(t, append(tc.args, "--db", db)...)
		if code != 1 || out != "" || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 1, nothing, %q", tc.args, code, out, errs, tc.want)
		}
	}
}

// TestExportUsageSaysWhy: a wrong table, format or argument is named
// before the usage, and the usage lists every filter flag.
func TestExportUsageSaysWhy(t *testing.T) {
	db := cliDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export"}, "say what to export: events, quotes or articles"},
		{[]string{"export", "bogus"}, `cannot export "bogus": want events, quotes or articles`},
		{[]string{"export", "--format", "json", "tweets"}, `cannot export "tweets"`},
		{[]string{"export", "events", "--format", "xml"}, `unknown --format "xml": want csv or json`},
		{[]string{"export", "events", "quotes"}, `unexpected argument "quotes"`},
	} {
		code, out, errs := runCLI(t, append(tc.args, "--db", db)...)
		if code != 2 || out != "" || !strings.Contains(errs, "dateline export: "+tc.want) || !strings.Contains(errs, "[--person NAME]") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q with the usage", tc.args, code, out, errs, tc.want)
		}
	}
}

// TestVersionCommand: dateline version and --version print the Go version.
func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, _ := cli(t, "", args...)
		if code != 0 || !strings.HasPrefix(out, "dateline ") || !strings.Contains(out, runtime.Version()) {
			t.Errorf("%q: exit %d, %q", args, code, out)
		}
	}
	if code, _, _ := cli(t, "", "version", "extra"); code != 2 {
		t.Errorf("version extra: exit %d, want 2", code)
	}
}

// TestVersionLine formats the build information of a release, a local
// build with changes, a build without the FTS5 tag, and a binary without
// build information.
func TestVersionLine(t *testing.T) {
	bi := func(version string, kv ...string) *debug.BuildInfo {
		b := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "dateline", Version: version}}
		for i := 0; i < len(kv); i += 2 {
			b.Settings = append(b.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return b
	}
	arch := runtime.GOOS + "/" + runtime.GOARCH
	for _, tc := range []struct {
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{bi("v1.2.0", "-tags", "sqlite_fts5", "vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-12-01T10:00:00Z", "vcs.modified", "false"), true,
			"dateline v1.2.0, commit 0123456789ab of 2026-12-01T10:00:00Z, build tags sqlite_fts5, go1.26.8 " + arch},
		{bi("(devel)", "-tags", "sqlite_fts5,e2e", "vcs.revision", "abc", "vcs.modified", "true"), true,
			"dateline (devel), commit abc with local changes, build tags sqlite_fts5,e2e, go1.26.8 " + arch},
		{bi("(devel)"), true,
			"dateline (devel), build tags none (no sqlite_fts5: full-text search missing, rebuild with make build), go1.26.8 " + arch},
		{nil, false, "dateline (no build information), " + runtime.Version() + " " + arch},
	} {
		if got := versionLine(tc.bi, tc.ok); got != tc.want {
			t.Errorf("versionLine:\n got %q\nwant %q", got, tc.want)
		}
	}
}
