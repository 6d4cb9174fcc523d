-- 0007_deadline_threads (PostgreSQL): see migrations/sqlite/0007_deadline_threads.sql.
ALTER TABLE events ADD COLUMN deadline_target TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN subject TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE event_sources ADD COLUMN deadline_change TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE event_sources ADD COLUMN due_end TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE event_sources ADD COLUMN changed_on TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE event_sources ADD COLUMN extend_days INTEGER NOT NULL DEFAULT 0;
