-- The periodicals room: serials (a title of kind 'serial' with its ISSN,
-- CN, 邮发代号 and 刊期 as printed), their subscriptions per year with the
-- pattern the 刊期 engine predicts from, and the predicted issues with what
-- arrived. Lateness is computed when asked, never stored.

ALTER TABLE titles ADD COLUMN kind TEXT NOT NULL DEFAULT 'book'
    CHECK (kind IN ('book', 'serial'));

-- A bound volume (合订本) or any copy that is one part of a title.
ALTER TABLE copies ADD COLUMN volume TEXT;

CREATE TABLE serials (
    title_id     INTEGER PRIMARY KEY REFERENCES titles (id) ON DELETE CASCADE,
    issn         TEXT UNIQUE,            -- 1234-567X, check digit verified
    cn           TEXT,                   -- 国内统一刊号 11-1000/D; 内部资料 none
    postal_code  TEXT,                   -- 邮发代号 2-25
    frequency    TEXT,                   -- 刊期 as printed: 月刊, 周五刊 …
    sponsor      TEXT,                   -- 主办单位
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX serials_postal_code ON serials (postal_code);

CREATE TABLE subscriptions (
    id             INTEGER PRIMARY KEY,
    title_id       INTEGER NOT NULL REFERENCES serials (title_id) ON DELETE CASCADE,
    starts_on      TEXT NOT NULL,        -- YYYY-MM-DD, the first day covered
    ends_on        TEXT NOT NULL,        -- YYYY-MM-DD, the last
    -- The pattern: a preset (日报 … 不定期) and its weekdays (1 = Monday),
    -- days of the month and months, as JSON arrays.
    frequency      TEXT NOT NULL,
    weekdays       TEXT NOT NULL DEFAULT '[]',
    days           TEXT NOT NULL DEFAULT '[]',
    months         TEXT NOT NULL DEFAULT '[]',
    copies         INTEGER NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 1000),
    price          TEXT,                 -- the year's price per copy, as given
    first_issue    INTEGER NOT NULL DEFAULT 1 CHECK (first_issue >= 1),
    first_total    INTEGER CHECK (first_total IS NULL OR first_total >= 1),
    grace_days     INTEGER NOT NULL DEFAULT 15 CHECK (grace_days BETWEEN 0 AND 365),
    transit_days   INTEGER NOT NULL DEFAULT 0 CHECK (transit_days BETWEEN 0 AND 60),
    -- Exceptions: 合刊 as [[from, to], …] of 当年期号, 休刊 as
    -- [["YYYY-MM-DD", "YYYY-MM-DD"], …], the office's holidays off.
    combine        TEXT NOT NULL DEFAULT '[]',
    skip           TEXT NOT NULL DEFAULT '[]',
    holiday_pause  INTEGER NOT NULL DEFAULT 0 CHECK (holiday_pause IN (0, 1)),
    supplier       TEXT NOT NULL DEFAULT '邮局',
    stopped        INTEGER NOT NULL DEFAULT 0 CHECK (stopped IN (0, 1)),
    note           TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
) STRICT;

CREATE INDEX subscriptions_title ON subscriptions (title_id, starts_on);

CREATE TABLE issues (
    id                INTEGER PRIMARY KEY,
    subscription_id   INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    -- 当年期号 and 总期号, a range for a 合刊; none for a 增刊.
    issue_no_from     INTEGER,
    issue_no_to       INTEGER,
    total_no_from     INTEGER,
    total_no_to       INTEGER,
    supplement        INTEGER NOT NULL DEFAULT 0 CHECK (supplement IN (0, 1)),
    label             TEXT NOT NULL,
    published_on      TEXT NOT NULL,     -- YYYY-MM-DD
    expected_on       TEXT NOT NULL,     -- published_on + transit days
    copies_expected   INTEGER NOT NULL CHECK (copies_expected >= 1),
    copies_received   INTEGER NOT NULL DEFAULT 0 CHECK (copies_received >= 0),
    status            TEXT NOT NULL DEFAULT 'expected'
                      CHECK (status IN ('expected', 'received', 'partial', 'claimed',
                                        'missing', 'bound')),
    received_on       TEXT,
    claims            INTEGER NOT NULL DEFAULT 0,
    last_claimed_on   TEXT,
    bound_copy_id     INTEGER REFERENCES copies (id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    CHECK (copies_received <= copies_expected)
) STRICT;

CREATE INDEX issues_subscription ON issues (subscription_id, published_on);
CREATE INDEX issues_open ON issues (expected_on)
    WHERE status IN ('expected', 'partial', 'claimed');
CREATE INDEX issues_bound_copy ON issues (bound_copy_id);
