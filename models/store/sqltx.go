package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtTx is a write transaction on the raw connection with prepared
// statements. The save path runs a few dozen statements per article and
// ingest often commits small batches, so preparing costs more than running:
// GORM's statement cache re-prepares every statement inside a transaction,
// and preparing once per transaction still dominated small batches. So the
// Store keeps statements prepared on the writer connection (stmtCache) and a
// transaction borrows them (database/sql reuses a statement prepared on the
// transaction's own connection without preparing again).
type stmtTx struct {
	ctx   context.Context
	d     dialect
	tx    *sql.Tx
	cache *stmtCache
	stmts map[string]*sql.Stmt
}

// stmtCache holds statements prepared on the writer pool (one connection),
// and the texts met inside transactions that are still to be prepared.
type stmtCache struct {
	mu   sync.Mutex
	m    map[string]*sql.Stmt
	want map[string]bool
}

func (c *stmtCache) get(q string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[q]
}

func (c *stmtCache) wish(q string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.want == nil {
		c.want = map[string]bool{}
	}
	c.want[q] = true
}

// prepareWanted prepares the wished-for statements on db. It must run outside
// any transaction: the writer pool's one connection has to be free.
func (c *stmtCache) prepareWanted(ctx context.Context, db *sql.DB) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q := range c.want {
		s, err := db.PrepareContext(ctx, q)
		if err != nil {
			continue // the transaction path prepares it again; nothing lost
		}
		if c.m == nil {
			c.m = map[string]*sql.Stmt{}
		}
		c.m[q] = s
		delete(c.want, q)
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, s := range c.m {
		s.Close()
		delete(c.m, q)
	}
}

func (t *stmtTx) stmt(q string) (*sql.Stmt, error) {
	if s, ok := t.stmts[q]; ok {
		return s, nil
	}
	var s *sql.Stmt
	bound := t.d.rebind(q)
	if p := t.cache.get(bound); p != nil {
		s = t.tx.StmtContext(t.ctx, p)
	} else {
		var err error
		if s, err = t.tx.PrepareContext(t.ctx, bound); err != nil {
			return nil, err
		}
		t.cache.wish(bound)
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = s
	return s, nil
}

// exec runs a statement that returns no rows.
func (t *stmtTx) exec(q string, args ...any) error {
	if t.d.postgres() {
		// pgx prepares and caches statements per connection by itself;
		// preparing through database/sql would prepare again on every
		// connection a transaction lands on.
		_, err := t.tx.ExecContext(t.ctx, t.d.rebind(q), args...)
		return err
	}
	s, err := t.stmt(q)
	if err != nil {
		return err
	}
	_, err = s.ExecContext(t.ctx, args...)
	return err
}

// rows runs a query and calls scan for each row.
func (t *stmtTx) rows(q string, args []any, scan func(*sql.Rows) error) error {
	var rs *sql.Rows
	if t.d.postgres() {
		var err error
		if rs, err = t.tx.QueryContext(t.ctx, t.d.rebind(q), args...); err != nil {
			return err
		}
	} else {
		s, err := t.stmt(q)
		if err != nil {
			return err
		}
		if rs, err = s.QueryContext(t.ctx, args...); err != nil {
			return err
		}
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

// runTx runs fn in one transaction on s's writer, committing when it
// returns nil; on PostgreSQL the transaction first takes the writers' lock
// (dialect.lockWrites). Afterwards, with the connection free again, it
// prepares the statements this transaction had to prepare for itself, for
// the next one.
func (s *Store) runTx(ctx context.Context, fn func(*stmtTx) error) error {
	db, err := s.db.DB()
	if err != nil {
		return err
	}
	cache := &s.stmts
	defer cache.prepareWanted(context.WithoutCancel(ctx), db)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if lock := s.d.lockWrites(); lock != "" {
		if _, err := tx.ExecContext(ctx, lock); err != nil {
			tx.Rollback()
			return err
		}
	}
	// The statements run without ctx's cancellation: go-sqlite3 runs every
	// statement and every row step of a cancellable context in a goroutine
	// of its own to watch it, which cost the save path about a third of its
	// time. A cancelled ctx still stops the batch: the transaction is rolled
	// back by database/sql, and saveBatch checks ctx between articles.
	t := &stmtTx{ctx: context.WithoutCancel(ctx), d: s.d, tx: tx, cache: cache}
	defer func() {
		for _, s := range t.stmts {
			s.Close()
		}
	}()
	marks, err := readFTSMarks(s.d, t)
	if err == nil {
		err = fn(t)
	}
	if err == nil {
		err = marks.index(t)
	}
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
