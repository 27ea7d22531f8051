-- A reader's PIN for the intranet pages (读者查询), set by the librarian and
-- hashed with argon2id; wrong PINs are counted in a 15-minute window, and
-- the sixth in one window is refused without being checked.

CREATE TABLE reader_pins (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
    pin_hash          TEXT NOT NULL,             -- argon2id, PHC string
    set_at            TEXT NOT NULL,             -- UTC RFC 3339
    failures          INTEGER NOT NULL DEFAULT 0,
    first_failure_at  TEXT                       -- UTC RFC 3339, start of the window
) STRICT;
