package store

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

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
	if c.Actors, err = cleanActors(c.Actors); err != nil {
		return "", sortAt, err
	}
	sortAt, _ = PeriodStart(c.Date)
	return g, sortAt, nil
}

// maxActors bounds the actors of a corrected event.
const maxActors = 30

// cleanActors normalises an editor's list of actors (separated by ";" or
// new lines) to Event.Actors' form, dropping empty and repeated names.
func cleanActors(s string) (string, error) {
	var out []string
	seen := map[string]bool{}
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		a = strings.TrimSpace(a)
		slug := models.Slug(a)
		if a == "" || seen[slug] {
			continue
		}
		if slug == "" || utf8.RuneCountInString(a) > 200 {
			return "", models.Errorf(models.EINVALID, "actor %q: give a name of at most 200 characters", a)
		}
		seen[slug] = true
		out = append(out, a)
	}
	if len(out) > maxActors {
		return "", models.Errorf(models.EINVALID, "at most %d actors, not %d", maxActors, len(out))
	}
	return strings.Join(out, "; "), nil
}

// CorrectEvent applies an editor's correction (summary, date, kind,
// actors) to event id, which must
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
		before := models.EventCorrection{Summary: ev.Summary, Date: ev.Date, Kind: ev.Kind, Actors: ev.Actors}
		if before == c {
			return nil
		}
		res := tx.Exec(`UPDATE events SET summary = ?, date = ?, granularity = ?, sort_at = ?, kind = ?, actors = ?,
			version = version + 1 WHERE id = ? AND version = ?`, c.Summary, c.Date, g, sortAt, c.Kind, c.Actors, id, version)
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

// CorrectQuote applies an editor's correction of quote id's speaker and
// kind, when the quote is still at version: else it changes nothing and
// fails with ECONFLICT, returning the quote as it is now. The speaker is
// found by name or alias, or added as a new person ("" leaves the quote
// unattributed). The change is logged as an
// edit by u at now. The quote keeps its key, so later copies still join
// it, and ingest no longer fills in or moves its speaker.
func (s *Store) CorrectQuote(ctx context.Context, id uint, version int, c models.QuoteCorrection, u models.User, now time.Time) (models.Quote, error) {
	c.Speaker, c.Kind = strings.TrimSpace(c.Speaker), strings.TrimSpace(c.Kind)
	if c.Kind != models.QuoteDirect && c.Kind != models.QuotePartial && c.Kind != models.QuoteIndirect {
		return models.Quote{}, models.Errorf(models.EINVALID, "kind %q: want direct, partial or indirect", c.Kind)
	}
	var q models.Quote
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Preload("Speaker").Where("id = ?", id).First(&q).Error; err != nil {
			return dbError(err, "no quote %d", id)
		}
		if q.Version != version {
			return models.Errorf(models.ECONFLICT, "quote %d was changed by someone else since version %d (it is at version %d)", id, version, q.Version)
		}
		speaker, err := personNamed(tx, c.Speaker)
		if err != nil {
			return err
		}
		before := models.QuoteCorrection{Speaker: speakerName(q.Speaker), Kind: q.Kind}
		after := models.QuoteCorrection{Speaker: speakerName(speaker), Kind: c.Kind}
		if before == after {
			return nil
		}
		var sid *uint
		kindOfSpeaker := q.SpeakerKind
		if speaker != nil {
			sid, kindOfSpeaker = &speaker.ID, speaker.Kind
		}
		res := tx.Exec(`UPDATE quotes SET speaker_id = ?, speaker_kind = ?, kind = ?, version = version + 1
			WHERE id = ? AND version = ?`, sid, kindOfSpeaker, c.Kind, id, version)
		if res.Error != nil {
			return dbError(res.Error, "correcting quote %d", id)
		}
		if res.RowsAffected == 0 {
			return models.Errorf(models.ECONFLICT, "quote %d was changed by someone else since version %d", id, version)
		}
		if err := logEdit(tx, u, now, models.EditQuote, id, nil, before, after); err != nil {
			return err
		}
		q = models.Quote{} // a preload leaves an old speaker in place
		return dbError(tx.Preload("Speaker").Where("id = ?", id).First(&q).Error, "reading quote %d", id)
	})
	if models.ErrorCode(err) == models.ECONFLICT {
		q = models.Quote{}
		_ = s.db.WithContext(ctx).Preload("Speaker").Where("id = ?", id).First(&q).Error
	}
	return q, err
}

// personNamed finds the person whose name or alias is name (by slug), and
// adds a person of that name when there is none: the right speaker of a
// misattributed quote may be someone no article named as a speaker yet.
// nil for ""; EINVALID for a name with no letters or digits, or too long.
func personNamed(tx *gorm.DB, name string) (*models.Person, error) {
	if name == "" {
		return nil, nil
	}
	slug := models.Slug(name)
	if slug == "" || utf8.RuneCountInString(name) > 200 {
		return nil, models.Errorf(models.EINVALID, "speaker %q: give a name of at most 200 characters", name)
	}
	var p models.Person
	err := tx.Where("slug = ? OR id = (SELECT person_id FROM person_aliases WHERE alias_slug = ? ORDER BY id LIMIT 1)", slug, slug).
		Order(clause.Expr{SQL: "slug = ? DESC", Vars: []any{slug}}).First(&p).Error
	if models.ErrorCode(dbError(err, "")) == models.ENOTFOUND {
		p = models.Person{Slug: slug, Name: name, Kind: models.PersonKindPerson}
		err = tx.Create(&p).Error
	}
	return &p, dbError(err, "finding %q", name)
}

// speakerName is a quote speaker's name, "" for none.
func speakerName(p *models.Person) string {
	if p == nil {
		return ""
	}
	return p.Name
}

// QuoteByID returns one quote with its speaker; ENOTFOUND when there is none.
func (s *Store) QuoteByID(ctx context.Context, id uint) (models.Quote, error) {
	var q models.Quote
	err := s.rdb.WithContext(ctx).Preload("Speaker").Where("id = ?", id).First(&q).Error
	return q, dbError(err, "no quote %d", id)
}
