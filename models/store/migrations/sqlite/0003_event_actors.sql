-- 0003_event_actors: each event's actors by slug, with the event's day (the
-- date itself when coarser than a day) and kind, so finding "the stored
-- event of this date and kind that shares an actor" is an index look-up
-- instead of a scan of every event that day. The store fills it for events
-- stored before this migration (backfillEventActors).
CREATE TABLE event_actors (
	event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	slug     TEXT NOT NULL,
	day      TEXT NOT NULL,
	kind     TEXT NOT NULL,
	PRIMARY KEY (event_id, slug)
);
CREATE INDEX idx_event_actors_match ON event_actors(slug, day, kind, event_id);
