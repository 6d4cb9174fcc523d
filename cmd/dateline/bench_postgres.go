package main

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"dateline/models/store"
)

// benchDB names the database of one bench stage: a SQLite file in dir
// (removed first when fresh), or, when pgDSN names a PostgreSQL database
// (bench --db-dsn), a schema of it named after the stage, dropped and
// created anew and migrated on every run. The schemas stay afterwards for
// a look with psql; a throwaway database is the place for them.
func benchDB(ctx context.Context, pgDSN, dir, name string, fresh bool) (string, error) {
	if pgDSN == "" {
		path := filepath.Join(dir, name)
		if fresh {
			os.Remove(path)
		}
		return path, nil
	}
	schema := "bench_" + strings.NewReplacer(".db", "", "-", "_").Replace(name)
	db, err := sql.Open("pgx", pgDSN)
	if err != nil {
		return "", err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `DROP SCHEMA IF EXISTS `+schema+` CASCADE; CREATE SCHEMA `+schema); err != nil {
		return "", err
	}
	u, err := url.Parse(pgDSN)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	st, err := store.OpenWith(u.String(), store.Options{Migrate: store.MigrateAll})
	if err != nil {
		return "", err
	}
	return u.String(), st.Close()
}
