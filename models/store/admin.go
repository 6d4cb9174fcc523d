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
// The copy is written to a hidden temporary file beside path and renamed
// only when whole, so a backup that is killed leaves nothing under path (at
// most a ".NAME.partial-*" file, safe to delete) and can simply be run again.
func (s *Store) Backup(ctx context.Context, path string) error {
	if path == "" {
		return models.Errorf(models.EINVALID, "backup: no file name")
	}
	if _, err := os.Stat(path); err == nil {
		return models.Errorf(models.ECONFLICT, "backup: %s exists already", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return models.Wrap(models.EINVALID, err, "backup: %s", path)
	}
	tmp, err := partialFile(path)
	if err != nil {
		return models.Wrap(models.EINVALID, err, "backup: cannot write beside %s", path)
	}
	defer removeSQLiteFiles(tmp) // a no-op once it is renamed
	if s.d.postgres() {
		err = s.backupToSQLite(ctx, tmp)
	} else {
		err = dbError(s.rdb.WithContext(ctx).Exec(`VACUUM INTO ?`, tmp).Error, "backup to %s", path)
	}
	if err == nil {
		err = publish(tmp, path, false)
	}
	return err
}

// partialFile creates an empty hidden file in path's folder (made if
// missing) to write path's new content into; VACUUM INTO accepts an empty
// file. Same folder, so the final rename stays on one file system.
func partialFile(path string) (string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return "", err
	}
	return f.Name(), f.Close()
}

// publish syncs tmp to disk and moves it to path in one step. Without
// replace it links, which fails if path appeared meanwhile (ECONFLICT),
// rather than renames, which would overwrite it. The SQLite side files of
// path (-wal, -shm, -journal) are removed first: left from an earlier
// database, SQLite would apply them to the new one.
func publish(tmp, path string, replace bool) error {
	if err := syncFile(tmp); err != nil {
		return models.Wrap(models.EINVALID, err, "cannot write %s", path)
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(path + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			return models.Wrap(models.EINVALID, err, "cannot remove %s%s", path, side)
		}
	}
	if replace {
		if err := os.Rename(tmp, path); err != nil {
			return models.Wrap(models.EINVALID, err, "cannot write %s", path)
		}
		syncDir(filepath.Dir(path))
		return nil
	}
	if err := os.Link(tmp, path); errors.Is(err, os.ErrExist) {
		return models.Errorf(models.ECONFLICT, "%s exists already", path)
	} else if err != nil {
		return models.Wrap(models.EINVALID, err, "cannot write %s", path)
	}
	os.Remove(tmp)
	syncDir(filepath.Dir(path))
	return nil
}

// syncFile flushes a written file to disk, so that the rename never
// publishes a file whose content is still in the page cache only.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable. Its errors are ignored: some file
// systems cannot sync a folder, and the rename itself has happened.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// removeSQLiteFiles removes a SQLite file and its side files, if present.
func removeSQLiteFiles(path string) {
	for _, side := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + side)
	}
}

// backupToSQLite copies a PostgreSQL database into a new SQLite file
// (Backup removes it when the copy fails).
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
