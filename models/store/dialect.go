package store

import (
	"fmt"
	"strconv"
	"strings"
)

// dialect is what differs between SQLite and PostgreSQL in the SQL this
// package writes by hand. The save path's statements are written once with
// SQLite's placeholders (? and ?N) and rebound for PostgreSQL; the rest
// (upserts with ON CONFLICT ... RETURNING, SAVEPOINTs, quoted "start"/"end")
// is the same text in both. Search, backup, integrity checks, pragmas,
// locking and the error codes of the drivers are methods here or switch on
// the dialect's kind.
type dialect struct {
	kind string // "sqlite" or "postgres"
}

var (
	sqliteDialect   = dialect{kind: "sqlite"}
	postgresDialect = dialect{kind: "postgres"}
)

// Dialect names the store's database: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.kind }

func (d dialect) postgres() bool { return d.kind == "postgres" }

// packedText is an SQL expression whose value holds the text columns cols
// (NULL read as ""), each as its length in bytes, a colon and its bytes:
// "3:abc0:5:hello". unpackText cuts it apart again, whatever the texts hold.
// concat() builds it in one pass (SQLite 3.44 and PostgreSQL 9.1 have it;
// a chain of || copied the growing value once per part).
func (d dialect) packedText(cols ...string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = fmt.Sprintf("coalesce(octet_length(%s), 0), ':', %s", c, c)
	}
	return "concat(" + strings.Join(parts, ", ") + ")"
}

// rebind turns SQLite placeholders into the dialect's: for PostgreSQL, ? is
// the next $N and ?N is $N. Text inside single or double quotes is left
// alone, so a literal '?' or a quoted identifier is never rewritten.
func (d dialect) rebind(q string) string {
	if !d.postgres() || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	next := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			b.WriteByte(c)
		case c == '\'' || c == '"':
			quote = c
			b.WriteByte(c)
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				b.WriteString("$" + q[i+1:j])
				i = j - 1
			} else {
				next++
				b.WriteString("$" + strconv.Itoa(next))
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// lockWrites is the statement a save transaction starts with, or "". On
// PostgreSQL it takes a transaction-level advisory lock shared by every
// dateline writer of the database, so concurrent ingest processes commit
// their batches one after another, as SQLite's single writer does: event
// merging (find the event this report repeats, else insert) then sees every
// committed event, and batches never deadlock on each other's rows.
// Extraction, the costly part, still runs in parallel in every process;
// the unique constraints and ON CONFLICT upserts stay the guarantee that
// an article is stored once.
func (d dialect) lockWrites() string {
	if d.postgres() {
		return `SELECT pg_advisory_xact_lock(7305868711925514068)`
	}
	return ""
}

// migrationsLock serialises migrations across processes on PostgreSQL
// (SQLite's IMMEDIATE transactions do it there).
func (d dialect) migrationsLock() string {
	if d.postgres() {
		return `SELECT pg_advisory_xact_lock(7305868711925514069)`
	}
	return ""
}

// schemaMigrationsDDL creates the table recording applied migrations.
func (d dialect) schemaMigrationsDDL() string {
	if d.postgres() {
		return `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL,
		applied_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP)`
	}
	return `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL,
		applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP)`
}
