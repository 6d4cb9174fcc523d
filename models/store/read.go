package store

import (
	"context"
	"fmt"
	"sort"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"dateline/models"
)

// Ping checks that the database answers, for /healthz.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.rdb.DB()
	if err != nil {
		return dbError(err, "database unavailable")
	}
	return dbError(sqlDB.PingContext(ctx), "database unavailable")
}

// eventPreloads loads what an event page shows of its sources: n of them
// from the from-th, by article id.
func eventPreloads(q *gorm.DB, from, n int) *gorm.DB {
	return q.Preload("Sources", func(db *gorm.DB) *gorm.DB { return db.Order("article_id").Offset(from).Limit(n) }).
		Preload("Sources.Article", func(db *gorm.DB) *gorm.DB {
			return db.Omit("body") // the body is not shown on an event page
		}).Preload("Sources.Article.Source")
}

// Timeline returns the events of story st that pass filter f, ordered by
// date (with f.Limit, the latest f.Limit of them), pinned ones marked. Each
// entry carries its first models.EntrySources sources (by article id) with
// their article and outlet, the number of all its sources, and the quotes
// in the sentences of the sources it carries: what an entry shows. An event
// reported by thousands of articles then costs little more than one
// reported by a dozen (five events of 3,000 sources each: 124 -> 3.3 ms on
// SQLite, when every source was loaded with its quotes).
//
// An event belongs to a story when an article attached to the story
// reports it, when it matches the story's rules, or when it is pinned;
// hidden events are left out.
func (s *Store) Timeline(ctx context.Context, st models.Story, f models.Filter) ([]models.TimelineEntry, error) {
	sc, err := storyEventsCond(st)
	if err != nil {
		return nil, err
	}
	fc, err := eventFilterConds(f)
	if err != nil {
		return nil, err
	}
	if f.Before != 0 {
		fc = append(fc, beforeEvent(f.Before))
	}
	var events []models.Event
	if f.Limit > 0 {
		events, err = s.latestEvents(ctx, st, fc, f.Limit, f.Before)
	} else {
		q := apply(s.rdb.WithContext(ctx).Table("events AS e").Select("e.*").Where(sc.sql, sc.args...), fc)
		err = q.Order("e.sort_at, e.id").Find(&events).Error
	}
	if err != nil {
		return nil, dbError(err, "loading the timeline of %s", st.Slug)
	}
	counts, err := s.entrySources(ctx, events)
	if err != nil {
		return nil, err
	}
	var pinned []uint
	err = s.rdb.WithContext(ctx).Table("story_events").Where("story_id = ? AND state = ?", st.ID, models.StoryEventPinned).
		Pluck("event_id", &pinned).Error
	if err != nil {
		return nil, dbError(err, "loading pinned events")
	}
	return s.entries(ctx, events, counts, pinned)
}

// entrySources gives each event its first models.EntrySources sources, by
// article id, with their article (without body) and outlet, and returns
// the number of all the sources of each event.
func (s *Store) entrySources(ctx context.Context, events []models.Event) (map[uint]int, error) {
	if len(events) == 0 {
		return nil, nil
	}
	ids := make([]uint, len(events))
	for i, ev := range events {
		ids[i] = ev.ID
	}
	rows, counts, err := firstByArticle[models.EventSource](ctx, s, "event_sources", "event_id", "events", ids, models.EntrySources)
	if err != nil {
		return nil, dbError(err, "loading the sources of the timeline")
	}
	articleIDs := map[uint]bool{}
	for _, r := range rows {
		articleIDs[r.ArticleID] = true
	}
	arts, err := s.articlesByID(ctx, articleIDs)
	if err != nil {
		return nil, err
	}
	sources := make(map[uint][]models.EventSource, len(events))
	for _, src := range rows {
		src.Article = arts[src.ArticleID]
		sources[src.EventID] = append(sources[src.EventID], src)
	}
	for i := range events {
		events[i].Sources = sources[events[i].ID]
	}
	return counts, nil
}

