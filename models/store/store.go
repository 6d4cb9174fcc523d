// Package store keeps articles, events, quotes, people and stories in SQLite
// (the embedded default) or PostgreSQL (several servers and ingest workers
// on one database) through GORM. Everything specific to a dialect (PRAGMAs,
// FTS5 or tsvector search, placeholders, VACUUM INTO, advisory locks, driver
// error codes) stays inside this package behind plain Go methods; see
// dialect.go and postgres.go.
//
// On PostgreSQL db and rdb are one pool (Options.MaxConns connections), and
// save transactions take an advisory lock so writers of several processes
// commit one batch at a time, like SQLite's single writer.
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
//   - Open, OpenWith, Close, Path, Dialect, DB (the reader pool), Migrate,
//     SchemaVersion, Pending, Copy
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

	"github.com/jackc/pgx/v5/pgconn"
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
	db    *gorm.DB // writer: one connection, IMMEDIATE transactions (PostgreSQL: the pool)
	rdb   *gorm.DB // readers (PostgreSQL: the same pool as db)
	d     dialect
	path  string    // SQLite file, or the PostgreSQL DSN without its password
	stmts stmtCache // the save path's statements, prepared on db
	// readIdle is how many idle SQLite reader connections are kept (see
	// dropIdleReaders).
	readIdle int
}

// MigratePolicy says what opening a database does about migrations the
// binary has and the database lacks.
type MigratePolicy int

const (
	// MigrateNew (the default) creates the schema of a brand-new SQLite
	// database (no schema_migrations table yet) and refuses any other
	// database with pending migrations, PostgreSQL included: those are
	// applied on purpose with dateline migrate.
	MigrateNew MigratePolicy = iota
	// MigrateAll applies every pending migration (dateline migrate, tests).
	MigrateAll
	// MigrateSkip opens the database as it is (dateline migrate's status).
	MigrateSkip
)

// Options tune how a database is opened. The zero value is the default.
type Options struct {
	Migrate MigratePolicy
	// MaxConns is the PostgreSQL pool size (default 10) or the number of
	// SQLite reader connections (default max(4, CPUs)); SQLite always has
	// one writer connection.
	MaxConns int
	// MaxIdle is how many idle connections stay open (default MaxConns).
	MaxIdle int
	// ConnLifetime closes connections older than this (default 30 minutes
	// on PostgreSQL, so a pooler or failover sees them move; none on SQLite).
	ConnLifetime time.Duration
	// MustExist refuses a SQLite file that does not exist (ENOTFOUND)
	// instead of creating it: for commands that only read, where a typo in
	// the path would otherwise read a new, empty database.
	MustExist bool
}

// Open opens the database named by dsn with default Options: a SQLite file
// path (created with its folder on first use; "sqlite:" or "file:" prefixes
// are accepted) or a postgres:// or postgresql:// URL.
func Open(dsn string) (*Store, error) { return OpenWith(dsn, Options{}) }

// OpenWith opens the database named by dsn (see Open) and deals with pending
// migrations as opt.Migrate says: a database with pending migrations that
// the policy does not apply is refused with EINVALID and a message naming
// dateline migrate.
func OpenWith(dsn string, opt Options) (*Store, error) {
	var s *Store
	var err error
	if isPostgres(dsn) {
		s, err = openPostgres(dsn, opt)
	} else {
		s, err = openSQLite(dsn, opt)
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrateOnOpen(context.Background(), opt.Migrate); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// isPostgres reports whether dsn names a PostgreSQL database.
func isPostgres(dsn string) bool {
	low := strings.ToLower(strings.TrimSpace(dsn))
	return strings.HasPrefix(low, "postgres://") || strings.HasPrefix(low, "postgresql://")
}

// openSQLite opens the writer and reader pools on a SQLite file.
func openSQLite(dsn string, opt Options) (*Store, error) {
	path, err := sqlitePath(dsn)
	if err != nil {
		return nil, err
	}
	if opt.MustExist {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, models.Errorf(models.ENOTFOUND, "no database at %s (check --db or DATELINE_DB; ingest or serve creates one)", path)
		} else if err != nil {
			return nil, models.Wrap(models.EINVALID, err, "database %s", path)
		}
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, models.Wrap(models.EINVALID, err, "cannot create the database folder %s", path)
		}
	}
	w, err := openGorm(path, "immediate", 1, opt)
	if err != nil {
		return nil, err
	}
	readers := opt.MaxConns
	if readers <= 0 {
		readers = max(4, runtime.NumCPU())
	}
	r, err := openGorm(path, "deferred", readers, opt)
	if err != nil {
		closeGorm(w)
		return nil, err
	}
	return &Store{db: w, rdb: r, d: sqliteDialect, path: path, readIdle: idleConns(readers, opt)}, nil
}

