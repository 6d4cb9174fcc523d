package main

import (
	"bufio"
	"flag"
	"fmt"
	"strings"

	"dateline/models"
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
		fmt.Fprintln(e.stderr, "Usage: dateline export events|quotes|articles [--story SLUG] [--speaker NAME] [--kind K] [--source S] [--from DATE] [--to DATE] [--format csv|json]")
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
	if what == "" && fs.NArg() == 1 {
		what = fs.Arg(0)
	} else if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if (what != "events" && what != "quotes" && what != "articles") || (*format != "csv" && *format != "json") {
		fs.Usage()
		return 2
	}
	if err := export(e, what, *format, f); err != nil {
		fmt.Fprintln(e.stderr, "dateline export:", models.ErrorMessage(err))
		return 1
	}
	return 0
}

// export streams the rows from the store into the encoder.
func export(e *env, what, format string, f models.Filter) error {
	st, err := e.cfg.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
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
	if err != nil {
		return err
	}
	return w.Close()
}