// firstByArticle returns the rows of table whose column col is one of ids,
// at most n for each id, the first by article_id, and the number of all the
// rows of each id. parent is the table col points into. Both tables it
// serves, event_sources and quote_appearances, have a unique index on (col,
// article_id): counting and picking read only that index, and only the rows
// kept are read whole. The ids with at most n rows (most: an event reported
// a few times) are read with a plain IN; for the others the article id of
// the last row kept (the n-th) comes first, then the rows up to it. (A
// row_number() window over the same index took 8.7 ms for five events of
// 3,000 sources on SQLite; this takes under 1 ms. With the plain IN for the
// few, an API page of 1,000 events, one source each, took 44 ms in process
// instead of 50.)
func firstByArticle[T any](ctx context.Context, s *Store, table, col, parent string, ids []uint, n int) ([]T, map[uint]int, error) {
	var counts []struct{ ID, N int }
	db := s.rdb.WithContext(ctx)
	err := db.Raw(`SELECT `+col+` AS id, count(*) AS n FROM `+table+` WHERE `+col+` IN ? GROUP BY `+col, ids).
		Scan(&counts).Error
	if err != nil {
		return nil, nil, err
	}
	out := make(map[uint]int, len(counts))
	var few, many []uint
	for _, c := range counts {
		out[uint(c.ID)] = c.N
		if c.N <= n {
			few = append(few, uint(c.ID))
		} else {
			many = append(many, uint(c.ID))
		}
	}
	var rows, more []T
	if len(few) > 0 {
		err = db.Raw(`SELECT * FROM `+table+` WHERE `+col+` IN ? ORDER BY `+col+`, article_id`, few).Scan(&rows).Error
	}
	if err == nil && len(many) > 0 {
		err = db.Raw(`SELECT t.* FROM (SELECT p.id,
				(SELECT x.article_id FROM `+table+` x WHERE x.`+col+` = p.id ORDER BY x.article_id LIMIT 1 OFFSET ?) AS last
				FROM `+parent+` p WHERE p.id IN ?) c
			JOIN `+table+` t ON t.`+col+` = c.id AND t.article_id <= c.last
			ORDER BY t.`+col+`, t.article_id`, n-1, many).Scan(&more).Error
	}
	return append(rows, more...), out, err
}

// articlesByID loads articles (without body) with their outlet.
func (s *Store) articlesByID(ctx context.Context, ids map[uint]bool) (map[uint]*models.Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var arts []models.Article
	err := s.rdb.WithContext(ctx).Omit("body").Preload("Source").Where("id IN ?", keysOf(ids)).Find(&arts).Error
	if err != nil {
		return nil, dbError(err, "loading articles")
	}
	out := make(map[uint]*models.Article, len(arts))
	for i := range arts {
		out[arts[i].ID] = &arts[i]
	}
	return out, nil
}

// ArticlesOfEvents returns the newest n articles (unknown dates last)
// reporting any of the events ids, without body and with their outlet,
// and the number of all the articles reporting them: a story page lists a
// few and links to the rest.
func (s *Store) ArticlesOfEvents(ctx context.Context, ids []uint, n int) ([]models.Article, int, error) {
	if len(ids) == 0 {
		return nil, 0, nil
	}
	var total int
	err := s.rdb.WithContext(ctx).Raw(`SELECT count(DISTINCT article_id) FROM event_sources WHERE event_id IN ?`, ids).
		Scan(&total).Error
	if err != nil {
		return nil, 0, dbError(err, "counting the articles of the timeline")
	}
	var arts []models.Article
	err = s.rdb.WithContext(ctx).Omit("body").Preload("Source").
		Where("id IN (SELECT article_id FROM event_sources WHERE event_id IN ?)", ids).
		Order("published_at IS NULL, published_at DESC, id").Limit(n).Find(&arts).Error
	return arts, total, dbError(err, "loading the articles of the timeline")
}

