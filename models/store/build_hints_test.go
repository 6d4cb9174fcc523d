package store

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDBErrorFTS5Hint: a binary built without the sqlite_fts5 tag fails
// on the search tables with "no such module: fts5"; the error says how to
// rebuild, and keeps the context and the driver's words.
func TestDBErrorFTS5Hint(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want []string
	}{
		{errors.New("no such module: fts5"), []string{"migration 0001_init failed: ", "-tags sqlite_fts5", "make build", ": no such module: fts5"}},
		{errors.New("no such table: quotes_fts"), []string{"migration 0001_init failed: no such table: quotes_fts"}},
	} {
		msg := dbError(tc.err, "migration %s failed", "0001_init").Error()
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("dbError(%q) = %q, lacks %q", tc.err, msg, w)
			}
		}
		if tc.err.Error() != "no such module: fts5" && strings.Contains(msg, "sqlite_fts5") {
			t.Errorf("dbError(%q) = %q: a rebuild hint for another error", tc.err, msg)
		}
	}
}

// TestBuildWithoutCgoSaysSo: with CGO_ENABLED=0 the first compile error
// names the problem (cgo_required.go), not an undefined sqlite3 constant.
func TestBuildWithoutCgoSaysSo(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles this package and its dependencies without cgo; skipped with -short")
	}
	cmd := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", os.DevNull, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("the package built without cgo")
	}
	var first string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, ".go:") {
			first = l
			break
		}
	}
	if !strings.Contains(first, "dateline_needs_cgo_for_SQLite__build_with_CGO_ENABLED_1") {
		t.Errorf("first compile error %q does not say cgo is needed; output:\n%s", first, out)
	}
}
