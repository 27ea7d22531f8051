-- Every edit carries the revision it was based on (DESIGN.md, "Who may do
-- and see what"): venues, training topics and training sessions get theirs,
-- as titles, people, reading-share sessions and batches have had since 0011.

ALTER TABLE venues ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE training_topics ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE training_sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
