-- 0006_quote_identity: a quote is its words and its speaker, and knows when
-- it was said apart from when it was first reported.
--
-- key was a hash of the normalised words alone, so the same short sentence
-- from four speakers was one quote. It becomes "<words hash>:<speaker>"
-- ("p<person id>", empty when unknown); text_key keeps the words hash, so a
-- copy with no speaker can find the one quote of those words it belongs to.
-- Existing rows keep every appearance: each moves to the key of its stored
-- speaker (words stored once stay one quote; re-ingest splits old merges).
--
-- said_at stays the time a quote is placed at (timelines, people pages,
-- exports' order): when the words were said if the text says so, else when
-- they were first reported. said_value and said_granularity are what the
-- text said ("2025-08-05" day, "2025-W31-WE" weekend), reported_at the
-- earliest publication; rows from before have reported_at = said_at.
ALTER TABLE quotes ADD COLUMN text_key TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN verb TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN speaker_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN speaker_label TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN said_value TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN said_granularity TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN reported_at DATETIME;
UPDATE quotes SET text_key = key, reported_at = said_at,
	key = key || ':' || coalesce('p' || speaker_id, '');
CREATE INDEX idx_quotes_text_key ON quotes(text_key);

-- what each article's copy was: its kind (a later outlet may quote in part
-- or paraphrase), verb, context clause and when it says the words were said
ALTER TABLE quote_appearances ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE quote_appearances ADD COLUMN verb TEXT NOT NULL DEFAULT '';
ALTER TABLE quote_appearances ADD COLUMN context TEXT NOT NULL DEFAULT '';
ALTER TABLE quote_appearances ADD COLUMN context_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quote_appearances ADD COLUMN context_end INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quote_appearances ADD COLUMN said_value TEXT NOT NULL DEFAULT '';
ALTER TABLE quote_appearances ADD COLUMN conduit TEXT NOT NULL DEFAULT '';
