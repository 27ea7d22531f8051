-- The computer a change came from, when it came over the intranet (a
-- reader's hold placed in a browser, an operator at another PC): the log
-- names the person and the client's address.

ALTER TABLE audit_log ADD COLUMN client TEXT;
