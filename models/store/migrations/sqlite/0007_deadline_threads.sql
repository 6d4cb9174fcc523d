-- 0007_deadline_threads: what each report did to a deadline, so that a
-- story's deadline reports join into threads with a history.
--
-- events gain on whom a deadline is set (deadline_target) and what takes
-- effect or expires (subject, for in-force and expiry events). Each report
-- (event_sources) keeps what it did (deadline_change: set, shortened,
-- extended, reaffirmed, met, passed, dropped, superseded), the end of a due
-- range it gave (due_end) and the day the change was made when its text
-- says so (changed_on). Rows from before keep empty values: a report with
-- no change reads as set, and the threads compare due dates.
ALTER TABLE events ADD COLUMN deadline_target TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE event_sources ADD COLUMN deadline_change TEXT NOT NULL DEFAULT '';
ALTER TABLE event_sources ADD COLUMN due_end TEXT NOT NULL DEFAULT '';
ALTER TABLE event_sources ADD COLUMN changed_on TEXT NOT NULL DEFAULT '';
-- an extension given as a length ("extended by 90 days"), in days, 0 for none
ALTER TABLE event_sources ADD COLUMN extend_days INTEGER NOT NULL DEFAULT 0;