// sqlitePath returns the file path named by dsn.
func sqlitePath(dsn string) (string, error) {
	low := strings.ToLower(dsn)
	switch {
	case strings.HasPrefix(low, "sqlite:"):
		dsn = strings.TrimPrefix(dsn[len("sqlite:"):], "//")
	case strings.HasPrefix(low, "file:"):
		dsn = dsn[len("file:"):]
	}
	if dsn == "" || dsn == ":memory:" || strings.ContainsAny(dsn, "?#") || strings.Contains(dsn, "://") {
		return "", models.Errorf(models.EINVALID, "database %q: want a file path without ? or #, or a postgres:// URL", dsn)
	}
	return dsn, nil
}

// openGorm opens one pool on path. txlock is "immediate" for the writer so a
// transaction takes the write lock at BEGIN (no deadlock when a reader turns
// writer), "deferred" for readers. The writer keeps at most 8 MB of page
// cache and each reader 4 MB: with a writer and several readers, 64 MB each
// took `serve` on a million-quote database from 163 MB to 212 MB resident
// (450 MB under concurrent exports), and readers of 4 MB instead of 8 MB
// took three rounds of six requests at once (two full exports each) from
// 200-214 MB to 183-189 MB, for no measurable change in page or export
// times (the operating system's file cache holds the pages).
func openGorm(path, txlock string, conns int, opt Options) (*gorm.DB, error) {
	// A connection's set-up switches the file to WAL, which on a new file
	// needs a lock SQLite does not wait for through busy_timeout: several
	// processes opening one new file at once (an ingest and a server
	// started together) can be told "database is locked". They wait and
	// try again, as busy_timeout would have them do.
	deadline := time.Now().Add(BusyTimeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		db, err := openGormOnce(path, txlock, conns, opt)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return db, err
		}
		time.Sleep(wait)
	}
}

// openGormOnce is one try of openGorm.
func openGormOnce(path, txlock string, conns int, opt Options) (*gorm.DB, error) {
	dsn := path + "?_busy_timeout=" + itoa(int(BusyTimeout/time.Millisecond)) +
		"&_journal_mode=WAL&_foreign_keys=1&_synchronous=NORMAL&_cache_size=" + cacheKiB(txlock) + "&_txlock=" + txlock
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
	sqlDB.SetMaxIdleConns(idleConns(conns, opt))
	sqlDB.SetConnMaxLifetime(opt.ConnLifetime)
	if err := sqlDB.Ping(); err != nil {
		sqlDB.Close()
		return nil, dbError(err, "cannot open the database %s", path)
	}
	return db, nil
}

// cacheKiB is SQLite's cache_size for a connection of the writer pool
// ("immediate") or of the reader pool, negative for KiB (see openGorm).
func cacheKiB(txlock string) string {
	if txlock == "immediate" {
		return "-8192"
	}
	return "-4096"
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
	if s.d.postgres() {
		return closeGorm(s.db) // rdb is the same pool
	}
	if s.db != nil {
		s.db.Exec("PRAGMA optimize")
	}
	return errors.Join(closeGorm(s.rdb), closeGorm(s.db))
}

// Path returns the database file's path, or for PostgreSQL its URL without
// the password.
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
	if strings.Contains(err.Error(), "no such module: fts5") {
		return models.Wrap(models.EINTERNAL, err, format+": "+noFTS5Hint, args...)
	}
	code := models.EINTERNAL
	var se sqlite3.Error
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe):
		code = pgErrorCode(pe)
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

// noFTS5Hint says what to do about a binary built without FTS5: the mattn
// driver compiles SQLite's full-text search in only with the sqlite_fts5
// build tag, and the schema's search tables need it.
const noFTS5Hint = "this dateline was built without SQLite full-text search; rebuild it with the sqlite_fts5 build tag: make build, or go build -tags sqlite_fts5 ./cmd/dateline"

// isBusy reports whether err is worth running the whole transaction again
// for: SQLite's "database is locked" (another connection held the lock
// longer than busy_timeout), or PostgreSQL's serialization failure or
// deadlock (the server rolled the transaction back).
func isBusy(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked
	}
	return pgRetryable(err)
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
