-- A revision number on the records two operators may edit at once from two
-- PCs (a title, a person, a reading-share session, a training batch): each
-- edit raises it, and an edit made on an older revision is refused
-- ("已被他人修改，请刷新后再改") instead of silently overwriting.

ALTER TABLE titles ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE share_sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE training_batches ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
