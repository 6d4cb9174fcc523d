package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"time"

	"dateline/models"
)

// SaveOptions says where saved articles go besides the main tables.
type SaveOptions struct {
	// StorySlug attaches every saved article (duplicates included) to this
	// story, creating it when missing with StoryTitle (default: from the slug)
	// and StoryDescription.
	StorySlug        string
	StoryTitle       string
	StoryDescription string
}

// SaveResult is what saving one article did.
type SaveResult struct {
	ArticleID uint
	// Duplicate is true when the article was already stored (same content
	// hash, same URL and title, or it is a cut-short copy of a stored
	// article); nothing was added and ArticleID is the stored one.
	Duplicate     bool
	NewEvents     int // events created
	MergedEvents  int // events this article reported that were already known
	SkippedEvents int // events whose date names no period (nothing to sort by)
	NewQuotes     int
	MergedQuotes  int
	People        int // people and aliases this article named
	// Err is set by SaveArticles when this article failed; it was rolled
	// back alone and the others were kept.
	Err error
}

// SaveArticle stores one extracted article with its source, people, events,
// quotes and story membership in one transaction.
func (s *Store) SaveArticle(ctx context.Context, a models.ExtractedArticle, opt SaveOptions) (SaveResult, error) {
	rs, err := s.SaveArticles(ctx, []models.ExtractedArticle{a}, opt)
	if err != nil {
		return SaveResult{}, err
	}
	return rs[0], rs[0].Err
}

