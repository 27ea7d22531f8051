-- Venues and bookings, shared by every kind of scheduled session, and the
-- reading-share activity (读书分享活动): series, sessions, presenters and the
-- books they share, invitations, sign-ins, attachments.

CREATE TABLE venues (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
    capacity    INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
    note        TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- A booking holds a venue (or none) for a span of office-local time and
-- binds people to it (host, presenters, lecturers, trainees). Two active
-- bookings clash when they overlap in the same venue or bind the same
-- person; touching end to start is no clash.
CREATE TABLE bookings (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('share', 'training')),
    venue_id   INTEGER REFERENCES venues (id),
    starts_at  TEXT NOT NULL,            -- 'YYYY-MM-DDTHH:MM', office-local
    ends_at    TEXT NOT NULL,
    title      TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),  -- 0: cancelled
    CHECK (ends_at > starts_at)
) STRICT;

CREATE INDEX bookings_venue_time ON bookings (venue_id, starts_at) WHERE active = 1;
CREATE INDEX bookings_time ON bookings (starts_at);

CREATE TABLE booking_people (
    booking_id  INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    role        TEXT NOT NULL CHECK (role IN ('host', 'presenter', 'lecturer', 'trainee')),
    PRIMARY KEY (booking_id, person_id, role)
) STRICT, WITHOUT ROWID;

CREATE INDEX booking_people_person ON booking_people (person_id);

CREATE TABLE share_series (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    theme       TEXT,
    recurrence  TEXT NOT NULL,           -- the rule as JSON, for showing and extending
    start_time  TEXT NOT NULL,           -- 'HH:MM'
    end_time    TEXT NOT NULL,
    venue_id    INTEGER REFERENCES venues (id),
    host_id     INTEGER REFERENCES people (id),
    capacity    INTEGER,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX share_series_venue ON share_series (venue_id);
CREATE INDEX share_series_host ON share_series (host_id);

CREATE TABLE share_sessions (
    id          INTEGER PRIMARY KEY,
    series_id   INTEGER REFERENCES share_series (id) ON DELETE SET NULL,
    booking_id  INTEGER NOT NULL UNIQUE REFERENCES bookings (id),
    theme       TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    host_id     INTEGER REFERENCES people (id),
    capacity    INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
    minutes     TEXT,                    -- 纪要
    note        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX share_sessions_series ON share_sessions (series_id);
CREATE INDEX share_sessions_host ON share_sessions (host_id);

CREATE TABLE share_presenters (
    session_id  INTEGER NOT NULL REFERENCES share_sessions (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    title_id    INTEGER REFERENCES titles (id) ON DELETE SET NULL,
    topic       TEXT,
    PRIMARY KEY (session_id, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX share_presenters_person ON share_presenters (person_id);
CREATE INDEX share_presenters_title ON share_presenters (title_id);

CREATE TABLE share_invitations (
    session_id  INTEGER NOT NULL REFERENCES share_sessions (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (session_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX share_invitations_person ON share_invitations (person_id);

CREATE TABLE share_signins (
    session_id  INTEGER NOT NULL REFERENCES share_sessions (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    signed_at   TEXT NOT NULL,           -- UTC RFC 3339
    method      TEXT NOT NULL CHECK (method IN ('scan', 'tick')),
    PRIMARY KEY (session_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX share_signins_person ON share_signins (person_id);

-- Photos and files of a session, kept in the database so a backup holds them.
CREATE TABLE share_attachments (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES share_sessions (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL,
    added_at    TEXT NOT NULL
) STRICT;

CREATE INDEX share_attachments_session ON share_attachments (session_id);

-- Identifies this database in calendar UIDs, so two offices' sessions never collide.
INSERT OR IGNORE INTO settings (key, value) VALUES ('installation_id', lower(hex(randomblob(8))));
