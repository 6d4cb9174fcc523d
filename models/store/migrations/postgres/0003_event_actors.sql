-- 0003_event_actors (PostgreSQL): see migrations/sqlite/0003_event_actors.sql.
CREATE TABLE event_actors (
	event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	slug     TEXT COLLATE "C" NOT NULL,
	day      TEXT COLLATE "C" NOT NULL,
	kind     TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (event_id, slug)
);
CREATE INDEX idx_event_actors_match ON event_actors(slug, day, kind, event_id);
