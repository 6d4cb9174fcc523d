-- 0010_event_merges: editors merge two events and split one, and both stay
-- done when articles are ingested again.
--
-- merged_events keeps, for each event merged into another, its old id (its
-- page redirects to the kept event), its key and, for deadlines and
-- ultimatums, its day and kind ("2025-08-08|deadline"): a new report that
-- would have made or joined the merged event joins the kept one instead.
-- When a kept event is merged in turn, its rows move on to the new kept one.
CREATE TABLE merged_events (
	id       INTEGER PRIMARY KEY,
	key      TEXT NOT NULL UNIQUE,
	day_kind TEXT NOT NULL DEFAULT '',
	into_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE
);
CREATE INDEX idx_merged_events_into_id ON merged_events(into_id);
CREATE INDEX idx_merged_events_day_kind ON merged_events(day_kind);

-- event_splits keeps each report an editor split off an event: a later
-- report of from_id by the same article, or in the same sentence (its
-- models.QuoteKey), goes to into_id instead.
CREATE TABLE event_splits (
	id           INTEGER PRIMARY KEY,
	from_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	into_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	sentence_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_event_splits_from_id ON event_splits(from_id);
CREATE INDEX idx_event_splits_into_id ON event_splits(into_id);
CREATE INDEX idx_event_splits_article_id ON event_splits(article_id);

-- event_actors now allows one event several days and kinds per actor: a
-- kept event takes over the (actor, day, kind) rows of the event merged
-- into it, so a new report of the merged one finds the kept one.
CREATE TABLE event_actors_new (
	event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	slug     TEXT NOT NULL,
	day      TEXT NOT NULL,
	kind     TEXT NOT NULL,
	PRIMARY KEY (slug, day, kind, event_id)
);
INSERT INTO event_actors_new (event_id, slug, day, kind) SELECT event_id, slug, day, kind FROM event_actors;
DROP TABLE event_actors;
ALTER TABLE event_actors_new RENAME TO event_actors;
CREATE INDEX idx_event_actors_event_id ON event_actors(event_id);
