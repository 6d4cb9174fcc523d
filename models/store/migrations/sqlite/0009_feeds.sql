-- 0009_feeds: RSS and Atom feeds attached to a story, polled for new
-- articles, and the items each has seen, so that an item is ingested once.
--
-- keywords is the feed's keyword rules, one a line: when there are some, an
-- item joins the story only when its title or summary holds one of them.
-- etag and last_modified are the validators of the last 200 answer, sent
-- back on the next request (If-None-Match, If-Modified-Since). last_status
-- is ok, not-modified or error; new_items counts the articles the last poll
-- stored; failures counts errors in a row. A good feed is due again when
-- its last_fetch_at is the poller's interval old; a failing one when
-- next_fetch_at, pushed out by backoff, has come.
CREATE TABLE feeds (
	id            INTEGER PRIMARY KEY,
	story_id      INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
	url           TEXT NOT NULL,
	allow_private INTEGER NOT NULL DEFAULT 0,
	keywords      TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_fetch_at DATETIME,
	last_status   TEXT NOT NULL DEFAULT '',
	new_items     INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	next_fetch_at DATETIME,
	failures      INTEGER NOT NULL DEFAULT 0,
	created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX ux_feeds_story_url ON feeds(story_id, url);

-- feed_items are the items a feed has given, by key (the item's guid, else
-- its link), with what became of them: ingested, skipped (no keyword
-- matched) or refused (the reason). Items whose fetch failed for a passing
-- reason (a time-out, a server error) are not recorded, so the next poll
-- tries them again.
CREATE TABLE feed_items (
	feed_id  INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
	key      TEXT NOT NULL,
	link     TEXT NOT NULL DEFAULT '',
	outcome  TEXT NOT NULL DEFAULT '',
	seen_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (feed_id, key)
);