// OutletsOfEvents returns the names of the outlets whose articles report
// any of the events ids, sorted: the source choices of a story's filters.
func (s *Store) OutletsOfEvents(ctx context.Context, ids []uint) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var names []string
	err := s.rdb.WithContext(ctx).Raw(`SELECT name FROM sources WHERE id IN (SELECT a.source_id FROM articles a
		WHERE a.id IN (SELECT article_id FROM event_sources WHERE event_id IN ?)) AND name <> '' ORDER BY name`, ids).
		Scan(&names).Error
	return names, dbError(err, "loading the outlets of the timeline")
}

// beforeEvent keeps the events before event id in timeline order (see
// models.Filter.Before). Its first part bounds sort_at alone, so the
// sort_at index can start the walk at the cursor.
func beforeEvent(id uint) cond {
	return cond{`e.sort_at <= (SELECT sort_at FROM events WHERE id = ?) AND
		(e.sort_at < (SELECT sort_at FROM events WHERE id = ?) OR e.id < ?)`, []any{id, id, id}}
}

// latestEvents returns the latest n events of story st that pass the
// filters fc, oldest first. On SQLite it first looks among the latest
// latestWindow events of the database (before the event before, when that
// is set: the next page of a timeline), testing each for membership and
// stopping after n (100k events in one story: 159 ms -> under 1 ms); a story
// with fewer than n events there is read whole. Ids come first and the
// events after: sorting only ids is cheaper than sorting whole rows.
func (s *Store) latestEvents(ctx context.Context, st models.Story, fc []cond, n int, before uint) ([]models.Event, error) {
	var ids []uint
	if !s.d.postgres() {
		sc, err := storyEventsCondAs(st, true)
		if err != nil {
			return nil, err
		}
		window := cond{`e.sort_at >= COALESCE((SELECT sort_at FROM events ORDER BY sort_at DESC LIMIT 1 OFFSET ?), '')`, []any{latestWindow}}
		if before != 0 {
			window = cond{`e.sort_at >= COALESCE((SELECT sort_at FROM events WHERE sort_at <= (SELECT sort_at FROM events WHERE id = ?)
				ORDER BY sort_at DESC LIMIT 1 OFFSET ?), '')`, []any{before, latestWindow}}
		}
		q := apply(s.rdb.WithContext(ctx).Table("events AS e").Where(sc.sql, sc.args...), append(fc, window))
		if err := q.Order("e.sort_at DESC, e.id DESC").Limit(n).Pluck("e.id", &ids).Error; err != nil {
			return nil, err
		}
	}
	if len(ids) < n {
		ids = nil
		sc, err := storyEventsCond(st)
		if err != nil {
			return nil, err
		}
		q := apply(s.rdb.WithContext(ctx).Table("events AS e").Where(sc.sql, sc.args...), fc)
		if err := q.Order("e.sort_at DESC, e.id DESC").Limit(n).Pluck("e.id", &ids).Error; err != nil {
			return nil, err
		}
	}
	var events []models.Event
	if len(ids) == 0 {
		return events, nil
	}
	err := s.rdb.WithContext(ctx).Where("id IN ?", ids).Order("sort_at, id").Find(&events).Error
	return events, err
}

// latestWindow is how many of the latest events latestEvents looks through
// one by one before it reads the story's whole event list instead.
var latestWindow = 20000 // a variable for the tests

// TimelineCount counts the events Timeline would return without a limit.
func (s *Store) TimelineCount(ctx context.Context, st models.Story, f models.Filter) (int64, error) {
	sc, err := storyEventsCond(st)
	if err != nil {
		return 0, err
	}
	fc, err := eventFilterConds(f)
	if err != nil {
		return 0, err
	}
	return cached(ctx, s, fmt.Sprintf("count %d %+v", st.ID, f), func() (int64, error) {
		var n int64
		err := apply(s.rdb.WithContext(ctx).Table("events AS e").Where(sc.sql, sc.args...), fc).Count(&n).Error
		return n, dbError(err, "counting the events of %s", st.Slug)
	})
}

