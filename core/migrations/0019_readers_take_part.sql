-- Readers take part: they sign up for sessions and batches opened for it,
-- offer to share a book, ask for leave, write reading notes and suggest
-- purchases; staff decide each in one inbox. Reading lists are staff's.

-- A reading-share session or a training batch opened for sign-up: until a
-- date (inclusive, office-local), within the session's or batch's capacity.
ALTER TABLE share_sessions ADD COLUMN signup_open INTEGER NOT NULL DEFAULT 0
    CHECK (signup_open IN (0, 1));
ALTER TABLE share_sessions ADD COLUMN signup_until TEXT;
ALTER TABLE training_batches ADD COLUMN signup_open INTEGER NOT NULL DEFAULT 0
    CHECK (signup_open IN (0, 1));
ALTER TABLE training_batches ADD COLUMN signup_until TEXT;

-- A reader's own sign-up is an invitation (or an enrolment) like the
-- organizer's, marked as theirs; moved_up_at says when a waitlisted one
-- got a place (the reader's message).
ALTER TABLE share_invitations ADD COLUMN signed_up_at TEXT;
ALTER TABLE share_invitations ADD COLUMN moved_up_at TEXT;
ALTER TABLE enrolments ADD COLUMN signed_up_at TEXT;
ALTER TABLE enrolments ADD COLUMN moved_up_at TEXT;

-- Readers waiting for a place at a full reading-share session, in order.
CREATE TABLE share_waitlist (
    session_id  INTEGER NOT NULL REFERENCES share_sessions (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    queued_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX share_waitlist_person ON share_waitlist (person_id);

-- 我要分享: a book and a topic offered for a coming session.
CREATE TABLE share_offers (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES share_sessions (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    title_id    INTEGER REFERENCES titles (id) ON DELETE SET NULL,
    topic       TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    reason      TEXT,
    created_at  TEXT NOT NULL,
    decided_at  TEXT
) STRICT;

CREATE INDEX share_offers_status ON share_offers (status, created_at);
CREATE INDEX share_offers_person ON share_offers (person_id);
CREATE INDEX share_offers_session ON share_offers (session_id);
CREATE INDEX share_offers_title ON share_offers (title_id);

-- 请假: an enrolled trainee's request for leave from one session.
CREATE TABLE leave_requests (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'refused', 'withdrawn')),
    answer      TEXT,
    created_at  TEXT NOT NULL,
    decided_at  TEXT
) STRICT;

CREATE INDEX leave_requests_status ON leave_requests (status, created_at);
CREATE INDEX leave_requests_person ON leave_requests (person_id);
CREATE INDEX leave_requests_session ON leave_requests (session_id);
CREATE UNIQUE INDEX leave_requests_open ON leave_requests (session_id, person_id)
    WHERE status IN ('pending', 'approved');

-- 读书心得: pending until reviewed; published, returned (with a reason) or
-- hidden; a published one may be featured on the readers' home page.
CREATE TABLE reading_notes (
    id          INTEGER PRIMARY KEY,
    title_id    INTEGER NOT NULL REFERENCES titles (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    session_id  INTEGER REFERENCES share_sessions (id) ON DELETE SET NULL,
    body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'published', 'returned', 'hidden')),
    featured    INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    reason      TEXT,
    created_at  TEXT NOT NULL,
    decided_at  TEXT
) STRICT;

CREATE INDEX reading_notes_status ON reading_notes (status, created_at);
CREATE INDEX reading_notes_title ON reading_notes (title_id, status);
CREATE INDEX reading_notes_person ON reading_notes (person_id);
CREATE INDEX reading_notes_session ON reading_notes (session_id);

-- 荐购: submitted → accepted / rejected (reason) → arrived when a matching
-- title is catalogued; held when the reading room already had it.
-- match_title and match_author are the catalogue's match-key parts (folded,
-- letters and digits only), for the arrival trigger below.
CREATE TABLE suggestions (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    author        TEXT,
    publisher     TEXT,
    isbn          TEXT,
    reason        TEXT,
    status        TEXT NOT NULL DEFAULT 'submitted'
                  CHECK (status IN ('submitted', 'accepted', 'rejected', 'arrived', 'held')),
    answer        TEXT,
    title_id      INTEGER REFERENCES titles (id) ON DELETE SET NULL,
    match_title   TEXT NOT NULL,
    match_author  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    decided_at    TEXT,
    arrived_at    TEXT
) STRICT;

CREATE INDEX suggestions_status ON suggestions (status, created_at);
CREATE INDEX suggestions_person ON suggestions (person_id, created_at);
CREATE INDEX suggestions_isbn ON suggestions (isbn) WHERE isbn IS NOT NULL;
CREATE INDEX suggestions_match ON suggestions (match_title);
CREATE INDEX suggestions_title ON suggestions (title_id);

-- A title catalogued by any path (form, spreadsheet, MARC) that a reader
-- suggested and was not refused: the suggestion has arrived, and the
-- reader is put in the title's hold queue (the desk sets a copy aside).
-- Matched by ISBN, or by title and (when given) author as the catalogue
-- folds them.
CREATE TRIGGER suggestions_arrive AFTER INSERT ON titles
BEGIN
    INSERT INTO holds (title_id, person_id, placed_at)
    SELECT DISTINCT NEW.id, s.person_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
      FROM suggestions s
      JOIN people p ON p.id = s.person_id AND p.active = 1
     WHERE s.status IN ('submitted', 'accepted')
       AND ((s.isbn IS NOT NULL AND s.isbn = NEW.isbn)
            OR (substr(NEW.match_key, 1, length(s.match_title) + 1) = s.match_title || '|'
                AND (s.match_author = ''
                     OR instr(substr(NEW.match_key, length(s.match_title) + 2), s.match_author) > 0)))
       AND NOT EXISTS (SELECT 1 FROM holds h
                        WHERE h.title_id = NEW.id AND h.person_id = s.person_id
                          AND h.status IN ('waiting', 'ready'));
    UPDATE suggestions
       SET status = 'arrived', title_id = NEW.id,
           arrived_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
     WHERE status IN ('submitted', 'accepted')
       AND ((isbn IS NOT NULL AND isbn = NEW.isbn)
            OR (substr(NEW.match_key, 1, length(match_title) + 1) = match_title || '|'
                AND (match_author = ''
                     OR instr(substr(NEW.match_key, length(match_title) + 2), match_author) > 0)));
END;

-- 书单: staff's reading lists for a theme, a training topic or a series.
CREATE TABLE reading_lists (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description  TEXT,
    topic_id     INTEGER REFERENCES training_topics (id) ON DELETE SET NULL,
    series_id    INTEGER REFERENCES share_series (id) ON DELETE SET NULL,
    published    INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX reading_lists_topic ON reading_lists (topic_id);
CREATE INDEX reading_lists_series ON reading_lists (series_id);

CREATE TABLE reading_list_items (
    list_id   INTEGER NOT NULL REFERENCES reading_lists (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    title_id  INTEGER NOT NULL REFERENCES titles (id) ON DELETE CASCADE,
    note      TEXT,
    PRIMARY KEY (list_id, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX reading_list_items_title ON reading_list_items (title_id);
