package store

import (
	"context"
	"database/sql"
)

// stmtTx is a write transaction on the raw connection with its own cache of
// prepared statements. The save path runs a few dozen statements per
// article; GORM's statement cache re-prepares every statement inside a
// transaction (database/sql's Tx.Stmt does), which cost more than running
// them, so the writer prepares each text once per transaction here.
type stmtTx struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (t *stmtTx) stmt(q string) (*sql.Stmt, error) {
	if s, ok := t.stmts[q]; ok {
		return s, nil
	}
	s, err := t.tx.PrepareContext(t.ctx, q)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = s
	return s, nil
}

// exec runs a statement that returns no rows.
func (t *stmtTx) exec(q string, args ...any) error {
	s, err := t.stmt(q)
	if err != nil {
		return err
	}
	_, err = s.ExecContext(t.ctx, args...)
	return err
}

// rows runs a query and calls scan for each row.
func (t *stmtTx) rows(q string, args []any, scan func(*sql.Rows) error) error {
	s, err := t.stmt(q)
	if err != nil {
		return err
	}
	rs, err := s.QueryContext(t.ctx, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		if err := scan(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}

// ids runs a query (or an INSERT/UPDATE ... RETURNING id) and returns the
// first column of every row.
func (t *stmtTx) ids(q string, args ...any) ([]uint, error) {
	var out []uint
	err := t.rows(q, args, func(r *sql.Rows) error {
		var id uint
		err := r.Scan(&id)
		out = append(out, id)
		return err
	})
	return out, err
}

// run runs fn in one transaction on db, committing when it returns nil.
func runTx(ctx context.Context, db *sql.DB, fn func(*stmtTx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	t := &stmtTx{ctx: ctx, tx: tx}
	defer func() {
		for _, s := range t.stmts {
			s.Close()
		}
	}()
	if err := fn(t); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
