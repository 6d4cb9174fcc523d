-- 0004_ingested_inputs (PostgreSQL): see migrations/sqlite/0004_ingested_inputs.sql.
CREATE TABLE ingested_inputs (
	key         TEXT COLLATE "C" PRIMARY KEY,
	article_ids TEXT COLLATE "C" NOT NULL,
	created_at  TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
