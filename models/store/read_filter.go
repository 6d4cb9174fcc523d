package store

import (
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"dateline/models"
)

// The read side: the SQL pieces shared by the story timeline, the pages,
// the JSON API and the exports. Every piece is a WHERE fragment with its
// arguments, so one filter reads the same in every query.

// cond is a WHERE fragment and its arguments.
type cond struct {
	sql  string
	args []any
}

// dayRange reads a filter's From/To (YYYY-MM-DD, inclusive) into a half-open
// range [from, to+1 day). Zero times mean no bound.
func dayRange(from, to string) (time.Time, time.Time, error) {
	var f, t time.Time
	var err error
	if from != "" {
		if f, err = time.Parse("2006-01-02", from); err != nil {
			return f, t, models.Errorf(models.EINVALID, "bad from date %q: want YYYY-MM-DD", from)
		}
	}
	if to != "" {
		if t, err = time.Parse("2006-01-02", to); err != nil {
			return f, t, models.Errorf(models.EINVALID, "bad to date %q: want YYYY-MM-DD", to)
		}
		t = t.AddDate(0, 0, 1)
	}
	return f, t, nil
}

// likeArg makes s a LIKE pattern matching s anywhere, with the LIKE
// wildcards in s taken literally (ESCAPE '\'). Callers compare lower(col)
// with lower(pattern): SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.TrimSpace(s)) + "%"
}

// timeConds adds col >= from and col < to for the bounds that are set.
func timeConds(col string, from, to time.Time) []cond {
	var out []cond
	if !from.IsZero() {
		out = append(out, cond{col + " >= ?", []any{from}})
	}
	if !to.IsZero() {
		out = append(out, cond{col + " < ?", []any{to}})
	}
	return out
}

// apply adds each fragment to q with AND.
func apply(q *gorm.DB, cs []cond) *gorm.DB {
	for _, c := range cs {
		q = q.Where(c.sql, c.args...)
	}
	return q
}

// parseRules reads a story's stored rules.
func parseRules(s string) (models.StoryRules, error) {
	var r models.StoryRules
	if strings.TrimSpace(s) == "" {
		return r, nil
	}
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return r, models.Wrap(models.EINVALID, err, "story rules are not valid JSON")
	}
	return r, nil
}

