package main

import (
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"time"
)

// Config is every setting of dateline in one place: defaults, then DATELINE_*
// environment variables, then command-line flags.
type Config struct {
	DB              string        // SQLite path or postgres:// URL; DATELINE_DB, --db
	DBMaxConns      int           // pool size (PostgreSQL; SQLite readers); DATELINE_DB_MAX_CONNS
	DBMaxIdle       int           // idle connections kept; DATELINE_DB_MAX_IDLE
	DBConnLifetime  time.Duration // connections closed after this; DATELINE_DB_CONN_LIFETIME
	Addr            string        // listen address of serve; DATELINE_ADDR, --addr
	Token           string        // bearer token for the write API; off when empty; DATELINE_TOKEN
	MaxArticleBytes int64         // largest input accepted per article; DATELINE_MAX_ARTICLE_BYTES
	ArticleTimeout  time.Duration // longest extraction of one input; DATELINE_ARTICLE_TIMEOUT
	FetchTimeout    time.Duration // URL fetch time limit; DATELINE_FETCH_TIMEOUT
	MaxExtractions  int           // posted articles extracted at once by serve; DATELINE_MAX_EXTRACTIONS
	Web             WebConfig     // what serve trusts and logs; see serve.go
}

// DefaultConfig returns the configuration used when nothing is set.
func DefaultConfig() Config {
	return Config{
		DB:              "data/dateline.db",
		Addr:            "127.0.0.1:8080",
		MaxArticleBytes: 10 << 20,
		ArticleTimeout:  30 * time.Second,
		FetchTimeout:    20 * time.Second,
		MaxExtractions:  runtime.NumCPU(),
		Web:             WebConfig{AccessLog: true},
	}
}

// FromEnv overrides c with the DATELINE_* variables that getenv returns.
func (c *Config) FromEnv(getenv func(string) string) error {
	if v := getenv("DATELINE_DB"); v != "" {
		c.DB = v
	}
	if v := getenv("DATELINE_ADDR"); v != "" {
		c.Addr = v
	}
	c.Token = getenv("DATELINE_TOKEN")
	if v := getenv("DATELINE_MAX_ARTICLE_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return fmt.Errorf("DATELINE_MAX_ARTICLE_BYTES: want a positive number of bytes, got %q", v)
		}
		c.MaxArticleBytes = n
	}
	if v := getenv("DATELINE_MAX_EXTRACTIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return fmt.Errorf("DATELINE_MAX_EXTRACTIONS: want a positive number, got %q", v)
		}
		c.MaxExtractions = n
	}
	if err := c.poolFromEnv(getenv); err != nil {
		return err
	}
	if err := c.Web.fromEnv(getenv); err != nil {
		return err
	}
	for name, dst := range map[string]*time.Duration{
		"DATELINE_ARTICLE_TIMEOUT": &c.ArticleTimeout, "DATELINE_FETCH_TIMEOUT": &c.FetchTimeout,
		"DATELINE_DB_CONN_LIFETIME": &c.DBConnLifetime} {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return fmt.Errorf("%s: want a duration such as 30s, got %q", name, v)
			}
			*dst = d
		}
	}
	return nil
}

// dbFlag adds --db to fs, defaulting to the configured database.
func (c *Config) dbFlag(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "database: a SQLite file path or a postgres:// URL (env DATELINE_DB)")
}

// limitFlags adds --max-article-bytes and --article-timeout to fs, the
// per-input size and extraction time limits (env DATELINE_MAX_ARTICLE_BYTES,
// DATELINE_ARTICLE_TIMEOUT).
func (c *Config) limitFlags(fs *flag.FlagSet) {
	fs.Int64Var(&c.MaxArticleBytes, "max-article-bytes", c.MaxArticleBytes, "largest input read, in bytes (env DATELINE_MAX_ARTICLE_BYTES)")
	fs.DurationVar(&c.ArticleTimeout, "article-timeout", c.ArticleTimeout, "longest extraction of one input (env DATELINE_ARTICLE_TIMEOUT)")
}

// checkLimits refuses limits that would let nothing through.
func (c *Config) checkLimits() error {
	if c.MaxArticleBytes <= 0 {
		return fmt.Errorf("--max-article-bytes: want a positive number of bytes, got %d", c.MaxArticleBytes)
	}
	if c.ArticleTimeout <= 0 {
		return fmt.Errorf("--article-timeout: want a positive duration such as 30s, got %s", c.ArticleTimeout)
	}
	return nil
}

// timeFlag is a flag holding an optional RFC 3339 time.
type timeFlag struct{ t **time.Time }

func (f *timeFlag) String() string {
	if f.t == nil || *f.t == nil {
		return ""
	}
	return (*f.t).Format(time.RFC3339)
}

func (f *timeFlag) Set(s string) error {
	t, err := parseTime(s)
	if err != nil {
		return err
	}
	*f.t = &t
	return nil
}

// parseTime accepts RFC 3339, or a bare date (midnight UTC), or a date and
// time without a zone (UTC).
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad time %q: want RFC 3339 such as 2025-08-07T12:00:00Z", s)
}
