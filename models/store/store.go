// Package store keeps articles, events, quotes, people and stories in SQLite
// through GORM. Everything specific to SQLite (PRAGMAs, FTS5, upsert syntax,
// VACUUM INTO, driver error codes) stays inside this package behind plain Go
// methods, so a second dialect (PostgreSQL) is an addition, not a rewrite.
//
// Connections: a Store holds two GORM handles on one database file.
//
//   - s.db is the writer: a pool of exactly ONE connection whose transactions
//     begin IMMEDIATE, so writers in this process queue in Go instead of
//     fighting over the SQLite lock, and writers in other processes wait on
//     busy_timeout instead of failing with "database is locked" half-way
//     through a transaction. Use s.db for every INSERT, UPDATE and DELETE
//     (story CRUD included).
//   - s.rdb is the reader pool (several connections). WAL lets readers run
//     while the writer commits, so pages stay fast during an ingest. Use
//     s.rdb for SELECTs only.
//
// Both have foreign keys on, WAL and a 10 s busy timeout. Wrap driver errors
// with dbError so callers see models error codes (ENOTFOUND, ECONFLICT, ...).
//
// The write side (this file, migrate.go, save.go, people.go, events.go,
// quotes.go, copies.go, inputs.go, search.go, admin.go):
//
//   - Open, Close, Path, DB (the reader pool), Migrate, SchemaVersion
//   - SaveArticle, SaveArticles: an extracted article with its source,
//     people, events, quotes and story membership, deduplicated
//   - KnownInput, RememberInputs, AttachArticles: ingest's memory of inputs
//   - Search: quotes and events by words (FTS5)
//   - Counts, Backup (VACUUM INTO), IntegrityCheck
//   - PeriodStart, ContentHash: the normalisations the store relies on
//
// The read side (read*.go, stories*.go) holds the page and export queries.
package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"dateline/models"
)

// BusyTimeout is how long a connection waits for another process's write
// lock before giving up with ETIMEOUT.
const BusyTimeout = 10 * time.Second

// Store is the database of dateline. It is safe for concurrent use.
type Store struct {
	db    *gorm.DB // writer: one connection, IMMEDIATE transactions
	rdb   *gorm.DB // readers
	path  string
	stmts stmtCache // the save path's statements, prepared on db
}

// Open opens (creating the file and its folder on first use) the SQLite
// database at dsn and applies pending migrations. dsn is a file path,
// optionally prefixed with "sqlite:" or "file:". PostgreSQL URLs are refused
// with EINVALID until that dialect lands.
func Open(dsn string) (*Store, error) {
	path, err := sqlitePath(dsn)
	if err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, models.Wrap(models.EINVALID, err, "cannot create the database folder %s", dir)
		}
	}
	w, err := openGorm(path, "immediate", 1)
	if err != nil {
		return nil, err
	}
	s := &Store{db: w, path: path}
	if err := s.Migrate(context.Background()); err != nil {
		closeGorm(w)
		return nil, err
	}
	r, err := openGorm(path, "deferred", max(4, runtime.NumCPU()))
	if err != nil {
		closeGorm(w)
		return nil, err
	}
	s.rdb = r
	return s, nil
}

// sqlitePath returns the file path named by dsn.
func sqlitePath(dsn string) (string, error) {
	low := strings.ToLower(dsn)
	switch {
	case strings.HasPrefix(low, "postgres://"), strings.HasPrefix(low, "postgresql://"):
		return "", models.Errorf(models.EINVALID, "PostgreSQL is not supported yet; use a SQLite file path")
	case strings.HasPrefix(low, "sqlite:"):
		dsn = strings.TrimPrefix(dsn[len("sqlite:"):], "//")
	case strings.HasPrefix(low, "file:"):
		dsn = dsn[len("file:"):]
	}
	if dsn == "" || dsn == ":memory:" || strings.ContainsAny(dsn, "?#") {
		return "", models.Errorf(models.EINVALID, "database %q: want a file path without ? or #", dsn)
	}
	return dsn, nil
}

// openGorm opens one pool on path. txlock is "immediate" for the writer so a
// transaction takes the write lock at BEGIN (no deadlock when a reader turns
// writer), "deferred" for readers.
func openGorm(path, txlock string, conns int) (*gorm.DB, error) {
	dsn := path + "?_busy_timeout=" + itoa(int(BusyTimeout/time.Millisecond)) +
		"&_journal_mode=WAL&_foreign_keys=1&_synchronous=NORMAL&_cache_size=-65536&_txlock=" + txlock
	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{
		Logger:                 logger.Default.LogMode(logger.Silent),
		SkipDefaultTransaction: true,
		PrepareStmt:            false,
		TranslateError:         true,
	})
	if err != nil {
		return nil, dbError(err, "cannot open the database %s", path)
	}
	// GORM stamps CreatedAt/UpdatedAt with its own clock; keep those in UTC
	// like every other time in the database.
	clock := db.NowFunc
	db.NowFunc = func() time.Time { return clock().UTC() }
	sqlDB, err := db.DB()
	if err != nil {
		return nil, models.Wrap(models.EINTERNAL, err, "cannot open the database %s", path)
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(conns)
	if err := sqlDB.Ping(); err != nil {
		sqlDB.Close()
		return nil, dbError(err, "cannot open the database %s", path)
	}
	return db, nil
}

func closeGorm(db *gorm.DB) error {
	if db == nil {
		return nil
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Close closes both pools. It first lets SQLite refresh the statistics its
// query planner uses (PRAGMA optimize, cheap when nothing changed).
func (s *Store) Close() error {
	s.stmts.close()
	if s.db != nil {
		s.db.Exec("PRAGMA optimize")
	}
	return errors.Join(closeGorm(s.rdb), closeGorm(s.db))
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// DB returns the reader pool for code outside this package that needs plain
// GORM queries. Writes go through Store methods.
func (s *Store) DB() *gorm.DB { return s.rdb }

// dbError maps a driver or GORM error to a models error with a user-safe
// message: no row -> ENOTFOUND, unique or primary key violation -> ECONFLICT,
// busy or locked database and deadlines -> ETIMEOUT, a file that is no
// database or cannot be opened -> EINVALID, a read-only file -> EFORBIDDEN,
// anything else -> EINTERNAL. A *models.Error passes through unchanged; nil stays nil.
func dbError(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var me *models.Error
	if errors.As(err, &me) {
		return err
	}
	code := models.EINTERNAL
	var se sqlite3.Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound), errors.Is(err, sql.ErrNoRows):
		code = models.ENOTFOUND
	case errors.Is(err, gorm.ErrDuplicatedKey):
		code = models.ECONFLICT
	case errors.Is(err, context.DeadlineExceeded):
		code = models.ETIMEOUT
	case errors.As(err, &se):
		switch {
		case se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey:
			code = models.ECONFLICT
		case se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked:
			code = models.ETIMEOUT
		case se.Code == sqlite3.ErrFull:
			code = models.ETOOLARGE
		case se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrCorrupt:
			code = models.EINVALID
		case se.Code == sqlite3.ErrReadonly || se.Code == sqlite3.ErrPerm || se.Code == sqlite3.ErrAuth:
			code = models.EFORBIDDEN
		}
	}
	return models.Wrap(code, err, format, args...)
}

// isBusy reports whether err is SQLite's "database is locked" (another
// connection holds the lock longer than busy_timeout).
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}
