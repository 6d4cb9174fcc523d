package main

import (
	"flag"
	"fmt"

	"dateline/models/store"
)

// runCopy moves a whole database into a new one, SQLite or PostgreSQL in
// either direction, keeping ids, and reports the rows of each table.
func runCopy(e *env) int {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	from := fs.String("from", "", "source database: a SQLite file path or a postgres:// URL")
	to := fs.String("to", "", "target database (a new SQLite file, or an empty PostgreSQL database; migrated first)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline copy --from SOURCE --to TARGET\n\nCopies every article, event, quote, person and story from SOURCE to TARGET, keeping ids.\nSOURCE stays in use and is read in one snapshot; TARGET must be empty.")
		fs.PrintDefaults()
	}
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	if *from == "" || *to == "" || fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	src, err := store.OpenWith(*from, store.Options{Migrate: store.MigrateSkip, MustExist: true})
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline copy: source:", err)
		return 1
	}
	defer src.Close()
	if _, pending, err := src.SchemaVersion(e.ctx); err != nil {
		fmt.Fprintln(e.stderr, "dateline copy: source:", err)
		return 1
	} else if pending > 0 {
		fmt.Fprintf(e.stderr, "dateline copy: source has %d pending migrations; run dateline migrate --db on it first\n", pending)
		return 1
	}
	dst, err := store.OpenWith(*to, store.Options{Migrate: store.MigrateAll})
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline copy: target:", err)
		return 1
	}
	defer dst.Close()
	counts, err := store.Copy(e.ctx, src, dst)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline copy:", err)
		return 1
	}
	var total int64
	for _, c := range counts {
		fmt.Fprintf(e.stdout, "%-18s %8d\n", c.Table, c.Rows)
		total += c.Rows
	}
	fmt.Fprintf(e.stdout, "copied %d rows from %s (%s) to %s (%s)\n", total, src.Path(), src.Dialect(), dst.Path(), dst.Dialect())
	return 0
}
