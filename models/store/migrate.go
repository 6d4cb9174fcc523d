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

// migrationFiles are the numbered schema changes, one folder per dialect:
// migrations/sqlite/NNNN_name.sql and migrations/postgres/NNNN_name.sql,
// applied in order. Both folders hold the same numbers and names, so a
// version means the same schema in either. Add a change as the next free
// number in both; never edit one that shipped.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded SQLite migrations in order.
func Migrations() ([]Migration, error) { return dialectMigrations(sqliteDialect) }

// dialectMigrations returns d's embedded migrations in order. File names
// that do not start with a number are a build mistake and fail here.
func dialectMigrations(d dialect) ([]Migration, error) {
	dir := "migrations/" + d.kind + "/"
	names, err := fs.Glob(migrationFiles, dir+"*.sql")
	if err != nil {
		return nil, models.Wrap(models.EINTERNAL, err, "listing migrations")
	}
	var out []Migration
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, dir), ".sql")
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
var migrationHooks = map[int]func(context.Context, *sql.Tx, dialect) error{
	3: backfillEventActors,
}

// Migrate applies every migration not yet recorded in schema_migrations, each
// in its own transaction together with its record, so a crash leaves the
// schema at a whole version. Running it again does nothing. It returns the
// migrations it applied.
func (s *Store) Migrate(ctx context.Context) ([]Migration, error) {
	ms, err := dialectMigrations(s.d)
	if err != nil {
		return nil, err
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, dbError(err, "migrating")
	}
	if _, err := sqlDB.ExecContext(ctx, s.d.schemaMigrationsDDL()); err != nil {
		return nil, dbError(err, "creating schema_migrations")
	}
	var done []Migration
	for _, m := range ms {
		applied, err := applyMigration(ctx, sqlDB, s.d, m)
		if err != nil {
			return done, err
		}
		if applied {
			done = append(done, m)
		}
	}
	return done, nil
}

// applyMigration runs m unless it is recorded already. The check happens
// inside the transaction after taking the write lock (IMMEDIATE on SQLite,
// an advisory lock on PostgreSQL), so two processes migrating one database
// at once apply each migration exactly once.
func applyMigration(ctx context.Context, db *sql.DB, d dialect, m Migration) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, dbError(err, "migration %s", m.Name)
	}
	defer tx.Rollback()
	if lock := d.migrationsLock(); lock != "" {
		if _, err := tx.ExecContext(ctx, lock); err != nil {
			return false, dbError(err, "migration %s", m.Name)
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, d.rebind(`SELECT count(*) FROM schema_migrations WHERE version = ?`), m.Version).Scan(&n); err != nil {
		return false, dbError(err, "migration %s", m.Name)
	}
	if n > 0 {
		return false, nil
	}
	if err := applyInTx(ctx, tx, d, m); err != nil {
		return false, err
	}
	return true, dbError(tx.Commit(), "committing migration %s", m.Name)
}

// applyInTx runs migration m, its hook and its record in tx.
func applyInTx(ctx context.Context, tx *sql.Tx, d dialect, m Migration) error {
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return dbError(err, "migration %s failed", m.Name)
	}
	if hook := migrationHooks[m.Version]; hook != nil {
		if err := hook(ctx, tx, d); err != nil {
			return dbError(err, "migration %s failed", m.Name)
		}
	}
	_, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO schema_migrations(version, name) VALUES (?, ?)`), m.Version, m.Name)
	return dbError(err, "recording migration %s", m.Name)
}

// createSchema builds the whole schema of a brand-new SQLite database in one
// (IMMEDIATE) transaction, and reports false, changing nothing, when
// schema_migrations exists already. Being one transaction, a process
// opening the file at the same moment sees either no schema or all of it,
// never a half-migrated database it would refuse.
func (s *Store) createSchema(ctx context.Context) (bool, error) {
	ms, err := dialectMigrations(s.d)
	if err != nil {
		return false, err
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return false, dbError(err, "creating the schema")
	}
	tx, err := sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return false, dbError(err, "creating the schema")
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n); err != nil || n > 0 {
		return false, dbError(err, "creating the schema")
	}
	if _, err := tx.ExecContext(ctx, s.d.schemaMigrationsDDL()); err != nil {
		return false, dbError(err, "creating schema_migrations")
	}
	for _, m := range ms {
		if err := applyInTx(ctx, tx, s.d, m); err != nil {
			return false, err
		}
	}
	return true, dbError(tx.Commit(), "creating the schema")
}

// SchemaVersion returns the highest applied migration number and the number
// of migrations the binary knows of but the database lacks (all of them for
// a database without schema_migrations).
func (s *Store) SchemaVersion(ctx context.Context) (applied, pending int, err error) {
	ms, err := dialectMigrations(s.d)
	if err != nil {
		return 0, 0, err
	}
	exists, err := s.hasMigrationsTable(ctx)
	if err != nil || !exists {
		return 0, len(ms), err
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

// hasMigrationsTable reports whether schema_migrations exists (in the
// current schema, for PostgreSQL).
func (s *Store) hasMigrationsTable(ctx context.Context) (bool, error) {
	q := `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`
	if s.d.postgres() {
		q = `SELECT count(*) FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`
	}
	var n int64
	err := s.rdb.WithContext(ctx).Raw(q).Scan(&n).Error
	return n > 0, dbError(err, "reading schema_migrations")
}

// migrateOnOpen applies or checks migrations as policy says (see
// MigratePolicy).
func (s *Store) migrateOnOpen(ctx context.Context, policy MigratePolicy) error {
	switch policy {
	case MigrateSkip:
		return nil
	case MigrateAll:
		done, err := s.Migrate(ctx)
		if len(done) > 0 {
			s.dropIdleReaders()
		}
		return err
	}
	if !s.d.postgres() {
		// Look before taking the write lock: nearly every open finds a schema.
		exists, err := s.hasMigrationsTable(ctx)
		if err != nil {
			return err
		}
		if !exists {
			if created, err := s.createSchema(ctx); err != nil || created {
				return err
			}
		}
	}
	_, pending, err := s.SchemaVersion(ctx)
	if err != nil || pending == 0 {
		return err
	}
	return models.Errorf(models.EINVALID, "database has %d pending migrations; run dateline migrate --db %s",
		pending, shellQuote(s.path))
}

// dropIdleReaders closes the idle reader connections opened before a
// migration changed the schema: a SQLite connection that prepared nothing
// since would prepare "SELECT *" with the old columns once.
func (s *Store) dropIdleReaders() {
	if s.d.postgres() {
		return
	}
	if sqlDB, err := s.rdb.DB(); err == nil {
		sqlDB.SetMaxIdleConns(-1)
		sqlDB.SetMaxIdleConns(s.readIdle)
	}
}

// shellQuote quotes a DSN or path for pasting into a shell when it needs it.
func shellQuote(s string) string {
	if strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == ':' || r == '@' ||
			(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
