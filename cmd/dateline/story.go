package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"dateline/models"
	"dateline/models/store"
	"dateline/views"
)

// listFlag is a repeatable string flag; commas also separate values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

const storyUsage = `Usage:
  dateline story list
  dateline story show SLUG [--json]
  dateline story create SLUG --title TITLE [--description D] [rules]
  dateline story edit SLUG [--title TITLE] [--description D] [rules] [--clear-rules]
  dateline story pin SLUG EVENT_ID [--clear]
  dateline story hide SLUG EVENT_ID [--clear]
  dateline story attach SLUG ARTICLE_ID...
Rules: --keyword K, --person NAME, --kind KIND (repeatable or comma-separated), --from DATE, --to DATE.
Every command takes --db PATH.`

// storyWrites are the story subcommands that write; the others only read
// and refuse a database that does not exist.
var storyWrites = map[string]bool{"create": true, "edit": true, "pin": true, "hide": true, "attach": true}

// subcommand reads the subcommand of command name from e.args and makes
// its flag set, with --db; ok is false when there is none or help was
// asked for, and code is then the exit status (2 for none, 0 for help).
func (e *env) subcommand(name, usage string) (sub string, fs *flag.FlagSet, code int, ok bool) {
	if len(e.args) == 0 || e.args[0] == "-h" || e.args[0] == "--help" {
		fmt.Fprintln(e.stderr, usage)
		if len(e.args) == 0 {
			return "", nil, 2, false
		}
		return "", nil, 0, false
	}
	sub, e.args = e.args[0], e.args[1:]
	fs = flag.NewFlagSet(name+" "+sub, flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprintln(e.stderr, usage) }
	e.cfg.dbFlag(fs)
	return sub, fs, 0, true
}

// runStory manages stories: the saved timelines of the web pages.
func runStory(e *env) int {
	sub, fs, code, ok := e.subcommand("story", storyUsage)
	if !ok {
		return code
	}
	var o storyOpts
	o.define(fs, sub)
	// Flags may come after the positional arguments: parse them in turns.
	var pos []string
	for {
		if code := e.parseFlags(fs); code >= 0 {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		e.args = fs.Args()[1:]
	}
	if !storyWrites[sub] && sub != "list" && sub != "show" {
		fmt.Fprintln(e.stderr, storyUsage) // before opening: nothing to create
		return 2
	}
	open := e.cfg.openExistingStore // list, show: only read
	if storyWrites[sub] {
		open = e.cfg.openStoreWith
	}
	st, err := open(store.MigrateNew)
	if err != nil {
		fmt.Fprintln(e.stderr, "dateline story:", models.ErrorMessage(err))
		return 1
	}
	defer st.Close()
	code, err = o.run(e, st, sub, pos)
	if err != nil {
		fmt.Fprintf(e.stderr, "dateline story %s: %s\n", sub, models.ErrorMessage(err))
		if code == 0 {
			code = 1
		}
	}
	return code
}

// storyOpts are the flags of the story subcommands.
type storyOpts struct {
	title, description, from, to string
	keywords, people, kinds      listFlag
	clear, clearRules, asJSON    bool
}

func (o *storyOpts) define(fs *flag.FlagSet, sub string) {
	switch sub {
	case "create", "edit":
		fs.StringVar(&o.title, "title", "", "title")
		fs.StringVar(&o.description, "description", "", "description")
		fs.Var(&o.keywords, "keyword", "rule: a keyword or phrase (repeatable)")
		fs.Var(&o.people, "person", "rule: an actor (repeatable)")
		fs.Var(&o.kinds, "kind", "rule: an event kind (repeatable)")
		fs.StringVar(&o.from, "from", "", "rule: from this date, YYYY-MM-DD")
		fs.StringVar(&o.to, "to", "", "rule: to this date, YYYY-MM-DD")
		fs.BoolVar(&o.clearRules, "clear-rules", false, "edit: drop every rule first")
	case "pin", "hide":
		fs.BoolVar(&o.clear, "clear", false, "undo: neither pinned nor hidden")
	case "show":
		fs.BoolVar(&o.asJSON, "json", false, "print the timeline as JSON")
	}
}

func (o *storyOpts) run(e *env, st *store.Store, sub string, pos []string) (int, error) {
	want := map[string]int{"list": 0, "show": 1, "create": 1, "edit": 1, "pin": 2, "hide": 2}
	n, known := want[sub]
	switch {
	case sub == "attach" && len(pos) >= 2:
	case !known:
		fmt.Fprintln(e.stderr, storyUsage)
		return 2, nil
	case sub != "attach" && len(pos) != n, sub == "attach":
		fmt.Fprintln(e.stderr, storyUsage)
		return 2, nil
	}
	now := time.Now().UTC()
	switch sub {
	case "list":
		return 0, storyList(e, st)
	case "show":
		return 0, o.show(e, st, pos[0])
	case "create":
		s := models.Story{Slug: pos[0], Title: o.title, Description: o.description, Rules: store.EncodeRules(o.rules(models.StoryRules{}))}
		if err := st.CreateStory(e.ctx, &s, now); err != nil {
			return 1, err
		}
		fmt.Fprintf(e.stdout, "created story %s\n", s.Slug)
		return 0, nil
	case "edit":
		return 0, o.edit(e, st, pos[0], now)
	case "pin", "hide":
		return 0, o.state(e, st, sub, pos)
	}
	return 0, storyAttach(e, st, pos)
}

// rules applies the rule flags to r; each rule flag given replaces that rule.
func (o *storyOpts) rules(r models.StoryRules) models.StoryRules {
	if o.clearRules {
		r = models.StoryRules{}
	}
	if len(o.keywords) > 0 {
		r.Keywords = o.keywords
	}
	if len(o.people) > 0 {
		r.People = o.people
	}
	if len(o.kinds) > 0 {
		r.Kinds = o.kinds
	}
	if o.from != "" {
		r.From = o.from
	}
	if o.to != "" {
		r.To = o.to
	}
	return r
}

func (o *storyOpts) edit(e *env, st *store.Store, slug string, now time.Time) error {
	s, err := st.StoryBySlug(e.ctx, slug)
	if err != nil {
		return err
	}
	if o.title != "" {
		s.Title = o.title
	}
	if o.description != "" {
		s.Description = o.description
	}
	s.Rules = store.EncodeRules(o.rules(views.ParseRules(s.Rules)))
	if err := st.UpdateStory(e.ctx, &s, now); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "saved story %s\n", s.Slug)
	return nil
}

