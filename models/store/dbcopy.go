package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"dateline/models"
)

// copyTables are the tables Copy moves, parents before children. A table of
// the source that is not listed here fails the copy (a migration added a
// table and nobody taught Copy about it), so nothing is left behind quietly.
var copyTables = []string{
	"sources", "articles", "people", "person_aliases", "events", "event_sources",
	"event_actors", "quotes", "quote_appearances", "stories", "story_articles",
	"story_events", "ingested_inputs", "feeds", "feed_items", "users", "sessions", "edits",
	"merged_events", "event_splits",
}

// derivedColumns are computed by the database (PostgreSQL's generated
// tsvector columns); the target computes its own.
var derivedColumns = map[string]bool{"search": true}

// TableCount is how many rows of one table Copy moved.
type TableCount struct {
	Table string `json:"table"`
	Rows  int64  `json:"rows"`
}

// Copy moves every row of src into dst, which must be at the same schema
// version and empty (ECONFLICT otherwise). Ids are kept, so links and URLs
// stay valid; on PostgreSQL the id sequences are moved past the copied ids,
// and the search indexes (FTS5 tables, tsvector columns) are rebuilt by the
// target as the rows go in. src is read in one snapshot while it stays in
// use; dst is written in one transaction, so a failed copy leaves it empty.
func Copy(ctx context.Context, src, dst *Store) ([]TableCount, error) {
	if err := copyCheck(ctx, src, dst); err != nil {
		return nil, err
	}
	srcDB, err := src.rdb.DB()
	if err != nil {
		return nil, dbError(err, "copy: reading the source")
	}
	rtx, err := srcDB.BeginTx(ctx, &sql.TxOptions{ReadOnly: src.d.postgres(), Isolation: snapshotLevel(src.d)})
	if err != nil {
		return nil, dbError(err, "copy: reading the source")
	}
	defer rtx.Rollback()
	if err := copyKnowsTables(ctx, rtx, src.d); err != nil {
		return nil, err
	}
	var counts []TableCount
	err = dst.runTx(ctx, func(w *stmtTx) error {
		for _, t := range copyTables {
			n, err := copyTable(ctx, rtx, w, dst.d, t)
			if err != nil {
				return err
			}
			counts = append(counts, TableCount{t, n})
		}
		return resetSequences(w, dst.d)
	})
	if err != nil {
		return nil, dbError(err, "copy")
	}
	return counts, nil
}

// snapshotLevel is the isolation that gives one consistent view of src.
// SQLite's deferred transaction reads one snapshot in WAL mode already.
func snapshotLevel(d dialect) sql.IsolationLevel {
	if d.postgres() {
		return sql.LevelRepeatableRead
	}
	return sql.LevelDefault
}

// copyCheck refuses a copy between databases at different schema versions
// or into a database holding rows.
func copyCheck(ctx context.Context, src, dst *Store) error {
	sv, sp, err := src.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	dv, dp, err := dst.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if sp != 0 || dp != 0 || sv != dv {
		return models.Errorf(models.EINVALID, "copy: both databases must be migrated (source at %d with %d pending, target at %d with %d pending)", sv, sp, dv, dp)
	}
	for _, t := range copyTables {
		var n int64
		if err := dst.rdb.WithContext(ctx).Raw(`SELECT count(*) FROM ` + t).Scan(&n).Error; err != nil {
			return dbError(err, "copy: reading the target")
		}
		if n > 0 {
			return models.Errorf(models.ECONFLICT, "copy: the target is not empty (%s has %d rows); copy into a new database", t, n)
		}
	}
	return nil
}

