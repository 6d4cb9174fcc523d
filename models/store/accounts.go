package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"dateline/models"
	"dateline/models/auth"
)

// The accounts side: users, their sessions and the edit log (migration
// 0008). Passwords arrive hashed (models/auth); session tokens arrive as
// their hashes. Times are stored in UTC to the second.

// CreateUser stores a new account; ECONFLICT when the name is taken,
// EINVALID for a bad name or role or an empty hash. now stamps it.
func (s *Store) CreateUser(ctx context.Context, u *models.User, now time.Time) error {
	if err := auth.ValidUsername(u.Username); err != nil {
		return err
	}
	if err := auth.ValidRole(u.Role); err != nil {
		return err
	}
	if u.PasswordHash == "" {
		return models.Errorf(models.EINVALID, "user %s has no password", u.Username)
	}
	u.ID, u.CreatedAt = 0, now.UTC().Truncate(time.Second)
	err := s.db.WithContext(ctx).Create(u).Error
	if models.ErrorCode(dbError(err, "")) == models.ECONFLICT {
		return models.Errorf(models.ECONFLICT, "user %s already exists", u.Username)
	}
	return dbError(err, "adding user %s", u.Username)
}

// Users lists the accounts by name (their JSON leaves the hash out).
func (s *Store) Users(ctx context.Context) ([]models.User, error) {
	var out []models.User
	err := s.rdb.WithContext(ctx).Order("username").Find(&out).Error
	return out, dbError(err, "listing users")
}

// UserByName returns one account; ENOTFOUND when there is none.
func (s *Store) UserByName(ctx context.Context, name string) (models.User, error) {
	var u models.User
	err := s.rdb.WithContext(ctx).Where("username = ?", name).First(&u).Error
	return u, dbError(err, "no user %q", name)
}

// HasUsers reports whether any account exists.
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var n int64
	err := s.rdb.WithContext(ctx).Model(&models.User{}).Limit(1).Count(&n).Error
	return n > 0, dbError(err, "counting users")
}

// DeleteUser removes an account and its sessions (their edits stay, under
// the name); ENOTFOUND when there is none.
func (s *Store) DeleteUser(ctx context.Context, name string) error {
	res := s.db.WithContext(ctx).Where("username = ?", name).Delete(&models.User{})
	if res.Error != nil {
		return dbError(res.Error, "removing user %s", name)
	}
	if res.RowsAffected == 0 {
		return models.Errorf(models.ENOTFOUND, "no user %q", name)
	}
	return nil
}

// CreateSession stores a session for user id, valid from now for ttl, under
// tokenHash (auth.TokenHash of the cookie's token). It also deletes the
// sessions that have expired, so the table stays as small as the number of
// signed-in browsers.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, userID uint, now time.Time, ttl time.Duration) (models.Session, error) {
	if ttl <= 0 {
		return models.Session{}, models.Errorf(models.EINVALID, "a session needs a positive lifetime")
	}
	now = now.UTC().Truncate(time.Second)
	ses := models.Session{TokenHash: tokenHash, UserID: userID, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("expires_at <= ?", now).Delete(&models.Session{}).Error; err != nil {
			return err
		}
		return tx.Create(&ses).Error
	})
	return ses, dbError(err, "starting a session")
}

// SessionUser returns the session stored under tokenHash and its user, when
// it has not expired at now; ENOTFOUND otherwise (no such session, an
// expired one, or a removed user).
func (s *Store) SessionUser(ctx context.Context, tokenHash string, now time.Time) (models.User, models.Session, error) {
	var ses models.Session
	var u models.User
	err := s.rdb.WithContext(ctx).Where("token_hash = ?", tokenHash).First(&ses).Error
	if err == nil && !now.Before(ses.ExpiresAt) {
		return u, ses, models.Errorf(models.ENOTFOUND, "the session has expired")
	}
	if err == nil {
		err = s.rdb.WithContext(ctx).Where("id = ?", ses.UserID).First(&u).Error
	}
	return u, ses, dbError(err, "no such session")
}

// DeleteSession ends the session stored under tokenHash (signing out). An
// unknown session is no error: the browser is signed out either way.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	err := s.db.WithContext(ctx).Where("token_hash = ?", tokenHash).Delete(&models.Session{}).Error
	return dbError(err, "ending the session")
}

