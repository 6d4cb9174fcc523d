-- 0002_article_prefix: prefix_key is a hash of an article's first words
-- (see store.prefixKey), so a copy cut short ("... Read more") finds the
-- full article it repeats, and a full article finds the teaser stored
-- before it.
ALTER TABLE articles ADD COLUMN prefix_key TEXT NOT NULL DEFAULT '';
CREATE INDEX idx_articles_prefix_key ON articles(prefix_key) WHERE prefix_key <> '';
CREATE INDEX idx_articles_duplicate_of_id ON articles(duplicate_of_id);
