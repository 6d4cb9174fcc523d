package store

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net/url"
	"os"
	"strings"

	"dateline/models"
)

// Restore makes the SQLite database target a copy of the backup file
// (one written by Backup, or any copy of a dateline SQLite database). The
// backup is copied to a hidden file beside target, checked there with
// PRAGMA integrity_check and for dateline's tables, and only then renamed
// to target: a bad backup or a restore killed half-way leaves target as it
// was. An existing target is refused (ECONFLICT) unless replace is set; its
// -wal and -shm files are removed with it. No process may have target open
// meanwhile (stop serve and ingest first): they would go on with the old
// file. It returns the restored database's counts.
func Restore(ctx context.Context, backup, target string, replace bool) (Counts, error) {
	if isPostgres(target) {
		return Counts{}, models.Errorf(models.EINVALID, "restore writes a SQLite file; to fill PostgreSQL from a backup use dateline copy --from BACKUP --to URL")
	}
	path, err := sqlitePath(target)
	if err != nil {
		return Counts{}, err
	}
	if _, err := os.Stat(path); err == nil && !replace {
		return Counts{}, models.Errorf(models.ECONFLICT, "%s exists already; give --force to replace it", path)
	}
	src, err := os.Open(backup)
	if err != nil {
		return Counts{}, models.Wrap(models.EINVALID, err, "cannot read the backup")
	}
	defer src.Close()
	tmp, err := partialFile(path)
	if err != nil {
		return Counts{}, models.Wrap(models.EINVALID, err, "cannot write beside %s", path)
	}
	defer removeSQLiteFiles(tmp) // a no-op once it is renamed
	if err := copyInto(ctx, tmp, src); err != nil {
		return Counts{}, models.Wrap(models.EINVALID, err, "cannot copy %s beside %s", backup, path)
	}
	c, err := checkBackup(ctx, tmp)
	if err != nil {
		return Counts{}, models.Wrap(models.ErrorCode(err), err, "%s", backup)
	}
	return c, publish(tmp, path, replace)
}

// copyInto copies r into the file at path, giving up when ctx ends.
func copyInto(ctx context.Context, path string, r io.Reader) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, readerCtx{ctx, r})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// readerCtx is a reader that fails once its context has ended.
type readerCtx struct {
	ctx context.Context
	r   io.Reader
}

func (r readerCtx) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

// checkBackup opens the SQLite file at path read-only and returns its
// counts if it passes PRAGMA integrity_check and holds dateline's tables;
// otherwise EINVALID saying what is wrong.
func checkBackup(ctx context.Context, path string) (Counts, error) {
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro")
	if err != nil {
		return Counts{}, models.Wrap(models.EINVALID, err, "not a SQLite database")
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return Counts{}, models.Wrap(models.EINVALID, err, "not a readable SQLite database")
	}
	var found []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return Counts{}, models.Wrap(models.EINVALID, err, "integrity check")
		}
		found = append(found, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Counts{}, models.Wrap(models.EINVALID, err, "integrity check")
	}
	if len(found) != 1 || found[0] != "ok" {
		// SQLite lists up to 100 problems; the first few say enough.
		msg := strings.Join(found[:min(3, len(found))], "; ")
		if len(found) > 3 {
			msg += "; and " + itoa(len(found)-3) + " more"
		}
		return Counts{}, models.Errorf(models.EINVALID, "fails PRAGMA integrity_check: %s", msg)
	}
	return backupCounts(ctx, db)
}

// backupCounts counts a checked backup's rows; a database without
// dateline's tables is not a dateline backup.
func backupCounts(ctx context.Context, db *sql.DB) (Counts, error) {
	var c Counts
	err := db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM schema_migrations),
		(SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM quotes),
		(SELECT count(*) FROM people), (SELECT count(*) FROM stories)`).Scan(new(int64), &c.Articles, &c.Events, &c.Quotes, &c.People, &c.Stories)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return Counts{}, models.Wrap(models.ETIMEOUT, err, "interrupted")
		}
		return Counts{}, models.Wrap(models.EINVALID, err, "not a dateline database")
	}
	return c, nil
}
