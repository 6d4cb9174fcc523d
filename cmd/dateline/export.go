package main

import (
	"bufio"
	"flag"
	"fmt"
	"strings"

	"dateline/models"
	"dateline/models/store"
	"dateline/views"
)

// runExport writes events, quotes or articles to stdout as CSV (the same
// columns as the web export, see views/csv.go) or as a JSON array.
func runExport(e *env) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	e.cfg.dbFlag(fs)
	var f models.Filter
	fs.StringVar(&f.Story, "story", "", "only this story (slug)")
	fs.StringVar(&f.Speaker, "speaker", "", "only quotes by this person (name or slug)")
	fs.StringVar(&f.Person, "person", "", "only events with this actor")
	fs.StringVar(&f.Kind, "kind", "", "only this event kind (events, articles) or quote kind (quotes)")
	fs.StringVar(&f.Source, "source", "", "only this outlet")
	fs.StringVar(&f.From, "from", "", "from this date, YYYY-MM-DD (inclusive)")
	fs.StringVar(&f.To, "to", "", "to this date, YYYY-MM-DD (inclusive)")
	format := fs.String("format", "csv", "csv or json")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: dateline export events|quotes|articles [--story SLUG] [--speaker NAME] [--person NAME] [--kind K] [--source S] [--from DATE] [--to DATE] [--format csv|json]")
		fs.PrintDefaults()
	}
	what, rest := "", e.args
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		what, rest = rest[0], rest[1:]
	}
	e.args = rest
	if code := e.parseFlags(fs); code >= 0 {
		return code
	}
	if what == "" && fs.NArg() > 0 {
		what = fs.Arg(0)
		e.args = fs.Args()[1:]
	} else {
		e.args = fs.Args()
	}
	if err := checkExportArgs(what, *format, e.args); err != nil {
		fmt.Fprintln(e.stderr, "dateline export:", err)
		fs.Usage()
		return 2
	}
	if err := export(e, what, *format, f); err != nil {
		fmt.Fprintln(e.stderr, "dateline export:", cliMessage(err))
		return 1
	}
	return 0
}

// checkExportArgs says what is wrong with the table, the format or the
// arguments left after the flags, if anything.
func checkExportArgs(what, format string, extra []string) error {
	switch {
	case what == "":
		return fmt.Errorf("say what to export: events, quotes or articles")
	case what != "events" && what != "quotes" && what != "articles":
		return fmt.Errorf("cannot export %q: want events, quotes or articles", what)
	case format != "csv" && format != "json":
		return fmt.Errorf("unknown --format %q: want csv or json", format)
	case len(extra) > 0:
		return fmt.Errorf("unexpected argument %q (flags go before or after the table name, values after their flag)", extra[0])
	}
	return nil
}

// export streams the rows from the store into the encoder.
func export(e *env, what, format string, f models.Filter) error {
	st, err := e.cfg.openExistingStore(store.MigrateNew)
	if err != nil {
		return err
	}
	defer st.Close()
	// Nothing is flushed until the export has gone well or its first
	// rows filled the buffer: a bad filter (an unknown story, a date that
	// is not YYYY-MM-DD) fails before any row, so it writes nothing, not
	// a header that looks like an empty export.
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	var w *views.RowWriter
	if format == "json" {
		w = views.NewJSONWriter(out)
	} else {
		cols := map[string][]string{"events": views.EventColumns, "quotes": views.QuoteColumns, "articles": views.ArticleColumns}[what]
		if w, err = views.NewCSVWriter(out, cols); err != nil {
			return err
		}
	}
	switch what {
	case "events":
		err = st.EachEventRow(e.ctx, f, w.Event)
	case "quotes":
		err = st.EachQuoteRow(e.ctx, f, w.Quote)
	default:
		err = st.EachArticleRow(e.ctx, f, w.Article)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return err
	}
	return out.Flush()
}

// cliMessage is how a command shows an error to the person who ran it: the
// user-safe message, or for an internal error the whole chain, which the
// web pages hide but which is this user's own machine to debug.
func cliMessage(err error) string {
	if models.ErrorCode(err) == models.EINTERNAL {
		return err.Error()
	}
	return models.ErrorMessage(err)
}
