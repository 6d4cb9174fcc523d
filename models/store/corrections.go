package store

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"dateline/models"
)

// maxSummary bounds a corrected summary, in characters.
const maxSummary = 500

// GranularityOf is the granularity a normalised date value's form says
// ("2025-08-08" day, "2025-08-06T14:00" time, "2025-W33" week, "2025-08"
// month, "2025-Q3" quarter, "2025" year), and false for anything else.
func GranularityOf(v string) (string, bool) {
	if _, ok := PeriodStart(v); !ok {
		return "", false
	}
	switch {
	case len(v) == 4:
		return models.GranYear, true
	case strings.Contains(v, "T"):
		return models.GranTime, true
	case len(v) == 10:
		return models.GranDay, true
	case v[5] == 'W':
		return models.GranWeek, true
	case v[5] == 'Q':
		return models.GranQuarter, true
	case len(v) == 7 && v[5] >= '0' && v[5] <= '9':
		return models.GranMonth, true
	}
	return "", false
}

// checkCorrection trims and validates an editor's correction (EINVALID,
// saying what is wrong).
func checkCorrection(c *models.EventCorrection) (granularity string, sortAt time.Time, err error) {
	c.Summary, c.Date, c.Kind = strings.TrimSpace(c.Summary), strings.TrimSpace(c.Date), strings.TrimSpace(c.Kind)
	if c.Summary == "" || utf8.RuneCountInString(c.Summary) > maxSummary {
		return "", sortAt, models.Errorf(models.EINVALID, "a summary needs 1 to %d characters", maxSummary)
	}
	g, ok := GranularityOf(c.Date)
	if !ok {
		return "", sortAt, models.Errorf(models.EINVALID, "date %q: write 2025-08-08, 2025-08-06T14:00, 2025-W33, 2025-08, 2025-Q3 or 2025", c.Date)
	}
	if c.Kind == "" || len(c.Kind) > 40 || strings.Trim(c.Kind, "abcdefghijklmnopqrstuvwxyz_") != "" {
		return "", sortAt, models.Errorf(models.EINVALID, "kind %q: lower-case letters and _ only, such as meeting or deadline", c.Kind)
	}
	sortAt, _ = PeriodStart(c.Date)
	return g, sortAt, nil
}

// CorrectEvent applies an editor's correction to event id, which must
// still be at version (the one the editor's form showed): else it changes
// nothing and fails with ECONFLICT, returning the event as it is now. On
// success the event's version goes up by one, the change is logged as an
// edit by u at now (the changed fields before and after), and the event
// is returned as stored. The event keeps its key, so later reports of it
// still join it; ingest leaves a corrected event's summary and date alone.
func (s *Store) CorrectEvent(ctx context.Context, id uint, version int, c models.EventCorrection, u models.User, now time.Time) (models.Event, error) {
	g, sortAt, err := checkCorrection(&c)
	if err != nil {
		return models.Event{}, err
	}
	var ev models.Event
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("id = ?", id).First(&ev).Error; err != nil {
			return dbError(err, "no event %d", id)
		}
		if ev.Version != version {
			return models.Errorf(models.ECONFLICT, "event %d was changed by someone else since version %d (it is at version %d)", id, version, ev.Version)
		}
		before := models.EventCorrection{Summary: ev.Summary, Date: ev.Date, Kind: ev.Kind}
		if before == c {
			return nil
		}
		res := tx.Exec(`UPDATE events SET summary = ?, date = ?, granularity = ?, sort_at = ?, kind = ?,
			version = version + 1 WHERE id = ? AND version = ?`, c.Summary, c.Date, g, sortAt, c.Kind, id, version)
		if res.Error != nil {
			return dbError(res.Error, "correcting event %d", id)
		}
		if res.RowsAffected == 0 { // PostgreSQL: another edit committed in between
			return models.Errorf(models.ECONFLICT, "event %d was changed by someone else since version %d", id, version)
		}
		if err := logEdit(tx, u, now, models.EditEvent, id, nil, before, c); err != nil {
			return err
		}
		return dbError(tx.Where("id = ?", id).First(&ev).Error, "reading event %d", id)
	})
	if models.ErrorCode(err) == models.ECONFLICT {
		// The event as it is now, for the editor to compare.
		_ = s.db.WithContext(ctx).Where("id = ?", id).First(&ev).Error
	}
	return ev, err
}
