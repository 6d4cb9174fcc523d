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
// reading and writing (SQLite's VACUUM INTO reads one snapshot). It refuses
// to overwrite an existing file (ECONFLICT) and creates path's folder.
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
	err := s.rdb.WithContext(ctx).Exec(`VACUUM INTO ?`, path).Error
	return dbError(err, "backup to %s", path)
}

// IntegrityCheck runs SQLite's integrity check and returns its findings ("ok"
// when the database is sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var rows []string
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
