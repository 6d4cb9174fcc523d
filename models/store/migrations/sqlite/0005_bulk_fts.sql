-- 0005_bulk_fts: quote texts and event sentences enter their full-text
-- indexes in one statement per write transaction (see store/fts.go)
-- instead of one trigger run per inserted row. FTS5 pays a large fixed cost
-- per statement, so the bulk insert indexes the same rows about four times
-- faster. Events keep their insert trigger: the save path may fill in an
-- event's summary in the transaction that created the event, and the update
-- trigger must then find the row in the index. The update and delete
-- triggers stay as they were.
DROP TRIGGER quotes_fts_ai;
DROP TRIGGER event_sources_fts_ai;