// rulesCond is the condition "event e matches the story's rules": every kind
// of rule that is filled in must hold (any of its values), so "people: Putin;
// kinds: meeting" is Putin's meetings. ok is false for a story without rules.
func rulesCond(r models.StoryRules) (c cond, ok bool, err error) {
	var parts []string
	var args []any
	if kw := nonEmpty(r.Keywords); len(kw) > 0 {
		var or []string
		for _, k := range kw {
			or = append(or, `(lower(e.summary) LIKE lower(?) ESCAPE '\' OR EXISTS (SELECT 1 FROM event_sources rs
				WHERE rs.event_id = e.id AND lower(rs.sentence) LIKE lower(?) ESCAPE '\'))`)
			args = append(args, likeArg(k), likeArg(k))
		}
		parts = append(parts, "("+strings.Join(or, " OR ")+")")
	}
	if ps := nonEmpty(r.People); len(ps) > 0 {
		var or []string
		for _, p := range ps {
			or = append(or, `lower(e.actors) LIKE lower(?) ESCAPE '\'`)
			args = append(args, likeArg(p))
		}
		parts = append(parts, "("+strings.Join(or, " OR ")+")")
	}
	if ks := nonEmpty(r.Kinds); len(ks) > 0 {
		parts = append(parts, "e.kind IN ?")
		args = append(args, ks)
	}
	from, to, err := dayRange(r.From, r.To)
	if err != nil {
		return c, false, err
	}
	for _, tc := range timeConds("e.sort_at", from, to) {
		parts = append(parts, tc.sql)
		args = append(args, tc.args...)
	}
	if len(parts) == 0 {
		return c, false, nil
	}
	return cond{strings.Join(parts, " AND "), args}, true, nil
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// storyEventsCond is "event e belongs to story st": reported by an attached
// article, or matching the rules, or pinned; and not hidden.
func storyEventsCond(st models.Story) (cond, error) {
	return storyEventsCondAs(st, false)
}

// storyEventsCondAs is storyEventsCond; with perRow, membership is tested
// event by event (EXISTS), which suits a scan of the latest events that
// stops early, rather than by building the story's whole id list first.
func storyEventsCondAs(st models.Story, perRow bool) (cond, error) {
	sql := `(e.id IN (SELECT es.event_id FROM event_sources es
			JOIN story_articles sa ON sa.article_id = es.article_id WHERE sa.story_id = ?)
		OR e.id IN (SELECT event_id FROM story_events WHERE story_id = ? AND state = 'pinned')`
	if perRow {
		sql = `(EXISTS (SELECT 1 FROM event_sources es JOIN story_articles sa
			ON sa.article_id = es.article_id AND sa.story_id = ? WHERE es.event_id = e.id)
		OR EXISTS (SELECT 1 FROM story_events se WHERE se.story_id = ? AND se.event_id = e.id AND se.state = 'pinned')`
	}
	args := []any{st.ID, st.ID}
	rules, err := parseRules(st.Rules)
	if err != nil {
		return cond{}, err
	}
	rc, ok, err := rulesCond(rules)
	if err != nil {
		return cond{}, err
	}
	if ok {
		sql += " OR (" + rc.sql + ")"
		args = append(args, rc.args...)
	}
	sql += `) AND e.id NOT IN (SELECT event_id FROM story_events WHERE story_id = ? AND state = 'hidden')`
	return cond{sql, append(args, st.ID)}, nil
}

// storyArticlesSQL selects the ids of a story's articles: attached ones and
// those reporting its events. Its arguments are storyEventsCond's, after st.ID.
func storyArticlesCond(st models.Story, col string) (cond, error) {
	ev, err := storyEventsCond(st)
	if err != nil {
		return cond{}, err
	}
	sql := col + ` IN (SELECT article_id FROM story_articles WHERE story_id = ?
		UNION SELECT es2.article_id FROM event_sources es2 JOIN events e ON e.id = es2.event_id WHERE ` + ev.sql + `)`
	return cond{sql, append([]any{st.ID}, ev.args...)}, nil
}

// eventFilterConds turns a page filter into conditions on events e (the
// story is handled by the caller, which has loaded it).
func eventFilterConds(f models.Filter) ([]cond, error) {
	var cs []cond
	if f.Kind != "" {
		cs = append(cs, cond{"e.kind = ?", []any{f.Kind}})
	}
	if p := firstNonEmpty(f.Person, f.Speaker); p != "" {
		cs = append(cs, cond{`lower(e.actors) LIKE lower(?) ESCAPE '\'`, []any{likeArg(p)}})
	}
	if f.Source != "" {
		cs = append(cs, cond{`EXISTS (SELECT 1 FROM event_sources fs JOIN articles fa ON fa.id = fs.article_id
			JOIN sources fsrc ON fsrc.id = fa.source_id WHERE fs.event_id = e.id AND fsrc.name = ?)`, []any{f.Source}})
	}
	from, to, err := dayRange(f.From, f.To)
	if err != nil {
		return nil, err
	}
	return append(cs, timeConds("e.sort_at", from, to)...), nil
}

// speakerCond matches a quote's speaker p by slug or by name (any case).
func speakerCond(speaker string) cond {
	return cond{`q.speaker_id IN (SELECT id FROM people WHERE slug = ? OR lower(name) = lower(?)
		UNION SELECT person_id FROM person_aliases WHERE lower(alias) = lower(?))`,
		[]any{models.Slug(speaker), speaker, speaker}}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
