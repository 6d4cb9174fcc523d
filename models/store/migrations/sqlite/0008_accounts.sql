-- 0008_accounts: editors' accounts, their sign-in sessions and the log of
-- what they changed.
--
-- users hold a bcrypt hash of the password, never the password. A session
-- is stored by the SHA-256 of its random token (the cookie holds the token),
-- so a copy of the database does not let anyone sign in. Removing a user
-- ends their sessions; their edits stay, under the name they had.
CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
	password_hash TEXT NOT NULL,
	created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at DATETIME NOT NULL,
	expires_at DATETIME NOT NULL
);
CREATE INDEX idx_sessions_user_id ON sessions(user_id);
CREATE INDEX idx_sessions_expires_at ON sessions(expires_at);

-- edits: one row per change an editor made in the browser. object_type and
-- object_id name what changed ("story_event" is an event's pin or hide in
-- the story story_id; "event" an event's own fields); before_json and after_json are
-- JSON of the changed fields.
CREATE TABLE edits (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
	username    TEXT NOT NULL,
	created_at  DATETIME NOT NULL,
	object_type TEXT NOT NULL,
	object_id   INTEGER NOT NULL,
	story_id    INTEGER REFERENCES stories(id) ON DELETE SET NULL,
	before_json TEXT NOT NULL DEFAULT '',
	after_json  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_edits_object ON edits(object_type, object_id);
CREATE INDEX idx_edits_user_id ON edits(user_id);
CREATE INDEX idx_edits_story_id ON edits(story_id);

-- events.version counts the corrections editors made to an event (summary,
-- date, kind); 0 for none. An edit names the version it started from and
-- is refused when the event moved on. A corrected event keeps its key, so
-- a new report of it still joins it, and ingest no longer refines its date
-- or fills its summary.
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- quotes.version counts the editors' corrections of a quote (speaker,
-- kind). A corrected quote keeps its key, so a new copy of it still
-- joins it, and ingest no longer fills in or moves its speaker.
ALTER TABLE quotes ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
