-- Every edit carries the revision it was based on (DESIGN.md, "Who may do
-- and see what"): a subscription edited in two places at once is refused
-- the second time, as titles, people and sessions are.

ALTER TABLE subscriptions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
