package store

import (
	"context"
	"database/sql"
	"embed"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"dateline/models"
)

// migrationFiles are the numbered schema changes, NNNN_name.sql, applied in
// order. Add a change as the next free number; never edit one that shipped.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in order. File names that do not
// start with a number are a build mistake and fail here.
func Migrations() ([]Migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, models.Wrap(models.EINTERNAL, err, "listing migrations")
	}
	var out []Migration
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "migrations/"), ".sql")
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v <= 0 {
			return nil, models.Errorf(models.EINTERNAL, "migration %s: name must start with a positive number", n)
		}
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, models.Wrap(models.EINTERNAL, err, "reading migration %s", n)
		}
		out = append(out, Migration{Version: v, Name: base, SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, models.Errorf(models.EINTERNAL, "two migrations numbered %d", out[i].Version)
		}
	}
	return out, nil
}

// migrationHooks fill in data a migration's SQL cannot compute (slugs are
// models.Slug, a Go function); each runs in its migration's transaction.
var migrationHooks = map[int]func(context.Context, *sql.Tx) error{
	3: backfillEventActors,
}

// Migrate applies every migration not yet recorded in schema_migrations, each
// in its own transaction together with its record, so a crash leaves the
// schema at a whole version. Running it again does nothing.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := Migrations()
	if err != nil {
		return err
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return dbError(err, "migrating")
	}
	if _, err := sqlDB.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL,
		applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		return dbError(err, "creating schema_migrations")
	}
	for _, m := range ms {
		if err := applyMigration(ctx, sqlDB, m); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration runs m unless it is recorded already. The check happens
// inside the (IMMEDIATE) transaction, so two processes opening a new database
// at once apply each migration exactly once.
func applyMigration(ctx context.Context, db *sql.DB, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return dbError(err, "migration %s", m.Name)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n); err != nil {
		return dbError(err, "migration %s", m.Name)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return dbError(err, "migration %s failed", m.Name)
	}
	if hook := migrationHooks[m.Version]; hook != nil {
		if err := hook(ctx, tx); err != nil {
			return dbError(err, "migration %s failed", m.Name)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name) VALUES (?, ?)`, m.Version, m.Name); err != nil {
		return dbError(err, "recording migration %s", m.Name)
	}
	return dbError(tx.Commit(), "committing migration %s", m.Name)
}

// SchemaVersion returns the highest applied migration number and the number
// of migrations the binary knows of but the database lacks.
func (s *Store) SchemaVersion(ctx context.Context) (applied, pending int, err error) {
	ms, err := Migrations()
	if err != nil {
		return 0, 0, err
	}
	var done []int
	if err := s.rdb.WithContext(ctx).Raw(`SELECT version FROM schema_migrations ORDER BY version`).Scan(&done).Error; err != nil {
		return 0, 0, dbError(err, "reading schema_migrations")
	}
	have := map[int]bool{}
	for _, v := range done {
		have[v] = true
		applied = max(applied, v)
	}
	for _, m := range ms {
		if !have[m.Version] {
			pending++
		}
	}
	return applied, pending, nil
}
