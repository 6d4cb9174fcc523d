package main

import (
	"flag"
	"fmt"

	"dateline/models/store"
)

// runRestore makes --db a copy of a backup file, checked first.
func runRestore(e *env) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	e.cfg.dbFlag(fs)
	force := fs.Bool("force", false, "replace the database if it exists")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline restore [--db PATH] [--force] FILE\n\nMakes the SQLite database --db a copy of FILE (a dateline backup), after checking\nthe copy with PRAGMA integrity_check. An existing database is replaced only with\n--force; stop serve and ingest on it first.")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	c, err := store.Restore(e.ctx, fs.Arg(0), e.cfg.DB, *force)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline restore:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "restored %s from %s (%d articles, %d events, %d quotes)\n",
		e.cfg.DB, fs.Arg(0), c.Articles, c.Events, c.Quotes)
	return 0
}
