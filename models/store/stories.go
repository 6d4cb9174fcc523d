package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"dateline/models"
)

// Stories lists every story, most recently updated first.
func (s *Store) Stories(ctx context.Context) ([]models.Story, error) {
	var out []models.Story
	err := s.rdb.WithContext(ctx).Order("updated_at DESC, id DESC").Find(&out).Error
	return out, dbError(err, "listing stories")
}

// StoryBySlug returns one story; ENOTFOUND when there is none.
func (s *Store) StoryBySlug(ctx context.Context, slug string) (models.Story, error) {
	var st models.Story
	err := s.rdb.WithContext(ctx).Where("slug = ?", slug).First(&st).Error
	return st, dbError(err, "no story %q", slug)
}

// ValidateStory checks a story before it is written: a slug that is its own
// models.Slug (so URLs are stable), a title, rules that parse and whose
// dates are YYYY-MM-DD. It fails with EINVALID.
func ValidateStory(st *models.Story) error {
	st.Slug, st.Title = strings.TrimSpace(st.Slug), strings.TrimSpace(st.Title)
	if st.Slug == "" || models.Slug(st.Slug) != st.Slug || len(st.Slug) > 80 {
		return models.Errorf(models.EINVALID, "slug %q: use lower-case letters, digits and dashes", st.Slug)
	}
	if st.Title == "" || len(st.Title) > 200 {
		return models.Errorf(models.EINVALID, "a story needs a title of at most 200 characters")
	}
	rules, err := parseRules(st.Rules)
	if err != nil {
		return err
	}
	if _, _, err := dayRange(rules.From, rules.To); err != nil {
		return err
	}
	st.Rules = EncodeRules(rules)
	return nil
}

// EncodeRules writes rules as stored: "" when there are none.
func EncodeRules(r models.StoryRules) string {
	r.Keywords, r.People, r.Kinds = nonEmpty(r.Keywords), nonEmpty(r.People), nonEmpty(r.Kinds)
	r.From, r.To = strings.TrimSpace(r.From), strings.TrimSpace(r.To)
	if len(r.Keywords)+len(r.People)+len(r.Kinds) == 0 && r.From == "" && r.To == "" {
		return ""
	}
	b, _ := json.Marshal(r) // plain strings: cannot fail
	return string(b)
}

// CreateStory stores a new story; ECONFLICT when the slug is taken. now
// stamps it.
func (s *Store) CreateStory(ctx context.Context, st *models.Story, now time.Time) error {
	if err := ValidateStory(st); err != nil {
		return err
	}
	st.ID, st.CreatedAt, st.UpdatedAt = 0, now.UTC(), now.UTC()
	err := s.db.WithContext(ctx).Create(st).Error
	if models.ErrorCode(dbError(err, "")) == models.ECONFLICT {
		return models.Errorf(models.ECONFLICT, "a story with the slug %q already exists", st.Slug)
	}
	return dbError(err, "creating story %q", st.Slug)
}

// UpdateStory saves the title, description and rules of the story with
// st.ID (the slug does not change: links to it stay valid).
func (s *Store) UpdateStory(ctx context.Context, st *models.Story, now time.Time) error {
	if err := ValidateStory(st); err != nil {
		return err
	}
	st.UpdatedAt = now.UTC()
	res := s.db.WithContext(ctx).Model(&models.Story{}).Where("id = ?", st.ID).
		Updates(map[string]any{"title": st.Title, "description": st.Description, "rules": st.Rules,
			"updated_at": st.UpdatedAt})
	if res.Error != nil {
		return dbError(res.Error, "saving story %q", st.Slug)
	}
	if res.RowsAffected == 0 {
		return models.Errorf(models.ENOTFOUND, "no story %q", st.Slug)
	}
	return nil
}

// SetEventState pins (models.StoryEventPinned) or hides
// (models.StoryEventHidden) an event in a story; "" clears what was set.
func (s *Store) SetEventState(ctx context.Context, storyID, eventID uint, state string) error {
	return setEventState(s.db.WithContext(ctx), storyID, eventID, state)
}

// setEventState is SetEventState on db (the writer or a transaction).
func setEventState(db *gorm.DB, storyID, eventID uint, state string) error {
	switch state {
	case "":
		err := db.Exec("DELETE FROM story_events WHERE story_id = ? AND event_id = ?", storyID, eventID).Error
		return dbError(err, "clearing event %d", eventID)
	case models.StoryEventPinned, models.StoryEventHidden:
	default:
		return models.Errorf(models.EINVALID, "state %q: want pinned, hidden or nothing", state)
	}
	var n int64
	if err := db.Table("events").Where("id = ?", eventID).Count(&n).Error; err != nil {
		return dbError(err, "finding event %d", eventID)
	}
	if n == 0 {
		return models.Errorf(models.ENOTFOUND, "no event %d", eventID)
	}
	err := db.Exec(`INSERT INTO story_events (story_id, event_id, state) VALUES (?, ?, ?)
		ON CONFLICT (story_id, event_id) DO UPDATE SET state = excluded.state`, storyID, eventID, state).Error
	if err == nil {
		err = db.Exec("UPDATE stories SET updated_at = CURRENT_TIMESTAMP WHERE id = ?", storyID).Error
	}
	return dbError(err, "setting event %d to %s", eventID, state)
}

// AttachArticle puts an article into a story; ENOTFOUND for an unknown article.
func (s *Store) AttachArticle(ctx context.Context, storyID, articleID uint) error {
	db := s.db.WithContext(ctx)
	var n int64
	if err := db.Table("articles").Where("id = ?", articleID).Count(&n).Error; err != nil {
		return dbError(err, "finding article %d", articleID)
	}
	if n == 0 {
		return models.Errorf(models.ENOTFOUND, "no article %d", articleID)
	}
	err := db.Exec(`INSERT INTO story_articles (story_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		storyID, articleID).Error
	return dbError(err, "attaching article %d", articleID)
}

// HiddenEvents lists the events hidden from a story.
func (s *Store) HiddenEvents(ctx context.Context, storyID uint) ([]models.Event, error) {
	var evs []models.Event
	err := s.rdb.WithContext(ctx).Where("id IN (SELECT event_id FROM story_events WHERE story_id = ? AND state = ?)",
		storyID, models.StoryEventHidden).Order("sort_at, id").Find(&evs).Error
	return evs, dbError(err, "listing hidden events")
}
