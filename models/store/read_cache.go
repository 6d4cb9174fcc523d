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
// changes. A change is seen through PRAGMA data_version on a connection of
// its own that never writes: the value moves whenever any other connection,
// in this process or another (dateline ingest next to dateline serve),
// commits. On PostgreSQL nothing is cached.
type storyCache struct {
	mu      sync.Mutex
	watch   *sql.Conn // held for good: data_version is per connection
	version int64
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
	v, ok := c.current(ctx)
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

// storyCache returns the cache of s's SQLite file, or nil on PostgreSQL or
// when the watching connection cannot be opened.
func (s *Store) storyCache() *storyCache {
	if s.d.postgres() || s.path == "" {
		return nil
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
	c, loaded := storyCaches.LoadOrStore(key, &storyCache{watch: conn, version: -1, values: map[string]any{}})
	if loaded {
		conn.Close()
		db.Close()
	}
	return c.(*storyCache)
}

// current reads the database's data_version, dropping the cached values
// when it moved. ok is false when it cannot be read.
func (c *storyCache) current(ctx context.Context) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var v int64
	if err := c.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, false
	}
	if v != c.version {
		c.version, c.values = v, map[string]any{}
	}
	return v, true
}
