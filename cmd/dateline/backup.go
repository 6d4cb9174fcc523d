package main

import (
	"flag"
	"fmt"

	"dateline/models/store"
)

// runBackup writes a consistent copy of the database while it stays in use.
func runBackup(e *env) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	e.cfg.dbFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline backup [--db PATH] FILE\n\nWrites a consistent copy of the database to FILE (which must not exist) while it stays in use.")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	// A database with pending migrations can be backed up (before migrating).
	st, err := e.cfg.openExistingStore(store.MigrateSkip)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline backup:", err)
		return 1
	}
	defer st.Close()
	if err := st.Backup(e.ctx, fs.Arg(0)); err != nil {
		fmt.Fprintln(e.stderr, "dateline backup:", err)
		return 1
	}
	c, err := st.Counts(e.ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline backup:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s (%d articles, %d events, %d quotes)\n",
		st.Path(), fs.Arg(0), c.Articles, c.Events, c.Quotes)
	return 0
}
