package store

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"dateline/models"
)

// Pool defaults for PostgreSQL; Options override them.
const (
	pgDefaultConns    = 10
	pgDefaultLifetime = 30 * time.Minute
)

// openPostgres opens one pool on the PostgreSQL database at dsn. Every
// connection runs in UTC and reads timestamptz values back in UTC, so times
// compare and print the same as on SQLite.
func openPostgres(dsn string, opt Options) (*Store, error) {
	shown := redactDSN(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, models.Errorf(models.EINVALID, "database %s: not a valid PostgreSQL URL", shown)
	}
	if _, ok := cfg.RuntimeParams["timezone"]; !ok {
		cfg.RuntimeParams["timezone"] = "UTC"
	}
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "dateline"
	}
	sqlDB := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
			Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	}))
	conns := opt.MaxConns
	if conns <= 0 {
		conns = pgDefaultConns
	}
	life := opt.ConnLifetime
	if life <= 0 {
		life = pgDefaultLifetime
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(idleConns(conns, opt))
	sqlDB.SetConnMaxLifetime(life)
	ctx, cancel := context.WithTimeout(context.Background(), BusyTimeout)
	defer cancel()
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, connectError(err, shown)
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		Logger:                 logger.Default.LogMode(logger.Silent),
		SkipDefaultTransaction: true,
		TranslateError:         true,
	})
	if err != nil {
		sqlDB.Close()
		return nil, dbError(err, "cannot open the database %s", shown)
	}
	clock := db.NowFunc
	db.NowFunc = func() time.Time { return clock().UTC().Truncate(time.Microsecond) }
	return &Store{db: db, rdb: db, d: postgresDialect, path: shown}, nil
}

// connectError explains a failed connection in a message users see (the
// driver's text names host, user and database, never the password): an
// unreachable server or a missing database is EINVALID, a refused login
// EFORBIDDEN.
func connectError(err error, shown string) error {
	code := models.ErrorCode(dbError(err, ""))
	if code == models.EINTERNAL || code == models.ETIMEOUT {
		code = models.EINVALID
	}
	return models.Wrap(code, err, "cannot connect to the database %s: %s", shown, strings.Join(strings.Fields(err.Error()), " "))
}

// idleConns is how many idle connections a pool of conns keeps.
func idleConns(conns int, opt Options) int {
	if opt.MaxIdle > 0 {
		return min(opt.MaxIdle, conns)
	}
	return conns
}

// redactDSN returns dsn with its password replaced, for messages and logs.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unreadable URL)"
	}
	return u.Redacted()
}

// pgErrorCode maps a PostgreSQL SQLSTATE to a models error code.
func pgErrorCode(pe *pgconn.PgError) string {
	switch {
	case pe.Code == "23505": // unique_violation
		return models.ECONFLICT
	case pe.Code == "40001", pe.Code == "40P01", pe.Code == "55P03", pe.Code == "57014":
		// serialization failure, deadlock, lock not available, query cancelled
		return models.ETIMEOUT
	case pe.Code == "3D000", pe.Code == "22P02", pe.Code == "22023":
		// no such database, bad text representation, bad parameter value
		return models.EINVALID
	case pe.Code == "53100":
		return models.ETOOLARGE // disk full
	case strings.HasPrefix(pe.Code, "28"), pe.Code == "42501":
		return models.EFORBIDDEN // authentication, insufficient privilege
	}
	return models.EINTERNAL
}

// pgRetryable reports whether the server rolled the transaction back for a
// reason that trying again can cure.
func pgRetryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}
