package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"dateline/models/auth"
	"dateline/models/store"
)

// runCLIInput runs dateline with stdin holding input.
func runCLIInput(t *testing.T, input string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(input), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUserCommand(t *testing.T) {
	db := testDB(t, filepath.Join(t.TempDir(), "users.db"))
	steps := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string // in stdout, or in stderr when code != 0
	}{
		{"add editor", "correct horse battery\n", []string{"user", "add", "ann", "--db", db}, 0, "added editor ann"},
		{"add admin, flag first", "staple staple\r\n", []string{"user", "add", "--role", "admin", "bob", "--db", db}, 0, "added admin bob"},
		{"taken", "another password\n", []string{"user", "add", "ann", "--db", db}, 1, "already exists"},
		{"no password", "", []string{"user", "add", "cy", "--db", db}, 1, "no password on stdin"},
		{"short password", "short\n", []string{"user", "add", "cy", "--db", db}, 1, "at least 8"},
		{"long password", strings.Repeat("x", 73) + "\n", []string{"user", "add", "cy", "--db", db}, 1, "at most 72"},
		{"bad role", "correct horse\n", []string{"user", "add", "--role", "root", "cy", "--db", db}, 1, "want editor or admin"},
		{"bad name", "correct horse\n", []string{"user", "add", "c y", "--db", db}, 1, "use letters"},
		{"password flag refused", "", []string{"user", "add", "--password", "x", "cy", "--db", db}, 2, "not defined"},
		{"no name", "", []string{"user", "add", "--db", db}, 2, "Usage"},
		{"unknown subcommand", "", []string{"user", "rename", "ann", "--db", db}, 2, "Usage"},
		{"list", "", []string{"user", "list", "--db", db}, 0, "ann   editor"},
		{"new password", "battery horse staple\n", []string{"user", "passwd", "ann", "--db", db}, 0, "changed the password of ann"},
		{"new password too short", "short\n", []string{"user", "passwd", "ann", "--db", db}, 1, "at least 8"},
		{"new password for nobody", "battery horse staple\n", []string{"user", "passwd", "nobody", "--db", db}, 1, `no user "nobody"`},
		{"remove", "", []string{"user", "remove", "bob", "--db", db}, 0, "removed user bob"},
		{"remove again", "", []string{"user", "remove", "bob", "--db", db}, 1, `no user "bob"`},
		{"list on a missing database", "", []string{"user", "list", "--db", filepath.Join(t.TempDir(), "none.db")}, 1, "no database"},
	}
	for _, s := range steps {
		code, out, errs := runCLIInput(t, s.stdin, s.args...)
		got := out
		if s.code != 0 {
			got = errs
		}
		if code != s.code || !strings.Contains(got, s.want) {
			t.Errorf("%s: exit %d (want %d)\nstdout: %s\nstderr: %s\nwant %q", s.name, code, s.code, out, errs, s.want)
		}
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	us, err := st.Users(context.Background())
	if err != nil || len(us) != 1 || us[0].Username != "ann" {
		t.Fatalf("users left: %+v %v", us, err)
	}
	if !auth.PasswordMatches(us[0].PasswordHash, "battery horse staple") || strings.Contains(us[0].PasswordHash, "horse") {
		t.Errorf("stored hash %q does not check the password read from stdin", us[0].PasswordHash)
	}
}
