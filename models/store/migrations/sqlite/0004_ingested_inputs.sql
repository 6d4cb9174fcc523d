-- 0004_ingested_inputs: inputs (files, pages) already ingested, by a hash
-- of their bytes and reference times, with the articles they gave, so that
-- running the same ingest again skips extraction (see Store.KnownInput).
CREATE TABLE ingested_inputs (
	key         TEXT PRIMARY KEY,
	article_ids TEXT NOT NULL,
	created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
