-- 传阅: an issue passed along a list of people or departments, in order,
-- each keeping it some working days; and the year's purchases: budgets
-- per kind, book orders to a supplier whose lines land in the catalogue.

CREATE TABLE routing_lists (
    id          INTEGER PRIMARY KEY,
    title_id    INTEGER NOT NULL UNIQUE REFERENCES serials (title_id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- A stop is a person, or a department named as the office names it.
CREATE TABLE routing_stops (
    list_id     INTEGER NOT NULL REFERENCES routing_lists (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    person_id   INTEGER REFERENCES people (id),
    department  TEXT,
    days        INTEGER NOT NULL DEFAULT 2 CHECK (days BETWEEN 1 AND 30),
    PRIMARY KEY (list_id, position),
    CHECK ((person_id IS NULL) <> (department IS NULL))
) STRICT, WITHOUT ROWID;

CREATE INDEX routing_stops_person ON routing_stops (person_id);

-- One issue on its way round: each leg given, due after its working days,
-- returned.
CREATE TABLE routing_legs (
    id           INTEGER PRIMARY KEY,
    issue_id     INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    person_id    INTEGER REFERENCES people (id),
    department   TEXT,
    days         INTEGER NOT NULL,
    given_on     TEXT,
    due_on       TEXT,
    returned_on  TEXT,
    UNIQUE (issue_id, position)
) STRICT;

CREATE INDEX routing_legs_person ON routing_legs (person_id);
CREATE INDEX routing_legs_open ON routing_legs (due_on)
    WHERE given_on IS NOT NULL AND returned_on IS NULL;

-- Amounts are kept in fen (分), whole numbers.
CREATE TABLE budgets (
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('books', 'periodicals')),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    note        TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (year, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    supplier    TEXT NOT NULL CHECK (length(supplier) BETWEEN 1 AND 100),
    note        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX orders_year ON orders (year);

CREATE TABLE order_lines (
    id             INTEGER PRIMARY KEY,
    order_id       INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    suggestion_id  INTEGER REFERENCES suggestions (id) ON DELETE SET NULL,
    title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    authors        TEXT,
    publisher      TEXT,
    isbn           TEXT,
    copies         INTEGER NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 500),
    price_fen      INTEGER NOT NULL DEFAULT 0 CHECK (price_fen >= 0),
    status         TEXT NOT NULL DEFAULT 'ordered'
                   CHECK (status IN ('ordered', 'received', 'cancelled')),
    title_id       INTEGER REFERENCES titles (id) ON DELETE SET NULL,
    received_on    TEXT
) STRICT;

CREATE INDEX order_lines_order ON order_lines (order_id);
CREATE INDEX order_lines_suggestion ON order_lines (suggestion_id);
CREATE INDEX order_lines_title ON order_lines (title_id);
