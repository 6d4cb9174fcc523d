package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
	"syscall"
)

// storyCache keeps story-wide aggregates (the speakers of every quote of a
// story, the number of events of a timeline) that cost tens of
// milliseconds each with 100k events in one story, until the database
// changes. On SQLite a change is seen through PRAGMA data_version on a
// connection of its own that never writes: the value moves whenever any
// other connection, in this process or another (dateline ingest next to
// dateline serve), commits. On PostgreSQL it is seen through the server's
// current snapshot (pg_current_snapshot: the oldest running transaction,
// the next transaction id and the ones in progress), which every commit of
// a writing transaction on the server changes, in any database: one that
// was in progress leaves the list, one that began later moved the next id.
// Read before the values are computed, it can drop them when nothing
// changed, never keep them past a commit, whichever instance made it. The
// write-ahead log position, used before, does not move at commit under
// synchronous_commit=off (it is the position written out, which the WAL
// writer advances later), so counts went stale. When the version cannot
// be read, nothing is cached.
type storyCache struct {
	mu      sync.Mutex
	watch   *sql.Conn // SQLite, held for good: data_version is per connection
	version string    // "" before the first read
	values  map[string]any
}

// maxCached bounds the values kept between two changes (filters are user input).
const maxCached = 1000

// storyCaches holds one cache per SQLite file, shared by the stores open on it.
var storyCaches sync.Map // path, device and inode -> *storyCache

// cached returns the value load computes for key, from the cache while the
// database has not changed since it was computed.
func cached[T any](ctx context.Context, s *Store, key string, load func() (T, error)) (T, error) {
	c := s.storyCache()
	if c == nil {
		return load()
	}
	v, ok := c.current(ctx, s)
	if ok {
		c.mu.Lock()
		hit, found := c.values[key]
		c.mu.Unlock()
		if found {
			return hit.(T), nil
		}
	}
	val, err := load()
	if err == nil && ok {
		c.mu.Lock()
		if c.version == v && len(c.values) < maxCached {
			c.values[key] = val
		}
		c.mu.Unlock()
	}
	return val, err
}

// storyCache returns the cache of s's SQLite file or PostgreSQL database,
// or nil when the watching connection cannot be opened.
func (s *Store) storyCache() *storyCache {
	if s.path == "" {
		return nil
	}
	if s.d.postgres() {
		c, _ := storyCaches.LoadOrStore("postgres\x00"+s.path, &storyCache{values: map[string]any{}})
		return c.(*storyCache)
	}
	// The key names the file itself, not only its path: a database removed
	// and created anew at the same path is another file with another cache.
	fi, err := os.Stat(s.path)
	if err != nil {
		return nil
	}
	key := s.path
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		key = fmt.Sprintf("%s\x00%d\x00%d", s.path, st.Dev, st.Ino)
	}
	if c, ok := storyCaches.Load(key); ok {
		return c.(*storyCache)
	}
	db, err := sql.Open("sqlite3", s.path)
	if err != nil {
		return nil
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		db.Close()
		return nil
	}
	c, loaded := storyCaches.LoadOrStore(key, &storyCache{watch: conn, values: map[string]any{}})
	if loaded {
		conn.Close()
		db.Close()
	}
	return c.(*storyCache)
}

// current reads the database's version (see storyCache) through s,
// dropping the cached values when it moved. ok is false when it cannot be
// read.
func (c *storyCache) current(ctx context.Context, s *Store) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var v string
	var err error
	if c.watch != nil {
		err = c.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	} else {
		err = s.rdb.WithContext(ctx).Raw(`SELECT pg_current_snapshot()::text`).Row().Scan(&v)
	}
	if err != nil || v == "" {
		return "", false
	}
	if v != c.version {
		c.version, c.values = v, map[string]any{}
	}
	return v, true
}
