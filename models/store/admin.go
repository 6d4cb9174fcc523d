package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"dateline/models"
)

// Counts are the sizes of the main tables.
type Counts struct {
	Articles int64 `json:"articles"`
	Events   int64 `json:"events"`
	Quotes   int64 `json:"quotes"`
	People   int64 `json:"people"`
	Stories  int64 `json:"stories"`
}

// Counts returns how many articles, events, quotes, people and stories are stored.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.rdb.WithContext(ctx).Raw(`SELECT
		(SELECT count(*) FROM articles) AS articles,
		(SELECT count(*) FROM events) AS events,
		(SELECT count(*) FROM quotes) AS quotes,
		(SELECT count(*) FROM people) AS people,
		(SELECT count(*) FROM stories) AS stories`).Scan(&c).Error
	return c, dbError(err, "counting")
}

// Backup writes a consistent copy of the database to path while others keep
// reading and writing (SQLite's VACUUM INTO reads one snapshot; from
// PostgreSQL, a new SQLite file filled by Copy from one snapshot). It
// refuses to overwrite an existing file (ECONFLICT) and creates path's folder.
func (s *Store) Backup(ctx context.Context, path string) error {
	if path == "" {
		return models.Errorf(models.EINVALID, "backup: no file name")
	}
	if _, err := os.Stat(path); err == nil {
		return models.Errorf(models.ECONFLICT, "backup: %s exists already", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return models.Wrap(models.EINVALID, err, "backup: %s", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return models.Wrap(models.EINVALID, err, "backup: cannot create the folder of %s", path)
	}
	if s.d.postgres() {
		return s.backupToSQLite(ctx, path)
	}
	err := s.rdb.WithContext(ctx).Exec(`VACUUM INTO ?`, path).Error
	return dbError(err, "backup to %s", path)
}

// backupToSQLite copies a PostgreSQL database into a new SQLite file,
// removing the file again when the copy fails.
func (s *Store) backupToSQLite(ctx context.Context, path string) error {
	dst, err := OpenWith(path, Options{Migrate: MigrateAll})
	if err != nil {
		return err
	}
	_, err = Copy(ctx, s, dst)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		return models.Wrap(models.ErrorCode(err), err, "backup to %s", path)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and returns its findings ("ok"
// when the database is sound). PostgreSQL checks its pages itself; there it
// checks that every article's links point to stored rows.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var rows []string
	if s.d.postgres() {
		var n int64
		err := s.rdb.WithContext(ctx).Raw(`SELECT count(*) FROM articles a WHERE
			(a.duplicate_of_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles d WHERE d.id = a.duplicate_of_id))
			OR (a.source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = a.source_id))`).Scan(&n).Error
		if err != nil || n == 0 {
			return "ok", dbError(err, "integrity check")
		}
		return itoa(int(n)) + " articles with broken links", nil
	}
	err := s.rdb.WithContext(ctx).Raw(`PRAGMA integrity_check`).Scan(&rows).Error
	if err != nil {
		return "", dbError(err, "integrity check")
	}
	if len(rows) == 1 {
		return rows[0], nil
	}
	out := ""
	for _, r := range rows {
		out += r + "\n"
	}
	return out, nil
}
