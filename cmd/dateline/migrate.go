package main

import (
	"flag"
	"fmt"
	"strconv"

	"dateline/models/store"
)

// runMigrate applies the database's pending migrations. It is idempotent:
// on an up-to-date database it says so and changes nothing.
func runMigrate(e *env) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	e.cfg.dbFlag(fs)
	status := fs.Bool("status", false, "only print the schema version and the pending migrations")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline migrate [--db PATH|URL] [--status]\n\nApplies the pending schema migrations of the database (SQLite or PostgreSQL).\nserve and ingest refuse a database with pending migrations.")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	open := e.cfg.openStoreWith
	if *status {
		open = e.cfg.openExistingStore // only reads
	}
	st, err := open(store.MigrateSkip)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline migrate:", err)
		return 1
	}
	defer st.Close()
	applied, pending, err := st.SchemaVersion(e.ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline migrate:", err)
		return 1
	}
	if *status || pending == 0 {
		fmt.Fprintf(e.stdout, "%s (%s): schema version %d, %d pending\n", st.Path(), st.Dialect(), applied, pending)
		if pending == 0 {
			fmt.Fprintln(e.stdout, "up to date")
		}
		return 0
	}
	done, err := st.Migrate(e.ctx)
	for _, m := range done {
		fmt.Fprintf(e.stdout, "applied %s\n", m.Name)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline migrate:", err)
		return 1
	}
	applied, _, err = st.SchemaVersion(e.ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline migrate:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "%s (%s): %d migrations applied, now at version %d\n", st.Path(), st.Dialect(), len(done), applied)
	return 0
}

// openStore opens the configured database for a command that reads and
// writes it: a new SQLite file is created and migrated, any other database
// with pending migrations is refused (see store.MigrateNew).
func (c *Config) openStore() (*store.Store, error) {
	return c.openStoreWith(store.MigrateNew)
}

// openStoreWith opens the configured database with the pool settings and
// the given migration policy.
func (c *Config) openStoreWith(p store.MigratePolicy) (*store.Store, error) {
	return store.OpenWith(c.DB, c.storeOptions(p))
}

// openExistingStore opens the configured database for a command that only
// reads it: a SQLite file that does not exist is an error (ENOTFOUND) and
// nothing is created, so a mistyped --db is not read as an empty database.
func (c *Config) openExistingStore(p store.MigratePolicy) (*store.Store, error) {
	opt := c.storeOptions(p)
	opt.MustExist = true
	return store.OpenWith(c.DB, opt)
}

// storeOptions are the pool settings with migration policy p.
func (c *Config) storeOptions(p store.MigratePolicy) store.Options {
	return store.Options{Migrate: p, MaxConns: c.DBMaxConns, MaxIdle: c.DBMaxIdle, ConnLifetime: c.DBConnLifetime}
}

// poolFromEnv reads DATELINE_DB_MAX_CONNS and DATELINE_DB_MAX_IDLE.
func (c *Config) poolFromEnv(getenv func(string) string) error {
	for name, dst := range map[string]*int{"DATELINE_DB_MAX_CONNS": &c.DBMaxConns, "DATELINE_DB_MAX_IDLE": &c.DBMaxIdle} {
		if v := getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return fmt.Errorf("%s: want a positive number of connections, got %q", name, v)
			}
			*dst = n
		}
	}
	return nil
}
