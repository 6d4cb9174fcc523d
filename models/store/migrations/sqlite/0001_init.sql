-- 0001_init: every table of models/domain.go, the indexes the web pages
-- filter on, and FTS5 indexes over quote texts and event sentences.
-- Table and column names are the ones GORM derives from the models, so GORM
-- queries work on them. Times are stored by the driver as UTC text, which
-- sorts in time order.

CREATE TABLE sources (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	domain     TEXT NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE articles (
	id                  INTEGER PRIMARY KEY,
	url                 TEXT NOT NULL DEFAULT '',
	title               TEXT NOT NULL DEFAULT '',
	source_id           INTEGER REFERENCES sources(id) ON DELETE SET NULL,
	published_at        DATETIME,
	published_precision TEXT NOT NULL DEFAULT 'unknown',
	published_by        TEXT NOT NULL DEFAULT '',
	fetched_at          DATETIME,
	body                TEXT NOT NULL,
	content_hash        TEXT NOT NULL UNIQUE,
	duplicate_of_id     INTEGER REFERENCES articles(id) ON DELETE SET NULL,
	created_at          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_articles_url ON articles(url);
-- One page (URL) may carry several articles (an aggregator page), told apart
-- by their titles; the same URL and title again is the same article.
CREATE UNIQUE INDEX ux_articles_url_title ON articles(url, title) WHERE url <> '';
CREATE INDEX idx_articles_source_id ON articles(source_id);
CREATE INDEX idx_articles_published_at ON articles(published_at);

CREATE TABLE people (
	id         INTEGER PRIMARY KEY,
	slug       TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL DEFAULT 'person',
	role       TEXT NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- alias_slug is models.Slug(alias); the store fills it, so a name seen in a
-- later article finds its person whatever its spelling or punctuation.
CREATE TABLE person_aliases (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	alias      TEXT NOT NULL,
	alias_slug TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_person_aliases_person_id ON person_aliases(person_id);
CREATE UNIQUE INDEX ux_person_aliases_person_alias ON person_aliases(person_id, alias);
CREATE INDEX idx_person_aliases_alias_slug ON person_aliases(alias_slug);

CREATE TABLE events (
	id                   INTEGER PRIMARY KEY,
	key                  TEXT NOT NULL UNIQUE,
	date                 TEXT NOT NULL,
	granularity          TEXT NOT NULL DEFAULT '',
	sort_at              DATETIME NOT NULL,
	kind                 TEXT NOT NULL DEFAULT 'other',
	cameo                TEXT NOT NULL DEFAULT '',
	summary              TEXT NOT NULL DEFAULT '',
	actors               TEXT NOT NULL DEFAULT '',
	deadline_set_by      TEXT NOT NULL DEFAULT '',
	deadline_demand      TEXT NOT NULL DEFAULT '',
	deadline_consequence TEXT NOT NULL DEFAULT '',
	created_at           DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_events_date ON events(date, kind);
CREATE INDEX idx_events_sort_at ON events(sort_at);
CREATE INDEX idx_events_kind ON events(kind, sort_at);

CREATE TABLE event_sources (
	id         INTEGER PRIMARY KEY,
	event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	sentence   TEXT NOT NULL DEFAULT '',
	expression TEXT NOT NULL DEFAULT '',
	"start"    INTEGER NOT NULL DEFAULT 0,
	"end"      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_event_article ON event_sources(event_id, article_id);
CREATE INDEX idx_event_sources_article_id ON event_sources(article_id);

CREATE TABLE quotes (
	id         INTEGER PRIMARY KEY,
	key        TEXT NOT NULL UNIQUE,
	text       TEXT NOT NULL,
	kind       TEXT NOT NULL DEFAULT 'direct',
	speaker_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
	said_at    DATETIME,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_quotes_kind ON quotes(kind);
CREATE INDEX idx_quotes_speaker_id ON quotes(speaker_id, said_at);
CREATE INDEX idx_quotes_said_at ON quotes(said_at);

CREATE TABLE quote_appearances (
	id              INTEGER PRIMARY KEY,
	quote_id        INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
	article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	"start"         INTEGER NOT NULL DEFAULT 0,
	"end"           INTEGER NOT NULL DEFAULT 0,
	speaker_mention TEXT NOT NULL DEFAULT '',
	cue             TEXT NOT NULL DEFAULT '',
	venue           TEXT NOT NULL DEFAULT '',
	sentence        TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX ux_quote_article ON quote_appearances(quote_id, article_id);
CREATE INDEX idx_quote_appearances_article_id ON quote_appearances(article_id);

CREATE TABLE stories (
	id          INTEGER PRIMARY KEY,
	slug        TEXT NOT NULL UNIQUE,
	title       TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	rules       TEXT NOT NULL DEFAULT '',
	created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE story_articles (
	story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	PRIMARY KEY (story_id, article_id)
);
CREATE INDEX idx_story_articles_article_id ON story_articles(article_id);

CREATE TABLE story_events (
	story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
	event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	state    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (story_id, event_id)
);
CREATE INDEX idx_story_events_event_id ON story_events(event_id);

-- quotes_fts indexes quote texts; it reads its content from quotes and the
-- triggers below keep it in step with every insert, update and delete.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
	text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
	INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
	INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN
	INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
	INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;

-- events_fts indexes event summaries and event_sources_fts the sentences
-- of every article reporting an event; both read their content from their
-- table and are kept in step by the triggers below. Search looks in both and
-- maps sentence hits to their events.
CREATE VIRTUAL TABLE events_fts USING fts5(
	summary, content='events', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
	INSERT INTO events_fts(rowid, summary) VALUES (new.id, new.summary);
END;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
	INSERT INTO events_fts(events_fts, rowid, summary) VALUES ('delete', old.id, old.summary);
END;
CREATE TRIGGER events_fts_au AFTER UPDATE OF summary ON events BEGIN
	INSERT INTO events_fts(events_fts, rowid, summary) VALUES ('delete', old.id, old.summary);
	INSERT INTO events_fts(rowid, summary) VALUES (new.id, new.summary);
END;

CREATE VIRTUAL TABLE event_sources_fts USING fts5(
	sentence, content='event_sources', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER event_sources_fts_ai AFTER INSERT ON event_sources BEGIN
	INSERT INTO event_sources_fts(rowid, sentence) VALUES (new.id, new.sentence);
END;
CREATE TRIGGER event_sources_fts_ad AFTER DELETE ON event_sources BEGIN
	INSERT INTO event_sources_fts(event_sources_fts, rowid, sentence) VALUES ('delete', old.id, old.sentence);
END;
CREATE TRIGGER event_sources_fts_au AFTER UPDATE OF sentence ON event_sources BEGIN
	INSERT INTO event_sources_fts(event_sources_fts, rowid, sentence) VALUES ('delete', old.id, old.sentence);
	INSERT INTO event_sources_fts(rowid, sentence) VALUES (new.id, new.sentence);
END;