func (o *storyOpts) state(e *env, st *store.Store, sub string, pos []string) error {
	s, err := st.StoryBySlug(e.ctx, pos[0])
	if err != nil {
		return err
	}
	id, err := strconv.ParseUint(pos[1], 10, 32)
	if err != nil {
		return models.Errorf(models.EINVALID, "event id %q is not a number", pos[1])
	}
	state := map[string]string{"pin": models.StoryEventPinned, "hide": models.StoryEventHidden}[sub]
	if o.clear {
		state = ""
	}
	if err := st.SetEventState(e.ctx, s.ID, uint(id), state); err != nil {
		return err
	}
	if state == "" {
		state = "cleared"
	}
	fmt.Fprintf(e.stdout, "event %d in %s: %s\n", id, s.Slug, state)
	return nil
}

func storyList(e *env, st *store.Store) error {
	stories, err := st.Stories(e.ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SLUG\tTITLE\tUPDATED")
	for _, s := range stories {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Slug, s.Title, s.UpdatedAt.UTC().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

func (o *storyOpts) show(e *env, st *store.Store, slug string) error {
	s, err := st.StoryBySlug(e.ctx, slug)
	if err != nil {
		return err
	}
	entries, err := st.Timeline(e.ctx, s, models.Filter{})
	if err != nil {
		return err
	}
	if o.asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string]any{"story": s, "rules": views.ParseRules(s.Rules), "events": entries})
	}
	fmt.Fprintf(e.stdout, "%s (%s)\n", s.Title, s.Slug)
	if s.Description != "" {
		fmt.Fprintln(e.stdout, s.Description)
	}
	if s.Rules != "" {
		fmt.Fprintln(e.stdout, "rules:", s.Rules)
	}
	now := time.Now().UTC()
	for _, en := range entries {
		ev := en.Event
		mark := " "
		if en.Pinned {
			mark = "*"
		}
		fmt.Fprintf(e.stdout, "%s %5d  %-22s %-10s %s\n", mark, ev.ID, views.DisplayDate(ev.Date, ev.Granularity), ev.Kind, ev.Summary)
		if ev.Kind == models.KindDeadline || ev.Kind == models.KindUltimatum {
			fmt.Fprintf(e.stdout, "         deadline %s\n", views.DeadlineStatus(ev.Date, ev.Granularity, now))
		}
	}
	fmt.Fprintf(e.stdout, "%d events (* pinned)\n", len(entries))
	return nil
}

func storyAttach(e *env, st *store.Store, pos []string) error {
	s, err := st.StoryBySlug(e.ctx, pos[0])
	if err != nil {
		return err
	}
	for _, a := range pos[1:] {
		id, err := strconv.ParseUint(a, 10, 32)
		if err != nil {
			return models.Errorf(models.EINVALID, "article id %q is not a number", a)
		}
		if err := st.AttachArticle(e.ctx, s.ID, uint(id)); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "attached %d article(s) to %s\n", len(pos)-1, s.Slug)
	return nil
}
