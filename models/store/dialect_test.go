package store

import (
	"context"
	"strings"
	"testing"

	"dateline/models"
)

func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"slug = ?1 AND ?1 <> ?2", "slug = $1 AND $1 <> $2"},
		{"x LIKE ? ESCAPE '\\' AND y = '?'", "x LIKE $1 ESCAPE '\\' AND y = '?'"},
		{`"we?ird" = ?`, `"we?ird" = $1`},
		{"VALUES (?, ?, ?)", "VALUES ($1, $2, $3)"},
		// regressions: a placeholder right after a quoted literal
		{"'a'?", "'a'$1"},
		{"''?''", "''$1''"},
	}
	for _, tc := range tests {
		if got := postgresDialect.rebind(tc.in); got != tc.want {
			t.Errorf("rebind(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := sqliteDialect.rebind(tc.in); got != tc.in {
			t.Errorf("sqlite rebind(%q) = %q, want it unchanged", tc.in, got)
		}
	}
}

func FuzzRebind(f *testing.F) {
	for _, s := range []string{"a = ?", "?1 ?2 ?", "'?' \"?\" ?", "'", "?99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got := postgresDialect.rebind(q)
		if !strings.Contains(q, "?") && got != q {
			t.Errorf("rebind(%q) = %q changed a query without placeholders", q, got)
		}
		if strings.Count(got, "?") > strings.Count(q, "?") {
			t.Errorf("rebind(%q) = %q added question marks", q, got)
		}
	})
}

// TestMigrationFoldersMatch: both dialects have the same numbered
// migrations, so a version means the same schema in either.
func TestMigrationFoldersMatch(t *testing.T) {
	lite, err := dialectMigrations(sqliteDialect)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := dialectMigrations(postgresDialect)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) != len(pg) || len(lite) == 0 {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL ones", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: %s (SQLite) vs %s (PostgreSQL)", i, lite[i].Name, pg[i].Name)
		}
	}
}

// TestMigratePolicies: a new SQLite file is migrated on open, a new
// PostgreSQL database is refused until migrated; Migrate is idempotent.
func TestMigratePolicies(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		ctx := context.Background()
		dsn := testDSN(t)
		ms, _ := dialectMigrations(map[string]dialect{"sqlite": sqliteDialect, "postgres": postgresDialect}[dialectOf(t)])
		s, err := OpenWith(dsn, Options{Migrate: MigrateSkip})
		if err != nil {
			t.Fatal(err)
		}
		if applied, pending, err := s.SchemaVersion(ctx); applied != 0 || pending != len(ms) || err != nil {
			t.Errorf("new database: applied %d pending %d %v", applied, pending, err)
		}
		s.Close()
		s, err = Open(dsn)
		if dialectOf(t) == "postgres" {
			if models.ErrorCode(err) != models.EINVALID || !strings.Contains(err.Error(), "run dateline migrate --db 'postgres://") {
				t.Fatalf("open a new PostgreSQL database: %v", err)
			}
			if s, err = OpenWith(dsn, Options{Migrate: MigrateSkip}); err != nil {
				t.Fatal(err)
			}
			done, err := s.Migrate(ctx)
			if err != nil || len(done) != len(ms) {
				t.Fatalf("migrate: %d applied, %v", len(done), err)
			}
		} else if err != nil {
			t.Fatalf("open a new SQLite file: %v", err)
		}
		defer s.Close()
		if done, err := s.Migrate(ctx); err != nil || len(done) != 0 {
			t.Errorf("migrate again: %d applied, %v", len(done), err)
		}
		if _, pending, _ := s.SchemaVersion(ctx); pending != 0 {
			t.Errorf("%d pending after migrate", pending)
		}
	})
}
