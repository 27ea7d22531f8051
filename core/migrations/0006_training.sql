-- Deputy training (代表履职培训): topics (专题), batches (批次) of small
-- classes made of sessions (each a booking in the shared model), enrolments
-- with a waitlist, and attendance.

CREATE TABLE training_topics (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    description    TEXT,
    -- The professional groups it is meant for, as a JSON array; [] = all.
    target_groups  TEXT NOT NULL DEFAULT '[]',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE training_batches (
    id                  INTEGER PRIMARY KEY,
    topic_id            INTEGER NOT NULL REFERENCES training_topics (id),
    name                TEXT NOT NULL,            -- 2026年第3期
    -- One professional group, or NULL for a mixed batch.
    professional_group  TEXT CHECK (professional_group IN (
                            '司法监督', '经济发展', '社会建设', '城乡建设与环境保护',
                            '乡村振兴', '预算审计', '教育文化', '卫生健康')),
    capacity            INTEGER NOT NULL DEFAULT 30 CHECK (capacity BETWEEN 1 AND 500),
    trainer             TEXT,                     -- 带班老师 / 负责人
    venue_id            INTEGER REFERENCES venues (id),
    starts_on           TEXT,                     -- YYYY-MM-DD
    ends_on             TEXT,
    note                TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (topic_id, name)
) STRICT;

CREATE INDEX training_batches_venue ON training_batches (venue_id);

CREATE TABLE training_sessions (
    id             INTEGER PRIMARY KEY,
    batch_id       INTEGER NOT NULL REFERENCES training_batches (id) ON DELETE CASCADE,
    booking_id     INTEGER NOT NULL UNIQUE REFERENCES bookings (id),
    subject        TEXT NOT NULL,
    lecturer_id    INTEGER REFERENCES people (id),   -- a person in the registry (专家) …
    lecturer_name  TEXT,                             -- … or just a name
    status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX training_sessions_batch ON training_sessions (batch_id);
CREATE INDEX training_sessions_lecturer ON training_sessions (lecturer_id);

CREATE TABLE enrolments (
    batch_id      INTEGER NOT NULL REFERENCES training_batches (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    status        TEXT NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn')),
    -- The waitlist's order (the time of joining it, then this).
    queued_at     TEXT NOT NULL,
    -- Kept by automatic assignment.
    pinned        INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    changed_at    TEXT NOT NULL,
    PRIMARY KEY (batch_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX enrolments_person ON enrolments (person_id, status);

CREATE TABLE attendance (
    session_id  INTEGER NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    -- present; leave = absent with leave (请假); absent
    status      TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent')),
    method      TEXT NOT NULL CHECK (method IN ('scan', 'tick')),
    marked_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX attendance_person ON attendance (person_id);

INSERT INTO settings (key, value) VALUES ('completion_percent', '80');