// entries wraps events as timeline entries with their quotes; counts
// holds each event's number of sources.
func (s *Store) entries(ctx context.Context, events []models.Event, counts map[uint]int, pinned []uint) ([]models.TimelineEntry, error) {
	isPinned := map[uint]bool{}
	for _, id := range pinned {
		isPinned[id] = true
	}
	quotes, err := s.sentenceQuotes(ctx, events)
	if err != nil {
		return nil, err
	}
	out := make([]models.TimelineEntry, len(events))
	for i, ev := range events {
		out[i] = models.TimelineEntry{Event: ev, Pinned: isPinned[ev.ID], Quotes: quotes[ev.ID], SourceCount: counts[ev.ID]}
	}
	return out, nil
}

// sentenceQuotes finds, for each event, the quotes whose words lie in a
// sentence of the sources it carries (same article, offsets inside the
// sentence), loaded by entryQuotes.
func (s *Store) sentenceQuotes(ctx context.Context, events []models.Event) (map[uint][]models.Quote, error) {
	articleIDs := map[uint]bool{}
	for _, ev := range events {
		for _, src := range ev.Sources {
			articleIDs[src.ArticleID] = true
		}
	}
	if len(articleIDs) == 0 {
		return nil, nil
	}
	var apps []models.QuoteAppearance
	err := s.rdb.WithContext(ctx).Select(`quote_id, article_id, "start", "end"`).
		Where("article_id IN ?", keysOf(articleIDs)).Order("article_id, id").Find(&apps).Error
	if err != nil {
		return nil, dbError(err, "loading quotes")
	}
	byArticle := map[uint][]models.QuoteAppearance{}
	for _, a := range apps {
		byArticle[a.ArticleID] = append(byArticle[a.ArticleID], a)
	}
	matched := map[uint][]uint{} // event id -> quote ids, in order
	quoteIDs := map[uint]bool{}
	for _, ev := range events {
		seen := map[uint]bool{}
		for _, src := range ev.Sources {
			for _, a := range byArticle[src.ArticleID] {
				if a.Start >= src.Start && a.End <= src.End && !seen[a.QuoteID] {
					seen[a.QuoteID], quoteIDs[a.QuoteID] = true, true
					matched[ev.ID] = append(matched[ev.ID], a.QuoteID)
				}
			}
		}
	}
	byID, err := s.entryQuotes(ctx, keysOf(quoteIDs))
	if err != nil {
		return nil, err
	}
	out := make(map[uint][]models.Quote, len(matched))
	for evID, ids := range matched {
		for _, id := range ids {
			if q, ok := byID[id]; ok {
				out[evID] = append(out[evID], q)
			}
		}
	}
	return out, nil
}

// entryQuotes loads quotes with their speaker and their first
// models.EntryAppearances appearances (by article id), each with its
// article and outlet; AppearanceCount counts them all. A line quoted by
// every wire copy costs no more than one quoted once.
func (s *Store) entryQuotes(ctx context.Context, ids []uint) (map[uint]models.Quote, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var qs []models.Quote
	if err := s.rdb.WithContext(ctx).Preload("Speaker").Where("id IN ?", ids).Find(&qs).Error; err != nil {
		return nil, dbError(err, "loading quotes")
	}
	apps, counts, err := firstByArticle[models.QuoteAppearance](ctx, s, "quote_appearances", "quote_id", "quotes", ids, models.EntryAppearances)
	if err != nil {
		return nil, dbError(err, "loading where quotes appeared")
	}
	articleIDs := map[uint]bool{}
	for _, a := range apps {
		articleIDs[a.ArticleID] = true
	}
	arts, err := s.articlesByID(ctx, articleIDs)
	if err != nil {
		return nil, err
	}
	byQuote := map[uint][]models.QuoteAppearance{}
	for _, a := range apps {
		a.Article = arts[a.ArticleID]
		byQuote[a.QuoteID] = append(byQuote[a.QuoteID], a)
	}
	out := make(map[uint]models.Quote, len(qs))
	for _, q := range qs {
		q.Appearances, q.AppearanceCount = byQuote[q.ID], counts[q.ID]
		out[q.ID] = q
	}
	return out, nil
}