// copyKnowsTables fails when the source has a table Copy would leave behind.
func copyKnowsTables(ctx context.Context, tx *sql.Tx, d dialect) error {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'`
	if d.postgres() {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	names, err := strings1(ctx, tx, q)
	if err != nil {
		return dbError(err, "copy: listing tables")
	}
	for _, n := range names {
		if n != "schema_migrations" && !slices.Contains(copyTables, n) {
			return models.Errorf(models.EINTERNAL, "copy: table %s is unknown to the copy", n)
		}
	}
	return nil
}

// copyBatchParams bounds the parameters of one multi-row INSERT (SQLite's
// limit is 32766, PostgreSQL's 65535).
const copyBatchParams = 4000

// copyTable moves one table's rows and returns how many. Columns are those
// the source and the target share, derived ones left out; a source column
// the target lacks fails the copy. articles.duplicate_of_id may point to a
// later article, so it is set after all articles are in.
func copyTable(ctx context.Context, rtx *sql.Tx, w *stmtTx, dd dialect, table string) (int64, error) {
	cols, err := copyColumns(ctx, rtx, w, table)
	if err != nil {
		return 0, err
	}
	dupAt, idAt := -1, slices.Index(cols, "id")
	if table == "articles" {
		dupAt = slices.Index(cols, "duplicate_of_id")
	}
	var links [][2]any // (duplicate_of_id, id)
	per := max(1, copyBatchParams/len(cols))
	batch := make([]any, 0, per*len(cols))
	n, err := eachRowValues(ctx, rtx, table, cols, func(vals []any) error {
		if dupAt >= 0 && vals[dupAt] != nil {
			links = append(links, [2]any{vals[dupAt], vals[idAt]})
			vals[dupAt] = nil
		}
		batch = append(batch, vals...)
		if len(batch) < per*len(cols) {
			return nil
		}
		err := insertRows(w, table, cols, batch)
		batch = batch[:0]
		return err
	})
	if err == nil {
		err = insertRows(w, table, cols, batch)
	}
	for _, l := range links {
		if err == nil {
			_, err = w.tx.ExecContext(ctx, dd.rebind(`UPDATE articles SET duplicate_of_id = ? WHERE id = ?`), l[0], l[1])
		}
	}
	return n, err
}

// eachRowValues reads cols of every row of table (by id when it has one)
// and calls fn with the values, normalised by copyValue.
func eachRowValues(ctx context.Context, rtx *sql.Tx, table string, cols []string, fn func([]any) error) (int64, error) {
	order := "1"
	if slices.Contains(cols, "id") {
		order = `"id"`
	}
	rows, err := rtx.QueryContext(ctx, `SELECT `+quoteCols(cols)+` FROM `+table+` ORDER BY `+order)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, v := range vals {
			vals[i] = copyValue(v)
		}
		if err := fn(vals); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// copyColumns returns the columns of table to copy.
func copyColumns(ctx context.Context, rtx *sql.Tx, w *stmtTx, table string) ([]string, error) {
	srcCols, err := columnsOf(ctx, rtx, table)
	if err != nil {
		return nil, err
	}
	dstCols, err := columnsOf(ctx, w.tx, table)
	if err != nil {
		return nil, err
	}
	var cols []string
	for _, c := range srcCols {
		switch {
		case derivedColumns[c]:
		case !slices.Contains(dstCols, c):
			return nil, models.Errorf(models.EINTERNAL, "copy: the target has no column %s.%s", table, c)
		default:
			cols = append(cols, c)
		}
	}
	return cols, nil
}

// columnsOf lists a table's columns through an empty query.
func columnsOf(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM `+table+` WHERE 1 = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}

// copyValue normalises a scanned value for the other driver: times in UTC
// (to the microsecond, what PostgreSQL keeps), bytes as text.
func copyValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Truncate(time.Microsecond)
	case []byte:
		return string(x)
	}
	return v
}

// insertRows inserts rows (len(cols) values each) with one statement.
func insertRows(w *stmtTx, table string, cols []string, vals []any) error {
	if len(vals) == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	rows := strings.TrimSuffix(strings.Repeat(one+", ", len(vals)/len(cols)), ", ")
	_, err := w.tx.ExecContext(w.ctx, w.d.rebind(`INSERT INTO `+table+` (`+quoteCols(cols)+`) VALUES `+rows), vals...)
	return err
}

func quoteCols(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = `"` + c + `"`
	}
	return strings.Join(q, ", ")
}

// resetSequences moves PostgreSQL's id sequences past the copied ids, so
// the next insert does not collide with a copied row.
func resetSequences(w *stmtTx, d dialect) error {
	if !d.postgres() {
		return nil
	}
	for _, t := range copyTables {
		cols, err := columnsOf(w.ctx, w.tx, t)
		if err != nil {
			return err
		}
		if !slices.Contains(cols, "id") {
			continue
		}
		_, err = w.tx.ExecContext(w.ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), max(id))
			FROM `+t+` HAVING max(id) IS NOT NULL`)
		if err != nil {
			return err
		}
	}
	return nil
}

// strings1 runs a query returning one text column.
func strings1(ctx context.Context, tx *sql.Tx, q string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
