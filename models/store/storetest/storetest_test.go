package storetest

import (
	"slices"
	"strings"
	"testing"
)

// TestPostgresSkipsWithReason: without DATELINE_TEST_POSTGRES the postgres
// variants are still listed and skip with a message naming the variable,
// rather than not running at all (they "passed" in 0.00 s before).
func TestPostgresSkipsWithReason(t *testing.T) {
	t.Setenv(EnvPostgres, "")
	if !slices.Contains(Dialects(), "postgres") {
		t.Fatalf("Dialects() = %q lacks postgres", Dialects())
	}
	if got := Configured(); !slices.Equal(got, []string{"sqlite"}) {
		t.Errorf("Configured() = %q, want only sqlite", got)
	}
	skipped, reached := false, false
	t.Run("postgres", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		PostgresDSN(t)
		reached = true
	})
	if !skipped || reached {
		t.Errorf("PostgresDSN without %s: skipped %t, went on %t", EnvPostgres, skipped, reached)
	}
	if !strings.Contains(skipMessage, EnvPostgres) {
		t.Errorf("skip message %q does not name %s", skipMessage, EnvPostgres)
	}
}
