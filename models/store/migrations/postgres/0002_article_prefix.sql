-- 0002_article_prefix (PostgreSQL): see migrations/sqlite/0002_article_prefix.sql.
ALTER TABLE articles ADD COLUMN prefix_key TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX idx_articles_prefix_key ON articles(prefix_key) WHERE prefix_key <> '';
CREATE INDEX idx_articles_duplicate_of_id ON articles(duplicate_of_id);