// SaveArticles stores many articles in one transaction (much faster than one
// each). Every article sits in its own savepoint: one that fails is rolled
// back alone and reported in its SaveResult.Err, the others are kept. The
// error return is for failures of the whole batch (the transaction could not
// start or commit); then nothing of the batch is stored.
func (s *Store) SaveArticles(ctx context.Context, arts []models.ExtractedArticle, opt SaveOptions) ([]SaveResult, error) {
	var out []SaveResult
	var err error
	// Another process may hold the write lock past busy_timeout (a long
	// batch, a checkpoint), or PostgreSQL may have picked this transaction
	// as a deadlock victim; the whole transaction was rolled back then, so
	// trying again is safe.
	for attempt := 0; ; attempt++ {
		out, err = s.saveBatch(ctx, arts, opt)
		if err == nil || !isBusy(err) || attempt == 4 || ctx.Err() != nil {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
	if err != nil {
		return nil, dbError(err, "saving articles")
	}
	return out, nil
}

// saveBatch saves arts in one transaction. It first tries without a
// savepoint per article: SQLite's FTS5 tables write their pending index
// to disk as a new segment at every savepoint, which made savepoints the
// largest single cost of ingest. If any article fails, that attempt is
// rolled back whole and the batch is saved again with one savepoint per
// article, so the failing ones are rolled back alone as before.
func (s *Store) saveBatch(ctx context.Context, arts []models.ExtractedArticle, opt SaveOptions) ([]SaveResult, error) {
	out, err := s.saveBatchWith(ctx, arts, opt, false)
	if errors.Is(err, errArticleFailed) {
		out, err = s.saveBatchWith(ctx, arts, opt, true)
	}
	return out, err
}

// errArticleFailed rolls back a batch saved without savepoints when one of
// its articles failed.
var errArticleFailed = errors.New("an article of the batch failed")

func (s *Store) saveBatchWith(ctx context.Context, arts []models.ExtractedArticle, opt SaveOptions, savepoints bool) ([]SaveResult, error) {
	out := make([]SaveResult, len(arts))
	err := s.runTx(ctx, func(tx *stmtTx) error {
		w := &writer{stmtTx: tx}
		storyID, err := w.story(opt)
		if err != nil {
			return err
		}
		for i := range arts {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !savepoints {
				r, err := w.save(&arts[i], storyID)
				if err != nil {
					if isBusy(err) {
						return err // the transaction is lost: retry the batch
					}
					return errArticleFailed
				}
				out[i] = r
				continue
			}
			out[i] = w.saveInSavepoint(&arts[i], storyID)
			if isBusy(out[i].Err) {
				return out[i].Err // the transaction is lost: retry the batch
			}
		}
		return nil
	})
	return out, err
}

// writer does the inserts of one transaction. Its caches map names to ids
// found or created in this transaction; they are dropped whenever an
// article is rolled back, since the ids it added are gone then.
type writer struct {
	*stmtTx
	sources map[string]uint
	people  map[string]personRef // by slug
	unknown map[string]bool      // slugs of actors not in the registry
	// knownQuotes are the quote rows met in this transaction, by key.
	knownQuotes map[string]storedQuote
	// eventMatches and knownEvents are events met in this transaction
	// (see writer.knownEvent).
	eventMatches map[string]uint
	knownEvents  map[uint]storedEvent
	// edited are the editors' merges and splits (see writer.redirects).
	edited *eventRedirects
}

// saveInSavepoint saves one article inside a savepoint, rolling back to it on
// failure so the transaction goes on with the next article.
func (w *writer) saveInSavepoint(a *models.ExtractedArticle, storyID uint) SaveResult {
	const sp = "article"
	if err := w.exec("SAVEPOINT " + sp); err != nil {
		return SaveResult{Err: dbError(err, "saving article %q", a.Title)}
	}
	r, err := w.save(a, storyID)
	if err != nil {
		w.sources, w.people, w.unknown, w.knownQuotes = nil, nil, nil, nil
		w.eventMatches, w.knownEvents = nil, nil
		if rerr := w.exec("ROLLBACK TO SAVEPOINT " + sp); rerr != nil {
			err = rerr
		}
		r = SaveResult{Err: dbError(err, "saving article %q", a.Title)}
	}
	if err := w.exec("RELEASE SAVEPOINT " + sp); err != nil && r.Err == nil {
		r.Err = dbError(err, "saving article %q", a.Title)
	}
	return r
}

// save stores one article and what was extracted from it.
func (w *writer) save(a *models.ExtractedArticle, storyID uint) (SaveResult, error) {
	var r SaveResult
	// The content hash and the words compared for copies both start from
	// the body's lower-cased words: split it once.
	words := strings.Fields(strings.ToLower(a.Body))
	hash := wordsHash(words)
	if hash == "" {
		return r, models.Errorf(models.EINVALID, "article %q has no text", a.Title)
	}
	id, dup, err := w.article(a, hash, trimCopyWords(words))
	if err != nil {
		return r, err
	}
	r.ArticleID, r.Duplicate = id, dup
	if err := w.attach(storyID, id); err != nil || dup {
		return r, err
	}
	reg, err := w.registry(a)
	if err != nil {
		return r, err
	}
	r.People = len(reg)
	if err := w.events(a, id, reg, &r); err != nil {
		return r, err
	}
	return r, w.quotes(a, id, reg, &r)
}

// article inserts the article row, or finds the stored copy it repeats:
// the same content hash, the same URL and title, or a longer article this
// one is a cut-short copy of. Stored teasers of this article are linked to
// it through duplicate_of_id.
func (w *writer) article(a *models.ExtractedArticle, hash string, words []string) (id uint, dup bool, err error) {
	key := prefixKey(words)
	longer, shorter, err := w.copyOf(words, key)
	if err != nil || longer != 0 {
		return longer, longer != 0, err
	}
	link := models.WebURL(a.URL)
	srcID, err := w.source(a.Source, link)
	if err != nil {
		return 0, false, err
	}
	prec := a.PublishedPrecision
	if prec == "" {
		prec = models.PrecUnknown
	}
	ids, err := w.ids(`INSERT INTO articles (url, title, source_id, published_at, published_precision,
		published_by, fetched_at, body, content_hash, prefix_key, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)
		ON CONFLICT DO NOTHING RETURNING id`,
		link, strings.TrimSpace(a.Title), srcID, utc(a.PublishedAt), prec,
		a.PublishedBy, utc(a.FetchedAt), a.Body, hash, key)
	if err != nil {
		return 0, false, err
	}
	if len(ids) == 1 {
		for _, old := range shorter {
			if err := w.exec(`UPDATE articles SET duplicate_of_id = ? WHERE id = ?`, ids[0], old); err != nil {
				return 0, false, err
			}
		}
		return ids[0], false, nil
	}
	ids, err = w.ids(`SELECT id FROM articles WHERE content_hash = ?
		OR (url <> '' AND url = ? AND title = ?) ORDER BY id LIMIT 1`,
		hash, link, strings.TrimSpace(a.Title))
	if err != nil {
		return 0, false, err
	}
	if len(ids) == 0 {
		return 0, false, models.Errorf(models.EINTERNAL, "article conflict without a stored copy")
	}
	return ids[0], true, nil
}

// source returns the id of the outlet called name, adding it when new (nil
// for no name). Its domain comes from the article's URL when known.
func (w *writer) source(name, rawURL string) (*uint, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return nil, nil
	}
	if id, ok := w.sources[name]; ok {
		return &id, nil
	}
	domain := ""
	if u, err := url.Parse(rawURL); err == nil {
		domain = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	ids, err := w.ids(`INSERT INTO sources (name, domain, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)
		ON CONFLICT (name) DO UPDATE SET domain = CASE WHEN sources.domain = '' THEN excluded.domain ELSE sources.domain END
		RETURNING id`, name, domain)
	if err != nil || len(ids) != 1 {
		return nil, errOr(err, "source")
	}
	id := ids[0]
	if w.sources == nil {
		w.sources = map[string]uint{}
	}
	w.sources[name] = id
	return &id, nil
}

// story returns the id of opt's story, creating it when missing; 0 for none.
func (w *writer) story(opt SaveOptions) (uint, error) {
	if opt.StorySlug == "" {
		return 0, nil
	}
	slug := models.Slug(opt.StorySlug)
	if slug == "" {
		return 0, models.Errorf(models.EINVALID, "story slug %q has no letters or digits", opt.StorySlug)
	}
	title := opt.StoryTitle
	if title == "" {
		title = strings.ReplaceAll(slug, "-", " ")
		title = strings.ToUpper(title[:1]) + title[1:]
	}
	ids, err := w.ids(`INSERT INTO stories (slug, title, description, rules, created_at, updated_at)
		VALUES (?, ?, ?, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
		ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id`,
		slug, title, opt.StoryDescription)
	if err != nil || len(ids) != 1 {
		return 0, errOr(err, "story")
	}
	return ids[0], nil
}

// attach puts an article into a story (no-op without a story or when it is
// there already).
func (w *writer) attach(storyID, articleID uint) error {
	if storyID == 0 {
		return nil
	}
	return w.exec(`INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)
		ON CONFLICT DO NOTHING`, storyID, articleID)
}

// ContentHash identifies an article body regardless of layout: the hex
// SHA-256 of its words, lower-cased and joined by single spaces. It returns
// "" for a body without words.
func ContentHash(body string) string { return wordsHash(strings.Fields(strings.ToLower(body))) }

// wordsHash is ContentHash of a body's lower-cased words.
func wordsHash(words []string) string {
	if len(words) == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(words, " ")))
	return hex.EncodeToString(sum[:])
}

// utc returns t in UTC, or nil.
func utc(t *time.Time) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	// Microseconds: what PostgreSQL keeps, so both dialects store the same.
	u := t.UTC().Truncate(time.Microsecond)
	return &u
}

// errOr returns err, or an internal error when an upsert that always
// returns its row returned none.
func errOr(err error, what string) error {
	if err != nil {
		return err
	}
	return models.Errorf(models.EINTERNAL, "%s upsert returned no row", what)
}