// quotesByID loads quotes with their speaker and appearances.
func (s *Store) quotesByID(ctx context.Context, ids []uint) (map[uint]models.Quote, error) {
	if len(ids) == 0 {
		return map[uint]models.Quote{}, nil
	}
	var qs []models.Quote
	err := quotePreloads(s.rdb.WithContext(ctx)).Where("id IN ?", ids).Find(&qs).Error
	if err != nil {
		return nil, dbError(err, "loading quotes")
	}
	out := make(map[uint]models.Quote, len(qs))
	for _, q := range qs {
		out[q.ID] = q
	}
	return out, nil
}

// quotePreloads loads a quote's speaker and where it appeared.
func quotePreloads(q *gorm.DB) *gorm.DB {
	return q.Preload("Speaker").
		Preload("Appearances", func(db *gorm.DB) *gorm.DB { return db.Order("article_id") }).
		Preload("Appearances.Article", func(db *gorm.DB) *gorm.DB { return db.Omit("body") }).
		Preload("Appearances.Article.Source")
}

func keysOf(m map[uint]bool) []uint {
	out := make([]uint, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// StorySpeakers counts the quotes of each speaker in a story's timeline
// (the quotes of its entries' sentences) and, when all is true, every quote
// of the articles attached to the story. Most quoted first.
func (s *Store) StorySpeakers(ctx context.Context, st models.Story, entries []models.TimelineEntry, all bool) ([]models.SpeakerCount, error) {
	quotes := map[uint]models.Quote{}
	for _, en := range entries {
		for _, q := range en.Quotes {
			quotes[q.ID] = q
		}
	}
	if !all {
		return countSpeakers(quotes, nil), nil
	}
	// Every quote of the story is counted in SQL, by speaker; the timeline's
	// quotes are added only when they are not among them. Loading each quote
	// with its speaker instead took 230 ms with 100k quotes in a story.
	storyQuotes := `SELECT qa.quote_id FROM quote_appearances qa
		JOIN story_articles sa ON sa.article_id = qa.article_id WHERE sa.story_id = ?`
	var in []uint
	if len(quotes) > 0 {
		// Driven by the quote ids, so the plan does not depend on table
		// statistics (a join from the story's articles first took 180 ms
		// at 100k quotes on a database not yet analysed).
		err := s.rdb.WithContext(ctx).Raw(`SELECT qa.quote_id FROM quote_appearances qa WHERE qa.quote_id IN ?
			AND EXISTS (SELECT 1 FROM story_articles sa WHERE sa.story_id = ? AND sa.article_id = qa.article_id)`,
			keysOf(boolKeys(quotes)), st.ID).Scan(&in).Error
		if err != nil {
			return nil, dbError(err, "counting quotes")
		}
	}
	for _, id := range in {
		delete(quotes, id)
	}
	extra, err := cached(ctx, s, fmt.Sprintf("speakers %d", st.ID), func() ([]models.SpeakerCount, error) {
		return s.storySpeakerCounts(ctx, st.ID, storyQuotes)
	})
	if err != nil {
		return nil, err
	}
	return countSpeakers(quotes, extra), nil
}

// storySpeakerCounts counts the quotes selected by storyQuotes (whose one
// argument is the story id) by speaker.
func (s *Store) storySpeakerCounts(ctx context.Context, storyID uint, storyQuotes string) ([]models.SpeakerCount, error) {
	var rows []struct {
		Name, Slug *string
		N          int
	}
	err := s.rdb.WithContext(ctx).Raw(`SELECT p.name, p.slug, c.n FROM (SELECT speaker_id, count(*) AS n FROM quotes
		WHERE id IN (`+storyQuotes+`) GROUP BY speaker_id) c LEFT JOIN people p ON p.id = c.speaker_id`, storyID).Scan(&rows).Error
	if err != nil {
		return nil, dbError(err, "counting quotes")
	}
	out := make([]models.SpeakerCount, 0, len(rows))
	for _, r := range rows {
		c := models.SpeakerCount{Name: "Unattributed", Quotes: r.N}
		if r.Name != nil && r.Slug != nil {
			c.Name, c.Slug = *r.Name, *r.Slug
		}
		out = append(out, c)
	}
	return out, nil
}

// boolKeys returns the keys of m as a set.
func boolKeys(m map[uint]models.Quote) map[uint]bool {
	out := make(map[uint]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// countSpeakers counts quotes by speaker, adding the counts in extra.
func countSpeakers(quotes map[uint]models.Quote, extra []models.SpeakerCount) []models.SpeakerCount {
	counts := map[string]*models.SpeakerCount{}
	for _, e := range extra {
		c, ok := counts[e.Name+"\x00"+e.Slug]
		if !ok {
			c = &models.SpeakerCount{Name: e.Name, Slug: e.Slug}
			counts[e.Name+"\x00"+e.Slug] = c
		}
		c.Quotes += e.Quotes
	}
	for _, q := range quotes {
		name, slug := "Unattributed", ""
		if q.Speaker != nil {
			name, slug = q.Speaker.Name, q.Speaker.Slug
		}
		c, ok := counts[name+"\x00"+slug]
		if !ok {
			c = &models.SpeakerCount{Name: name, Slug: slug}
			counts[name+"\x00"+slug] = c
		}
		c.Quotes++
	}
	out := make([]models.SpeakerCount, 0, len(counts))
	for _, c := range counts {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Quotes != out[j].Quotes {
			return out[i].Quotes > out[j].Quotes
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// LatestEvents returns the n most recent events by date.
func (s *Store) LatestEvents(ctx context.Context, n int) ([]models.Event, error) {
	var evs []models.Event
	err := s.rdb.WithContext(ctx).Order("sort_at DESC, id DESC").Limit(n).Find(&evs).Error
	return evs, dbError(err, "loading the latest events")
}

// Event returns one event with n of its sources from the from-th (by
// article id; an event may have thousands), SourceCount the number of all,
// the quotes of those sources' sentences, and the stories that include the
// event by attachment or by pin.
func (s *Store) Event(ctx context.Context, id uint, from, n int) (models.TimelineEntry, []models.Story, error) {
	var ev models.Event
	db := s.rdb.WithContext(ctx)
	err := eventPreloads(db, from, n).First(&ev, id).Error
	if err != nil {
		return models.TimelineEntry{}, nil, dbError(err, "no event %d", id)
	}
	var count int
	if err := db.Raw(`SELECT count(*) FROM event_sources WHERE event_id = ?`, id).Scan(&count).Error; err != nil {
		return models.TimelineEntry{}, nil, dbError(err, "counting the sources of event %d", id)
	}
	es, err := s.entries(ctx, []models.Event{ev}, map[uint]int{ev.ID: count}, nil)
	if err != nil {
		return models.TimelineEntry{}, nil, err
	}
	var stories []models.Story
	err = s.rdb.WithContext(ctx).Where(`id IN (SELECT sa.story_id FROM story_articles sa JOIN event_sources es
		ON es.article_id = sa.article_id WHERE es.event_id = ?) OR id IN (SELECT story_id FROM story_events
		WHERE event_id = ? AND state = 'pinned')`, id, id).Order("title").Find(&stories).Error
	return es[0], stories, dbError(err, "loading the stories of event %d", id)
}

// Article returns one article with its source, the events it reports and
// the quotes it carries.
func (s *Store) Article(ctx context.Context, id uint) (models.Article, []models.Event, []models.Quote, error) {
	var a models.Article
	db := s.rdb.WithContext(ctx)
	if err := db.Preload("Source").First(&a, id).Error; err != nil {
		return a, nil, nil, dbError(err, "no article %d", id)
	}
	var evs []models.Event
	err := db.Preload("Sources", "article_id = ?", id).
		Where("id IN (SELECT event_id FROM event_sources WHERE article_id = ?)", id).
		Order("sort_at, id").Find(&evs).Error
	if err != nil {
		return a, nil, nil, dbError(err, "loading the events of article %d", id)
	}
	var qs []models.Quote
	err = quotePreloads(db).Joins("JOIN quote_appearances qa ON qa.quote_id = quotes.id AND qa.article_id = ?", id).
		Order(`qa."start"`).Find(&qs).Error
	return a, evs, qs, dbError(err, "loading the quotes of article %d", id)
}

// Person returns a person with aliases, and their quotes by date. slug is
// the person's slug or the slug of one of their aliases ("putin").
func (s *Store) Person(ctx context.Context, slug string) (models.Person, []models.Quote, error) {
	var p models.Person
	db := s.rdb.WithContext(ctx)
	err := db.Preload("Aliases", func(db *gorm.DB) *gorm.DB { return db.Order("alias") }).
		Where("slug = ? OR id = (SELECT person_id FROM person_aliases WHERE alias_slug = ? ORDER BY id LIMIT 1)", slug, slug).
		Order(clause.Expr{SQL: "slug = ? DESC", Vars: []any{slug}}).First(&p).Error
	if err != nil {
		return p, nil, dbError(err, "no person %q", slug)
	}
	var qs []models.Quote
	err = quotePreloads(db).Where("speaker_id = ?", p.ID).Order("said_at IS NULL, said_at, id").Find(&qs).Error
	return p, qs, dbError(err, "loading the quotes of %s", slug)
}

// People lists everyone with their number of quotes, most quoted first.
func (s *Store) People(ctx context.Context) ([]models.PersonSummary, error) {
	var out []models.PersonSummary
	err := s.rdb.WithContext(ctx).Table("people").
		Select("people.*, (SELECT count(*) FROM quotes WHERE quotes.speaker_id = people.id) AS quotes").
		Order("quotes DESC, name").Scan(&out).Error
	return out, dbError(err, "listing people")
}

// Quotes lists quotes passing f (speaker, kind, source, from/to on the date
// said, story), newest first, with speaker and appearances.
func (s *Store) Quotes(ctx context.Context, f models.Filter) ([]models.Quote, error) {
	cs, err := s.quoteConds(ctx, f)
	if err != nil {
		return nil, err
	}
	q := apply(s.rdb.WithContext(ctx).Table("quotes AS q").Select("q.*"), cs).Order("q.said_at DESC, q.id DESC")
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var qs []models.Quote
	err = quotePreloads(q).Find(&qs).Error
	return qs, dbError(err, "listing quotes")
}

// quoteConds turns a filter into conditions on quotes q.
func (s *Store) quoteConds(ctx context.Context, f models.Filter) ([]cond, error) {
	var cs []cond
	if sp := firstNonEmpty(f.Speaker, f.Person); sp != "" {
		cs = append(cs, speakerCond(sp))
	}
	if f.Kind != "" {
		cs = append(cs, cond{"q.kind = ?", []any{f.Kind}})
	}
	if f.Source != "" {
		cs = append(cs, cond{`q.id IN (SELECT sqa.quote_id FROM quote_appearances sqa JOIN articles sa ON sa.id = sqa.article_id
			JOIN sources ss ON ss.id = sa.source_id WHERE ss.name = ?)`, []any{f.Source}})
	}
	from, to, err := dayRange(f.From, f.To)
	if err != nil {
		return nil, err
	}
	cs = append(cs, timeConds("q.said_at", from, to)...)
	if f.Story != "" {
		st, err := s.StoryBySlug(ctx, f.Story)
		if err != nil {
			return nil, err
		}
		ac, err := storyArticlesCond(st, "tqa.article_id")
		if err != nil {
			return nil, err
		}
		cs = append(cs, cond{"q.id IN (SELECT tqa.quote_id FROM quote_appearances tqa WHERE " + ac.sql + ")", ac.args})
	}
	return cs, nil
}

// Find runs the full-text search over quote texts and event sentences.
func (s *Store) Find(ctx context.Context, q string, limit int) ([]models.Quote, []models.Event, error) {
	res, err := s.Search(ctx, q, limit)
	if err != nil {
		return nil, nil, err
	}
	if len(res.Quotes) > 0 {
		ids := make([]uint, len(res.Quotes))
		for i, q := range res.Quotes {
			ids[i] = q.ID
		}
		byID, err := s.quotesByID(ctx, ids)
		if err != nil {
			return nil, nil, err
		}
		for i, q := range res.Quotes {
			res.Quotes[i] = byID[q.ID]
		}
	}
	return res.Quotes, res.Events, nil
}
