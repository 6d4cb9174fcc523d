package store

import (
	"context"
	"strings"
	"time"

	"dateline/models"
)

// feedRow is a feeds row as read, with its story's slug.
type feedRow struct {
	ID           uint
	StoryID      uint
	Slug         string
	URL          string
	AllowPrivate int
	Keywords     string
	Etag         string
	LastModified string
	LastFetchAt  *time.Time
	LastStatus   string
	NewItems     int
	LastError    string
	NextFetchAt  *time.Time
	Failures     int
	CreatedAt    time.Time
}

func (r feedRow) feed() models.Feed {
	f := models.Feed{ID: r.ID, StoryID: r.StoryID, StorySlug: r.Slug, URL: r.URL, AllowPrivate: r.AllowPrivate != 0,
		ETag: r.Etag, LastModified: r.LastModified, LastFetchAt: utc(r.LastFetchAt), LastStatus: r.LastStatus,
		NewItems: r.NewItems, LastError: r.LastError, NextFetchAt: utc(r.NextFetchAt), Failures: r.Failures,
		CreatedAt: r.CreatedAt.UTC()}
	if r.Keywords != "" {
		f.Keywords = strings.Split(r.Keywords, "\n")
	}
	return f
}

const feedColumns = `SELECT f.id, f.story_id, s.slug, f.url, f.allow_private, f.keywords, f.etag, f.last_modified,
	f.last_fetch_at, f.last_status, f.new_items, f.last_error, f.next_fetch_at, f.failures, f.created_at
	FROM feeds f JOIN stories s ON s.id = f.story_id`

// AddFeed attaches the feed f.URL to the story f.StorySlug, creating the
// story when missing, and sets f.ID and f.StoryID. The same address twice
// on one story is ECONFLICT.
func (s *Store) AddFeed(ctx context.Context, f *models.Feed, now time.Time) error {
	if err := f.Check(); err != nil {
		return err
	}
	private := 0
	if f.AllowPrivate {
		private = 1
	}
	err := s.runTx(ctx, func(tx *stmtTx) error {
		w := &writer{stmtTx: tx}
		storyID, err := w.story(SaveOptions{StorySlug: f.StorySlug})
		if err != nil {
			return err
		}
		ids, err := tx.ids(`INSERT INTO feeds (story_id, url, allow_private, keywords, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, storyID, f.URL, private, strings.Join(f.Keywords, "\n"), now.UTC())
		if err != nil || len(ids) != 1 {
			return errOr(err, "feed")
		}
		f.ID, f.StoryID = ids[0], storyID
		return nil
	})
	if models.ErrorCode(dbError(err, "")) == models.ECONFLICT {
		return models.Errorf(models.ECONFLICT, "story %q has the feed %s already", f.StorySlug, f.URL)
	}
	return dbError(err, "adding the feed %s", f.URL)
}

// Feeds returns every feed, oldest first.
func (s *Store) Feeds(ctx context.Context) ([]models.Feed, error) {
	return s.feeds(ctx, feedColumns+` ORDER BY f.id`)
}

// StoryFeeds returns the feeds of the story with this id, oldest first.
func (s *Store) StoryFeeds(ctx context.Context, storyID uint) ([]models.Feed, error) {
	return s.feeds(ctx, feedColumns+` WHERE f.story_id = ? ORDER BY f.id`, storyID)
}

// DueFeeds returns the feeds due for a poll at now when feeds are polled
// every interval, oldest first: a feed never polled, one whose last good
// poll is interval old, and one that failed whose backoff (next_fetch_at)
// has run out.
func (s *Store) DueFeeds(ctx context.Context, now time.Time, interval time.Duration) ([]models.Feed, error) {
	return s.feeds(ctx, feedColumns+` WHERE f.last_fetch_at IS NULL
		OR (f.failures = 0 AND f.last_fetch_at <= ?) OR (f.failures > 0 AND f.next_fetch_at <= ?)
		ORDER BY f.id`, now.Add(-interval).UTC(), now.UTC())
}

func (s *Store) feeds(ctx context.Context, q string, args ...any) ([]models.Feed, error) {
	var rows []feedRow
	if err := s.rdb.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, dbError(err, "reading the feeds")
	}
	out := make([]models.Feed, len(rows))
	for i, r := range rows {
		out[i] = r.feed()
	}
	return out, nil
}

// RemoveFeed deletes the feed with this id and the record of its items;
// the articles it brought stay in their story. No such feed is ENOTFOUND.
func (s *Store) RemoveFeed(ctx context.Context, id uint) error {
	res := s.db.WithContext(ctx).Exec(`DELETE FROM feeds WHERE id = ?`, id)
	if res.Error != nil {
		return dbError(res.Error, "removing feed %d", id)
	}
	if res.RowsAffected == 0 {
		return models.Errorf(models.ENOTFOUND, "no feed %d (see dateline feed list)", id)
	}
	return nil
}

// SeenFeedItems returns which of keys the feed has recorded already.
func (s *Store) SeenFeedItems(ctx context.Context, feedID uint, keys []string) (map[string]bool, error) {
	seen := map[string]bool{}
	const chunk = 500
	for len(keys) > 0 {
		n := min(chunk, len(keys))
		var found []string
		err := s.rdb.WithContext(ctx).Raw(`SELECT key FROM feed_items WHERE feed_id = ? AND key IN ?`, feedID, keys[:n]).
			Scan(&found).Error
		if err != nil {
			return nil, dbError(err, "reading the items of feed %d", feedID)
		}
		for _, k := range found {
			seen[k] = true
		}
		keys = keys[n:]
	}
	return seen, nil
}

// RecordFeedPoll saves how a poll of f went (its validators and status
// fields as f holds them) and records items as seen, in one transaction.
// A feed removed meanwhile is ENOTFOUND, and nothing is recorded.
func (s *Store) RecordFeedPoll(ctx context.Context, f models.Feed, items []models.FeedItem, now time.Time) error {
	err := s.runTx(ctx, func(tx *stmtTx) error {
		ids, err := tx.ids(`UPDATE feeds SET etag = ?, last_modified = ?, last_fetch_at = ?, last_status = ?,
			new_items = ?, last_error = ?, next_fetch_at = ?, failures = ? WHERE id = ? RETURNING id`,
			f.ETag, f.LastModified, utc(f.LastFetchAt), f.LastStatus, f.NewItems, f.LastError, utc(f.NextFetchAt),
			f.Failures, f.ID)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return models.Errorf(models.ENOTFOUND, "feed %d was removed during its poll", f.ID)
		}
		for _, it := range items {
			if err := tx.exec(`INSERT INTO feed_items (feed_id, key, link, outcome, seen_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (feed_id, key) DO UPDATE SET outcome = excluded.outcome`, f.ID, it.Key, it.Link, it.Outcome, now.UTC()); err != nil {
				return err
			}
		}
		return nil
	})
	return dbError(err, "recording the poll of feed %d", f.ID)
}
