package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"dateline/models"
	"dateline/models/threads"
)

// maxDeadlineReports bounds the reports a story's deadline threads are
// built from: the latest this many (a story of 3,000 articles has a few
// hundred).
const maxDeadlineReports = 5000

// maxRelated bounds the happenings linked to one thread.
const maxRelated = 10

// relatedKinds are the happenings a thread links around its due date:
// the penalties when it passed, the summit that replaced it, the talks.
var relatedKinds = []string{models.KindSanction, models.KindMeeting, models.KindTalks, models.KindVisit,
	models.KindCall, models.KindAgreement, models.KindInForce}

// StoryDeadlines returns the deadline threads of a story (see
// models/threads): its deadline, ultimatum and expiry reports joined, each
// with the happenings of the story from a day before its due date to
// three days after. Hidden events are left out. The threads are cached
// until the next write (a story of 3,000 articles: about 45 ms to build)
// and shared by the callers, who only read them.
func (s *Store) StoryDeadlines(ctx context.Context, st models.Story) ([]*threads.Thread, error) {
	return cached(ctx, s, fmt.Sprintf("deadlines %d %s", st.ID, st.Rules), func() ([]*threads.Thread, error) {
		return s.storyDeadlines(ctx, st)
	})
}

func (s *Store) storyDeadlines(ctx context.Context, st models.Story) ([]*threads.Thread, error) {
	var reports []threads.Report
	rows, err := s.rdb.WithContext(ctx).Raw(`SELECT e.id, e.kind, e.date, e.granularity, e.deadline_set_by,
		e.deadline_target, e.deadline_demand, e.deadline_consequence, e.subject, es.deadline_change,
		es.due_end, es.changed_on, es.extend_days, es.article_id, a.published_at, coalesce(src.name, ''), es.sentence
		FROM event_sources es
		JOIN events e ON e.id = es.event_id
		JOIN story_articles sa ON sa.article_id = es.article_id AND sa.story_id = ?
		JOIN articles a ON a.id = es.article_id
		LEFT JOIN sources src ON src.id = a.source_id
		WHERE e.kind IN ? AND NOT EXISTS (SELECT 1 FROM story_events se WHERE se.story_id = ? AND se.event_id = e.id AND se.state = ?)
		ORDER BY es.id DESC LIMIT ?`,
		st.ID, []string{models.KindDeadline, models.KindUltimatum, models.KindExpiry}, st.ID, models.StoryEventHidden,
		maxDeadlineReports).Rows()
	if err != nil {
		return nil, dbError(err, "reading deadline reports")
	}
	defer rows.Close()
	for rows.Next() {
		var r threads.Report
		var pub sql.NullTime
		if err := rows.Scan(&r.EventID, &r.Kind, &r.Due, &r.Granularity, &r.SetBy, &r.Target, &r.Demand,
			&r.Consequence, &r.Subject, &r.Change, &r.DueEnd, &r.On, &r.ExtendDays, &r.ArticleID, &pub, &r.Source, &r.Sentence); err != nil {
			return nil, dbError(err, "reading deadline reports")
		}
		if pub.Valid {
			r.Published = pub.Time
		}
		reports = append(reports, r)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "reading deadline reports")
	}
	ts := threads.Build(reports)
	for _, t := range ts {
		if err := s.relate(ctx, st, t); err != nil {
			return nil, err
		}
	}
	return ts, nil
}

// relate links to thread t the story's happenings around its due date.
func (s *Store) relate(ctx context.Context, st models.Story, t *threads.Thread) error {
	from, ok := PeriodStart(t.Due)
	if !ok {
		return nil
	}
	to := from
	if e, ok := PeriodStart(t.DueEnd); ok && e.After(to) {
		to = e
	}
	// happenings from a day before to two weeks after (the summit a passing
	// deadline gave way to), statements of the due day and the next
	var rel []threads.Related
	err := s.rdb.WithContext(ctx).Raw(`SELECT e.id, e.date, e.granularity, e.kind, e.summary FROM events e
		WHERE (e.kind IN ? AND e.sort_at >= ? AND e.sort_at < ? OR e.kind = ? AND e.sort_at >= ? AND e.sort_at < ?)
		AND EXISTS (SELECT 1 FROM event_sources es JOIN story_articles sa ON sa.article_id = es.article_id
			WHERE es.event_id = e.id AND sa.story_id = ?)
		ORDER BY e.sort_at, e.id LIMIT ?`,
		relatedKinds, from.Add(-24*time.Hour), to.Add(15*24*time.Hour),
		models.KindStatement, from, to.Add(2*24*time.Hour), st.ID, maxRelated).Scan(&rel).Error
	if err != nil {
		return dbError(err, "linking deadline happenings")
	}
	t.RelatedEventIDs, t.Related = make([]uint, len(rel)), rel
	for i, r := range rel {
		t.RelatedEventIDs[i] = r.ID
	}
	return nil
}
