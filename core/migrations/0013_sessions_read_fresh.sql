-- Who acts is read fresh on every request (DESIGN.md, "Who may do and see
-- what"): a signed-in operator or reader carries their account's epoch, and
-- anything that must end their sessions everywhere — deactivating,
-- demoting, a password reset, a PIN set or cleared, a reader deactivated —
-- raises it, so every older session is refused at its next request.
--
-- Wrong passwords and PINs are now slowed per client address, in memory,
-- never by locking the account for everyone: the counters go.

ALTER TABLE operators ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE operators DROP COLUMN failed_attempts;
ALTER TABLE operators DROP COLUMN locked_until;

ALTER TABLE people ADD COLUMN reader_epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reader_pins DROP COLUMN failures;
ALTER TABLE reader_pins DROP COLUMN first_failure_at;
