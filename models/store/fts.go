package store

import "fmt"

// bulkFTS are the SQLite full-text tables that write transactions fill in
// bulk just before they commit (migration 0005 dropped their per-row insert
// triggers): every row of table with an id above the transaction's starting
// mark goes into fts. One INSERT ... SELECT per table and transaction costs
// about a fifth of what one trigger run per row did (FTS5 pays a fixed cost
// per statement), and ingest writes a sentence and a quote or two for every
// event and quote of every article.
var bulkFTS = []struct{ table, fts, col string }{
	{"quotes", "quotes_fts", "text"},
	{"event_sources", "event_sources_fts", "sentence"},
}

// ftsMarks are the largest ids of the bulkFTS tables when a transaction
// started; rows above them are the transaction's own (SQLite gives a new
// row max(id)+1). nil means there is nothing to do: PostgreSQL, or a SQLite
// database whose insert triggers are still in place (schema before 0005).
type ftsMarks []int64

// readFTSMarks reads the marks at the start of a write transaction.
func readFTSMarks(d dialect, t *stmtTx) (ftsMarks, error) {
	if d.postgres() {
		return nil, nil
	}
	var triggers int
	err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
		AND name IN ('quotes_fts_ai', 'event_sources_fts_ai')`).Scan(&triggers)
	if err != nil || triggers > 0 {
		return nil, err
	}
	marks := make(ftsMarks, len(bulkFTS))
	for i, b := range bulkFTS {
		q := fmt.Sprintf(`SELECT coalesce(max(id), 0) FROM %s`, b.table)
		if err := t.tx.QueryRowContext(t.ctx, q).Scan(&marks[i]); err != nil {
			return nil, err
		}
	}
	return marks, nil
}

// index adds the rows written since the marks were read to the full-text
// tables.
func (m ftsMarks) index(t *stmtTx) error {
	for i, b := range bulkFTS {
		if i >= len(m) {
			break
		}
		q := fmt.Sprintf(`INSERT INTO %s(rowid, %s) SELECT id, %s FROM %s WHERE id > ?`, b.fts, b.col, b.col, b.table)
		if err := t.exec(q, m[i]); err != nil {
			return err
		}
	}
	return nil
}
