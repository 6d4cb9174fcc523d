package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"dateline/models"
)

// FeedFields is how a feed is written in the edits log: its address,
// keyword rules (comma-separated) and whether it may reach private
// addresses.
func FeedFields(f models.Feed) map[string]string {
	private := "no"
	if f.AllowPrivate {
		private = "yes"
	}
	return map[string]string{"url": f.URL, "keywords": strings.Join(f.Keywords, ", "), "allow_private": private}
}

// StoryFeed returns the feed with this id when it belongs to the story
// storyID; ENOTFOUND otherwise.
func (s *Store) StoryFeed(ctx context.Context, storyID, id uint) (models.Feed, error) {
	feeds, err := s.feeds(ctx, feedColumns+` WHERE f.id = ? AND f.story_id = ?`, id, storyID)
	if err != nil {
		return models.Feed{}, err
	}
	if len(feeds) == 0 {
		return models.Feed{}, models.Errorf(models.ENOTFOUND, "This story has no feed %d.", id)
	}
	return feeds[0], nil
}

// AddFeedBy attaches the feed f.URL to the existing story f.StorySlug, as
// checked by models.Feed.Check like AddFeed, and logs it as an edit by u
// at now, in one transaction; it sets f.ID and f.StoryID. No such story is
// ENOTFOUND (the editor's view never creates one); the same address twice
// on one story is ECONFLICT.
func (s *Store) AddFeedBy(ctx context.Context, f *models.Feed, u models.User, now time.Time) error {
	if err := f.Check(); err != nil {
		return err
	}
	private := 0
	if f.AllowPrivate {
		private = 1
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var story []uint
		if err := tx.Raw(`SELECT id FROM stories WHERE slug = ?`, f.StorySlug).Scan(&story).Error; err != nil {
			return err
		}
		if len(story) == 0 {
			return models.Errorf(models.ENOTFOUND, "There is no story %q.", f.StorySlug)
		}
		var ids []uint
		err := tx.Raw(`INSERT INTO feeds (story_id, url, allow_private, keywords, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, story[0], f.URL, private, strings.Join(f.Keywords, "\n"), now.UTC()).
			Scan(&ids).Error
		if err != nil || len(ids) != 1 {
			return errOr(err, "feed")
		}
		f.ID, f.StoryID = ids[0], story[0]
		return logEdit(tx, u, now, models.EditStoryFeed, f.ID, &f.StoryID, map[string]string{"attached": "no"},
			withField(FeedFields(*f), "attached", "yes"))
	})
	if models.ErrorCode(dbError(err, "")) == models.ECONFLICT {
		return models.Errorf(models.ECONFLICT, "This story has the feed %s already.", f.URL)
	}
	return dbError(err, "adding the feed %s", f.URL)
}

// RemoveFeedBy deletes feed id of the story storyID and the record of its
// items, as RemoveFeed does (the articles it brought stay), and logs it as
// an edit by u at now, in one transaction. A feed of another story, or
// none, is ENOTFOUND.
func (s *Store) RemoveFeedBy(ctx context.Context, storyID, id uint, u models.User, now time.Time) error {
	f, err := s.StoryFeed(ctx, storyID, id)
	if err != nil {
		return err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`DELETE FROM feeds WHERE id = ? AND story_id = ?`, id, storyID)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.Errorf(models.ENOTFOUND, "This story has no feed %d.", id)
		}
		return logEdit(tx, u, now, models.EditStoryFeed, id, &storyID, withField(FeedFields(f), "attached", "yes"),
			map[string]string{"attached": "no", "url": f.URL})
	})
	return dbError(err, "removing feed %d", id)
}

// LogFeedPoll logs a poll of f that u asked for at now, with how it went
// (f as the poll left it): its status, the articles it added and its
// error.
func (s *Store) LogFeedPoll(ctx context.Context, was, f models.Feed, u models.User, now time.Time) error {
	return s.RecordEdit(ctx, u, now, models.EditStoryFeed, f.ID, &f.StoryID,
		map[string]string{"status": was.LastStatus},
		map[string]string{"polled": "yes", "url": f.URL, "status": f.LastStatus,
			"new_items": strconv.Itoa(f.NewItems), "error": f.LastError})
}

func withField(m map[string]string, k, v string) map[string]string {
	m[k] = v
	return m
}
