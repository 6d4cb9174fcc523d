// Command dateline reads diplomatic news into dated events and attributed
// quotes, stores them in SQLite and serves story timelines with charts.
package main

import (
	"context"
	"dateline/models/extract"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"syscall"
)

func main() {
	// Package initialisation (go-dateparser's tables, pulled in by
	// go-trafilatura) allocates about 100 MB, of which about 30 MB stays
	// live: handing the garbage back to the OS now, rather than when the
	// scavenger gets to it, takes an idle serve from 61 to 50 MB of
	// anonymous memory.
	debug.FreeOSMemory()
	if len(os.Args) > 1 && batchCommands[os.Args[1]] && os.Getenv("GOGC") == "" {
		// The batch commands are CPU-bound with a small live heap (tens
		// of MB): collecting at 3x the live heap instead of 2x spends
		// less of their time in the garbage collector. GOGC overrides it.
		debug.SetGCPercent(200)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// batchCommands run through many articles at full speed (see main).
var batchCommands = map[string]bool{"ingest": true, "extract": true, "bench": true}

// env carries what a command may touch: its arguments, its standard streams
// and the configuration. Commands never read os.Args, os.Stdin or the
// environment themselves, so tests can run them in process.
type env struct {
	ctx    context.Context
	cfg    Config
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// ex is the extractor, made by useExtractor in the commands that extract.
	ex *extract.Extractor
}

// useExtractor makes e.ex, the English extractor, at the start of a command
// that extracts, so a broken language file stops it there with the file
// and line; false when it could not.
func (e *env) useExtractor(cmd string) bool {
	ex, err := extract.New("en")
	if err != nil {
		fmt.Fprintf(e.stderr, "dateline %s: %v\n", cmd, err)
		return false
	}
	e.ex = ex
	return true
}

// command is one subcommand of dateline.
type command struct {
	summary string
	run     func(e *env) int
}

// commands is the command table; each command lives in its own file.
func commands() map[string]command {
	return map[string]command{
		"extract":  {"print the extraction of a file as JSON, without touching the database", runExtract},
		"bench":    {"measure extraction, ingest, export and page speed on a generated corpus", runBench},
		"ingest":   {"read files, folders, URLs or stdin into the database", runIngest},
		"backup":   {"write a consistent copy of the database while it stays in use", runBackup},
		"restore":  {"replace the database with a checked copy of a backup", runRestore},
		"serve":    {"serve story timelines, charts, embeds, CSV exports and the JSON API", runServe},
		"export":   {"write events, quotes or articles as CSV or JSON", runExport},
		"story":    {"list, show, create and edit stories; pin, hide and attach", runStory},
		"feed":     {"attach RSS and Atom feeds to stories, list them with their status, poll them now", runFeed},
		"loadtest": {"measure a dateline server on this machine: error rate and p50/p99 per page", runLoadtest},
		"migrate":  {"apply the database's pending schema migrations (SQLite or PostgreSQL)", runMigrate},
		"copy":     {"copy a whole database between SQLite and PostgreSQL, keeping ids", runCopy},
		"version":  {"print the version, commit, build tags and Go version of this binary", runVersion},
		"user":     {"add, list and remove the accounts that sign in to edit (editor, admin)", runUser},
	}
}

// run is the whole program: it parses the command line and runs one command,
// returning the process exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg := DefaultConfig()
	if err := cfg.FromEnv(os.Getenv); err != nil {
		fmt.Fprintln(stderr, "dateline:", err)
		return 2
	}
	if len(args) > 0 && args[0] == "--version" {
		args = append([]string{"version"}, args[1:]...)
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "-h"}, stdin, stdout, stderr)
		}
		usage(stdout)
		return 0
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "dateline: unknown command %q (see dateline help)\n", args[0])
		return 2
	}
	return cmd.run(&env{ctx: ctx, cfg: cfg, args: args[1:], stdin: stdin, stdout: stdout, stderr: stderr})
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dateline: a timeline and quote tracker for diplomatic news")
	fmt.Fprintln(w, "\nUsage: dateline COMMAND [flags] [args]\n\nCommands:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'dateline COMMAND -h' for a command's flags.")
}

// parseFlags parses e.args with fs, printing errors to stderr. It returns the
// exit code to stop with, or -1 to go on.
func (e *env) parseFlags(fs *flag.FlagSet) int {
	fs.SetOutput(e.stderr)
	if err := fs.Parse(e.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	return -1
}
