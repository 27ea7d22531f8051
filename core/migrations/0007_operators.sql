-- Operators (操作员) and their roles. Login is off while there is no active
-- administrator; once there is one, the window asks everyone to log in.

CREATE TABLE operators (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
    role             TEXT NOT NULL CHECK (role IN ('admin', 'librarian', 'organizer', 'viewer')),
    password_hash    TEXT NOT NULL,              -- argon2id, PHC string
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT,                       -- UTC RFC 3339
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
