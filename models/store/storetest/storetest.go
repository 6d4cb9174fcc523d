// Package storetest gives tests a fresh database in each dialect the store
// supports: always SQLite, and PostgreSQL when the environment variable
// DATELINE_TEST_POSTGRES holds the DSN of a throwaway database (the tests
// create and drop schemas in it). .ci/run starts such a server, so in CI
// both dialects run; locally, without the variable, the PostgreSQL variants
// skip with a message naming it.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// EnvPostgres names the environment variable with the PostgreSQL test DSN.
const EnvPostgres = "DATELINE_TEST_POSTGRES"

// Dialects lists the dialects to test: always both. The postgres subtests
// skip, with a message naming EnvPostgres, when it is not set (PostgresDSN),
// so a run without PostgreSQL says so instead of passing in no time.
func Dialects() []string {
	return []string{"sqlite", "postgres"}
}

// Configured lists the dialects that can run now: "sqlite", then
// "postgres" when EnvPostgres is set. For benchmarks, which cannot skip one
// dialect of a loop without skipping the whole benchmark.
func Configured() []string {
	if os.Getenv(EnvPostgres) != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// skipMessage is why a PostgreSQL test did not run.
const skipMessage = "PostgreSQL variant not run: " + EnvPostgres + " is not set (`. .ci/postgres.sh && pg_start` sets it, or `make test-postgres`)"

// SkipWithoutPostgres skips t when EnvPostgres is not set.
func SkipWithoutPostgres(t testing.TB) {
	t.Helper()
	if os.Getenv(EnvPostgres) == "" {
		t.Skip(skipMessage)
	}
}

// Run runs fn as one subtest per dialect (named "sqlite" and "postgres"),
// each with the DSN of a new empty database.
func Run(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) { fn(t, DSN(t, d)) })
	}
}

// DSN returns the DSN of a new empty database of dialect d: a SQLite file
// in t's temporary folder, or a new schema in the PostgreSQL test database
// (dropped when t ends). It skips t for postgres without EnvPostgres.
func DSN(t testing.TB, d string) string {
	t.Helper()
	if d == "postgres" {
		return PostgresDSN(t)
	}
	return filepath.Join(t.TempDir(), "test.db")
}

// PostgresDSN creates a schema with a random name in the database named by
// EnvPostgres and returns a DSN whose search_path is that schema, so tables
// created through it land there and tests never see each other's rows. The
// schema is dropped with everything in it when t ends. Without
// EnvPostgres it skips t, saying why.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	SkipWithoutPostgres(t)
	base := os.Getenv(EnvPostgres)
	u, err := url.Parse(base)
	if err != nil || !strings.HasPrefix(u.Scheme, "postgres") {
		t.Fatalf("%s: want a postgres:// URL", EnvPostgres)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("creating a test schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			t.Error(err)
			return
		}
		defer db.Close()
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("dropping test schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
