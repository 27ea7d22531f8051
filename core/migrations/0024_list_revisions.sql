-- Every edit carries the revision it was based on (DESIGN.md, "Who may do
-- and see what"): a year's budget and a serial's routing list, set from two
-- places at once, are refused the second time, as subscriptions, titles,
-- people and sessions are. (A reading-share session's minutes and
-- presenters use the session's own revision.) 0 is "never set".

ALTER TABLE budgets ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE routing_lists ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