// SetEventStateBy pins, hides or restores an event in a story like
// SetEventState, and logs the change as an edit by u at now, in one
// transaction. Setting the state an event has already is not logged.
func (s *Store) SetEventStateBy(ctx context.Context, storyID, eventID uint, state string, u models.User, now time.Time) error {
	if state != "" && state != models.StoryEventPinned && state != models.StoryEventHidden {
		return models.Errorf(models.EINVALID, "state %q: want pinned, hidden or nothing", state)
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var old []string
		if err := tx.Table("story_events").Where("story_id = ? AND event_id = ?", storyID, eventID).
			Pluck("state", &old).Error; err != nil {
			return dbError(err, "reading event %d", eventID)
		}
		before := ""
		if len(old) > 0 {
			before = old[0]
		}
		if err := setEventState(tx, storyID, eventID, state); err != nil || before == state {
			return err
		}
		return logEdit(tx, u, now, models.EditStoryEvent, eventID, &storyID,
			map[string]string{"state": before}, map[string]string{"state": state})
	})
}

// logEdit writes one edit log row in tx.
func logEdit(tx *gorm.DB, u models.User, now time.Time, objType string, objID uint, storyID *uint, before, after any) error {
	b, err := json.Marshal(before)
	if err != nil {
		return models.Wrap(models.EINTERNAL, err, "logging the edit")
	}
	a, err := json.Marshal(after)
	if err != nil {
		return models.Wrap(models.EINTERNAL, err, "logging the edit")
	}
	uid := u.ID
	e := models.Edit{UserID: &uid, Username: u.Username, CreatedAt: now.UTC().Truncate(time.Second),
		ObjectType: objType, ObjectID: objID, StoryID: storyID, BeforeJSON: string(b), AfterJSON: string(a)}
	return dbError(tx.Create(&e).Error, "logging the edit")
}

// Edits returns the logged edits of one object, oldest first.
func (s *Store) Edits(ctx context.Context, objType string, objID uint) ([]models.Edit, error) {
	var out []models.Edit
	err := s.rdb.WithContext(ctx).Where("object_type = ? AND object_id = ?", objType, objID).
		Order("created_at, id").Find(&out).Error
	return out, dbError(err, "reading the edits of %s %d", objType, objID)
}

// RecordEdit logs a change made elsewhere (an article added through the
// browser, say) as an edit by u at now.
func (s *Store) RecordEdit(ctx context.Context, u models.User, now time.Time, objType string, objID uint, storyID *uint, before, after any) error {
	return logEdit(s.db.WithContext(ctx), u, now, objType, objID, storyID, before, after)
}

// DetachArticleBy takes an article out of a story (its events stay in the
// story when another attached article or a rule brings them in), logged
// as an edit by u at now; ENOTFOUND when the article was not attached.
func (s *Store) DetachArticleBy(ctx context.Context, storyID, articleID uint, u models.User, now time.Time) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`DELETE FROM story_articles WHERE story_id = ? AND article_id = ?`, storyID, articleID)
		if res.Error != nil {
			return dbError(res.Error, "detaching article %d", articleID)
		}
		if res.RowsAffected == 0 {
			return models.Errorf(models.ENOTFOUND, "article %d is not attached to this story", articleID)
		}
		if err := tx.Exec("UPDATE stories SET updated_at = CURRENT_TIMESTAMP WHERE id = ?", storyID).Error; err != nil {
			return dbError(err, "detaching article %d", articleID)
		}
		return logEdit(tx, u, now, models.EditStoryArticle, articleID, &storyID,
			map[string]string{"attached": "yes"}, map[string]string{"attached": "no"})
	})
}

// maxStoryEdits bounds the edits StoryEdits returns.
const maxStoryEdits = 200

// StoryEdits returns the latest edits made within story storyID (pins,
// hides, articles attached or detached), newest first, at most n (and at
// most maxStoryEdits).
func (s *Store) StoryEdits(ctx context.Context, storyID uint, n int) ([]models.Edit, error) {
	if n <= 0 || n > maxStoryEdits {
		n = maxStoryEdits
	}
	var out []models.Edit
	err := s.rdb.WithContext(ctx).Where("story_id = ?", storyID).Order("created_at DESC, id DESC").Limit(n).Find(&out).Error
	return out, dbError(err, "reading the edits of story %d", storyID)
}

// SetPassword replaces the password hash of user name and ends their
// sessions, so a changed password signs out every browser; ENOTFOUND when
// there is no such user.
func (s *Store) SetPassword(ctx context.Context, name, hash string) error {
	if hash == "" {
		return models.Errorf(models.EINVALID, "user %s needs a password", name)
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u models.User
		if err := tx.Where("username = ?", name).First(&u).Error; err != nil {
			return dbError(err, "no user %q", name)
		}
		if err := tx.Model(&u).Update("password_hash", hash).Error; err != nil {
			return dbError(err, "changing the password of %s", name)
		}
		return dbError(tx.Where("user_id = ?", u.ID).Delete(&models.Session{}).Error, "ending the sessions of %s", name)
	})
}
