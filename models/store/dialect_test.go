package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

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

// TestCopyKeepsSearch copies between every pair of dialects under test:
// the search index of the target is rebuilt (same hits as the source),
// the timeline is the same, and new rows get fresh ids.
func TestCopyKeepsSearch(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		src, story := readFixture(t)
		// A teaser stored before its full article points to a later id.
		var words []string
		for i := 0; i < 60; i++ {
			words = append(words, fmt.Sprintf("word%d", i))
		}
		teaser, err := src.SaveArticle(context.Background(), models.ExtractedArticle{Title: "Teaser",
			Body: strings.Join(words[:45], " ") + " ... Read more"}, SaveOptions{})
		if err != nil {
			t.Fatal(err)
		}
		full, err := src.SaveArticle(context.Background(), models.ExtractedArticle{Title: "Full", Body: strings.Join(words, " ")}, SaveOptions{})
		if err != nil {
			t.Fatal(err)
		}
		forDialects(t, func(t *testing.T) {
			ctx := context.Background()
			dst := openTest(t)
			counts, err := Copy(ctx, src, dst)
			if err != nil {
				t.Fatal(err)
			}
			if len(counts) != len(copyTables) || counts[1].Table != "articles" || counts[1].Rows != 4 {
				t.Errorf("counts %+v", counts)
			}
			var a models.Article
			if err := dst.DB().First(&a, teaser.ArticleID).Error; err != nil || a.DuplicateOfID == nil || *a.DuplicateOfID != full.ArticleID {
				t.Errorf("teaser after the copy: %+v %v, want a duplicate of %d", a.DuplicateOfID, err, full.ArticleID)
			}
			for _, q := range []string{"progress", "moscow", "ready", "phone"} {
				a, _ := src.Search(ctx, q, 10)
				b, err := dst.Search(ctx, q, 10)
				if err != nil || len(a.Quotes) != len(b.Quotes) || len(a.Events) != len(b.Events) || len(a.Quotes)+len(a.Events) == 0 {
					t.Errorf("Search(%q): source %d+%d, target %d+%d, %v", q, len(a.Quotes), len(a.Events), len(b.Quotes), len(b.Events), err)
				}
			}
			want, _ := src.Timeline(ctx, story, models.Filter{})
			got, err := dst.Timeline(ctx, story, models.Filter{})
			if err != nil || strings.Join(summaries(got), "|") != strings.Join(summaries(want), "|") {
				t.Errorf("timeline %v, want %v (%v)", summaries(got), summaries(want), err)
			}
			r, err := dst.SaveArticle(ctx, envoyArticle("New", "A new body.", "2025-08-09T10:00:00Z", "New words", "Steve Witkoff"), SaveOptions{})
			if err != nil || r.ArticleID <= full.ArticleID {
				t.Errorf("save after copy: %+v %v", r, err)
			}
			if _, err := Copy(ctx, src, dst); models.ErrorCode(err) != models.ECONFLICT {
				t.Errorf("copy into a full database: %v", err)
			}
		})
	})
}

func TestDialectOf(t *testing.T) {
	forDialects(t, func(t *testing.T) {
		outer := dialectOf(t)
		if !strings.HasSuffix(t.Name(), "/"+outer) {
			t.Errorf("%s: dialect %s", t.Name(), outer)
		}
		forDialects(t, func(t *testing.T) {
			if inner := dialectOf(t); !strings.HasSuffix(t.Name(), "/"+inner) {
				t.Errorf("%s: dialect %s", t.Name(), inner)
			}
		})
	})
}

// TestFirstUseRace opens one new SQLite file from several goroutines at
// once (as an ingest and a server started together would): each sees the
// whole schema created once, none a half-migrated database it refuses.
func TestFirstUseRace(t *testing.T) {
	path := testDSN(t)
	errs := make(chan error, 6)
	for i := 0; i < 6; i++ {
		go func() {
			s, err := Open(path)
			if err == nil {
				_, err = s.Counts(context.Background())
				s.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 6; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestPostgresErrorCodes(t *testing.T) {
	tests := []struct{ sqlstate, want string }{
		{"23505", models.ECONFLICT},
		{"40001", models.ETIMEOUT},
		{"40P01", models.ETIMEOUT},
		{"3D000", models.EINVALID},
		{"28P01", models.EFORBIDDEN},
		{"42501", models.EFORBIDDEN},
		{"53100", models.ETOOLARGE},
		{"42P01", models.EINTERNAL},
		{"", models.EINTERNAL},
	}
	for _, tc := range tests {
		err := dbError(fmt.Errorf("wrapped: %w", &pgconn.PgError{Code: tc.sqlstate}), "x")
		if got := models.ErrorCode(err); got != tc.want {
			t.Errorf("SQLSTATE %q: %s, want %s", tc.sqlstate, got, tc.want)
		}
	}
	if !isBusy(&pgconn.PgError{Code: "40P01"}) || isBusy(&pgconn.PgError{Code: "23505"}) {
		t.Error("isBusy: only deadlocks and serialization failures are retried")
	}
}

func TestRedactDSN(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5432/db?sslmode=require": "postgres://u:xxxxx@h:5432/db?sslmode=require",
		"postgres://h/db":    "postgres://h/db",
		"postgres://u@h/db":  "postgres://u@h/db",
		"postgres://%zz@h/x": "postgres://(unreadable URL)",
	} {
		if got := redactDSN(in); got != want {
			t.Errorf("redactDSN(%q) = %q, want %q", in, got, want)
		}
	}
}
