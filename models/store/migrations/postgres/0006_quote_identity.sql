-- 0006_quote_identity (PostgreSQL): see migrations/sqlite/0006_quote_identity.sql.
ALTER TABLE quotes ADD COLUMN text_key TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN verb TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN speaker_kind TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN speaker_label TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN said_value TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN said_granularity TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN reported_at TIMESTAMPTZ;
UPDATE quotes SET text_key = key, reported_at = said_at,
	key = key || ':' || coalesce('p' || speaker_id::text, '');
CREATE INDEX idx_quotes_text_key ON quotes(text_key);

ALTER TABLE quote_appearances ADD COLUMN kind TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quote_appearances ADD COLUMN verb TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quote_appearances ADD COLUMN context TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quote_appearances ADD COLUMN context_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quote_appearances ADD COLUMN context_end INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quote_appearances ADD COLUMN said_value TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE quote_appearances ADD COLUMN conduit TEXT COLLATE "C" NOT NULL DEFAULT '';
