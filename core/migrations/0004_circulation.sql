-- Circulation (借阅): loan rules per kind of borrower, the days the reading
-- room is open, loans, holds (预约) and stocktakes (盘点).

-- One rule per kind of borrower (people.kind): staff and deputies may differ.
CREATE TABLE loan_rules (
    person_kind   TEXT PRIMARY KEY CHECK (person_kind IN ('staff', 'deputy')),
    loan_days     INTEGER NOT NULL CHECK (loan_days BETWEEN 1 AND 365),
    max_loans     INTEGER NOT NULL CHECK (max_loans BETWEEN 0 AND 100),
    max_renewals  INTEGER NOT NULL CHECK (max_renewals BETWEEN 0 AND 20)
) STRICT, WITHOUT ROWID;

INSERT INTO loan_rules (person_kind, loan_days, max_loans, max_renewals) VALUES
    ('staff', 30, 5, 1),
    ('deputy', 30, 5, 1);

-- Days that differ from the weekly pattern (settings 'closed_weekdays'):
-- public holidays the reading room is closed, and make-up workdays (调休)
-- it is open although they fall on a weekend. Reading-share schedules skip
-- the same holidays.
CREATE TABLE calendar_days (
    day   TEXT PRIMARY KEY,            -- YYYY-MM-DD, office-local
    kind  TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name  TEXT NOT NULL DEFAULT ''     -- 国庆节, 国庆调休 …
) STRICT, WITHOUT ROWID;

CREATE TABLE loans (
    id           INTEGER PRIMARY KEY,
    copy_id      INTEGER NOT NULL REFERENCES copies (id),
    person_id    INTEGER NOT NULL REFERENCES people (id),
    borrowed_at  TEXT NOT NULL,        -- UTC RFC 3339
    due_on       TEXT NOT NULL,        -- YYYY-MM-DD, office-local
    renewals     INTEGER NOT NULL DEFAULT 0,
    returned_at  TEXT,                 -- NULL while on loan
    -- How the loan ended: returned, or the copy was lost / damaged while out.
    outcome      TEXT CHECK (outcome IN ('returned', 'lost', 'damaged')),
    note         TEXT,
    CHECK ((returned_at IS NULL) = (outcome IS NULL))
) STRICT;

-- A copy is on loan to at most one person at a time.
CREATE UNIQUE INDEX loans_open_copy ON loans (copy_id) WHERE returned_at IS NULL;
CREATE INDEX loans_copy ON loans (copy_id, borrowed_at);
CREATE INDEX loans_person ON loans (person_id, borrowed_at);
CREATE INDEX loans_due ON loans (due_on) WHERE returned_at IS NULL;

CREATE TABLE holds (
    id          INTEGER PRIMARY KEY,
    title_id    INTEGER NOT NULL REFERENCES titles (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    placed_at   TEXT NOT NULL,         -- UTC RFC 3339; the queue order
    -- waiting in the queue; ready = a copy is set aside (copy_id) until
    -- expires_on; then collected, cancelled or expired.
    status      TEXT NOT NULL DEFAULT 'waiting'
                CHECK (status IN ('waiting', 'ready', 'collected', 'cancelled', 'expired')),
    copy_id     INTEGER REFERENCES copies (id),
    ready_at    TEXT,
    expires_on  TEXT,                  -- YYYY-MM-DD, office-local: last day to collect
    closed_at   TEXT,
    note        TEXT,
    CHECK (status <> 'ready' OR copy_id IS NOT NULL)
) STRICT;

-- One open hold per person and title; one hold per set-aside copy.
CREATE UNIQUE INDEX holds_open_person_title ON holds (title_id, person_id)
    WHERE status IN ('waiting', 'ready');
CREATE UNIQUE INDEX holds_ready_copy ON holds (copy_id) WHERE status = 'ready';
CREATE INDEX holds_title_queue ON holds (title_id, status, placed_at);
CREATE INDEX holds_person ON holds (person_id, status);
CREATE INDEX holds_copy ON holds (copy_id) WHERE copy_id IS NOT NULL;

-- A stocktake freezes the copies it expects when it starts.
CREATE TABLE stocktakes (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    -- The shelf locations it covers, as a JSON array; NULL = all shelves.
    locations    TEXT,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished', 'cancelled')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    marked_lost  INTEGER NOT NULL DEFAULT 0   -- copies marked 遗失 on finishing
) STRICT;

-- One row per expected copy (frozen at start), plus one per copy scanned
-- that was not expected (expected = 0).
CREATE TABLE stocktake_items (
    stocktake_id       INTEGER NOT NULL REFERENCES stocktakes (id) ON DELETE CASCADE,
    copy_id            INTEGER NOT NULL REFERENCES copies (id),
    expected           INTEGER NOT NULL CHECK (expected IN (0, 1)),
    expected_location  TEXT,
    expected_status    TEXT NOT NULL,  -- the copy's status when the stocktake started
    seen_at            TEXT,
    seen_location      TEXT,           -- the shelf it was scanned on
    status_when_seen   TEXT,           -- 'on_loan' flags a loaned copy found on the shelf
    PRIMARY KEY (stocktake_id, copy_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX stocktake_items_copy ON stocktake_items (copy_id);

-- Scanned barcodes the catalogue does not know.
CREATE TABLE stocktake_unknown (
    stocktake_id  INTEGER NOT NULL REFERENCES stocktakes (id) ON DELETE CASCADE,
    barcode       TEXT NOT NULL,
    location      TEXT,
    scanned_at    TEXT NOT NULL,
    PRIMARY KEY (stocktake_id, barcode)
) STRICT, WITHOUT ROWID;

INSERT INTO settings (key, value) VALUES
    ('closed_weekdays', '6,7'),         -- ISO weekdays: Saturday, Sunday
    ('hold_pickup_days', '7'),
    ('scanner_prefix', ''),
    ('scanner_suffix', '');
