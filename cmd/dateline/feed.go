package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"dateline/models"
	"dateline/models/store"
)

const feedUsage = `Usage:
  dateline feed add --story SLUG [--allow-private] [--keyword WORD ...] URL
  dateline feed list
  dateline feed poll [--max-article-bytes N] [--article-timeout D]
  dateline feed remove ID
add attaches an RSS or Atom feed to a story (created when missing); with
--keyword (repeatable or comma-separated) an item joins the story only when
its title or summary holds one of the words. poll fetches every feed once
now and ingests the links of its new items; dateline serve --feed-interval
polls them in the background. Every command takes --db PATH.`

// feedOpts are the flags of the feed subcommands.
type feedOpts struct {
	story        string
	allowPrivate bool
	keywords     listFlag
}

// runFeed manages the feeds attached to stories.
func runFeed(e *env) int {
	sub, fs, code, ok := e.subcommand("feed", feedUsage)
	if !ok {
		return code
	}
	var o feedOpts
	switch sub {
	case "add":
		fs.StringVar(&o.story, "story", "", "the story (slug) the feed's items join")
		fs.BoolVar(&o.allowPrivate, "allow-private", false, "allow the feed and its items on loopback and private addresses")
		fs.Var(&o.keywords, "keyword", "an item joins only when its title or summary holds this word (repeatable)")
	case "poll":
		e.cfg.limitFlags(fs)
	}
	pos, code := parseInTurns(e, fs)
	if code >= 0 {
		return code
	}
	want := map[string]int{"add": 1, "list": 0, "poll": 0, "remove": 1}
	if n, ok := want[sub]; !ok || len(pos) != n {
		fmt.Fprintln(e.stderr, feedUsage)
		return 2
	}
	if err := o.check(e, sub, pos); err != nil {
		fmt.Fprintf(e.stderr, "dateline feed %s: %s\n", sub, err)
		return 2
	}
	open := e.cfg.openExistingStore // list, poll, remove: no feeds in a new file
	if sub == "add" {
		open = e.cfg.openStoreWith
	}
	st, err := open(store.MigrateNew)
	if err != nil {
		fmt.Fprintf(e.stderr, "dateline feed %s: %s\n", sub, models.ErrorMessage(err))
		return 1
	}
	defer st.Close()
	if code, err = o.run(e, st, sub, pos); err != nil {
		fmt.Fprintf(e.stderr, "dateline feed %s: %s\n", sub, models.ErrorMessage(err))
	}
	return code
}

// parseInTurns parses flags that may come before or after the positional
// arguments; code is the exit code to stop with, or -1.
func parseInTurns(e *env, fs *flag.FlagSet) (pos []string, code int) {
	for {
		if code := e.parseFlags(fs); code >= 0 {
			return nil, code
		}
		if fs.NArg() == 0 {
			return pos, -1
		}
		pos = append(pos, fs.Arg(0))
		e.args = fs.Args()[1:]
	}
}

// check refuses bad arguments before the database is opened.
func (o *feedOpts) check(e *env, sub string, pos []string) error {
	switch sub {
	case "add":
		f := models.Feed{StorySlug: o.story, URL: pos[0], AllowPrivate: o.allowPrivate, Keywords: o.keywords}
		if err := f.Check(); err != nil {
			return errors.New(models.ErrorMessage(err))
		}
	case "remove":
		if _, err := strconv.ParseUint(pos[0], 10, 32); err != nil {
			return fmt.Errorf("%s: want a feed id (see dateline feed list)", pos[0])
		}
	case "poll":
		return e.cfg.checkLimits()
	}
	return nil
}

func (o *feedOpts) run(e *env, st *store.Store, sub string, pos []string) (int, error) {
	switch sub {
	case "add":
		f := models.Feed{StorySlug: o.story, URL: pos[0], AllowPrivate: o.allowPrivate, Keywords: o.keywords}
		if err := st.AddFeed(e.ctx, &f, time.Now()); err != nil {
			return 1, err
		}
		fmt.Fprintf(e.stdout, "added feed %d to story %s: %s\n", f.ID, models.Slug(o.story), f.URL)
	case "list":
		feeds, err := st.Feeds(e.ctx)
		if err != nil {
			return 1, err
		}
		printFeeds(e.stdout, feeds)
	case "remove":
		id, _ := strconv.ParseUint(pos[0], 10, 32)
		if err := st.RemoveFeed(e.ctx, uint(id)); err != nil {
			return 1, err
		}
		fmt.Fprintf(e.stdout, "removed feed %d\n", id)
	case "poll":
		return pollFeedsOnce(e, st)
	}
	return 0, nil
}

// pollFeedsOnce polls every feed now, prints a line for each, and fails
// (exit 1) when any feed failed.
func pollFeedsOnce(e *env, st *store.Store) (int, error) {
	feeds, err := st.Feeds(e.ctx)
	if err != nil {
		return 1, err
	}
	if len(feeds) == 0 {
		fmt.Fprintln(e.stdout, "no feeds; add one with dateline feed add --story SLUG URL")
		return 0, nil
	}
	if !e.useExtractor("feed poll") {
		return 1, nil
	}
	code := 0
	for _, o := range newFeedPoller(st, e.ex, e.cfg, 0).pollAll(e.ctx, feeds) {
		fmt.Fprintln(e.stdout, o.line())
		if o.Feed.LastStatus == models.FeedError {
			code = 1
		}
	}
	return code, nil
}

// line sums up a poll of one feed.
func (o feedOutcome) line() string {
	f := o.Feed
	head := fmt.Sprintf("feed %d (%s) %s: ", f.ID, f.StorySlug, f.URL)
	switch f.LastStatus {
	case models.FeedError:
		return head + "error: " + f.LastError
	case models.FeedNotModified:
		return head + "not modified"
	}
	s := fmt.Sprintf("%d new article(s), %d item(s) skipped, %d failed", f.NewItems, o.Skipped, o.Failed)
	if o.Dropped > 0 {
		s += fmt.Sprintf(", %d past the first %d not read", o.Dropped, maxFeedItems)
	}
	if f.LastError != "" {
		s += "; " + f.LastError
	}
	return head + s
}

// printFeeds writes the feed table of dateline feed list.
func printFeeds(w io.Writer, feeds []models.Feed) {
	if len(feeds) == 0 {
		fmt.Fprintln(w, "no feeds; add one with dateline feed add --story SLUG URL")
		return
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTORY\tURL\tLAST FETCH\tSTATUS\tNEW\tNEXT\tLAST ERROR")
	for _, f := range feeds {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", f.ID, f.StorySlug, f.URL, stamp(f.LastFetchAt),
			orDash(f.LastStatus), f.NewItems, stamp(f.NextFetchAt), orDash(oneLine(f.LastError)))
	}
	tw.Flush()
}

func stamp(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
