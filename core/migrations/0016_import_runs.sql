-- What each import brought, so a mistaken one can be undone as one action
-- (撤销这次导入) while nothing it brought has been lent, held or edited
-- since. The rows an import makes are written by the one writer in one
-- transaction: they are the ids between what was there before and after,
-- with the import's instant as their created_at. People an import updated
-- keep their fields as they were.

CREATE TABLE import_runs (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('books', 'people')),
    file_name     TEXT NOT NULL,
    at            TEXT NOT NULL,          -- UTC RFC 3339: the created_at of every row it made
    actor_name    TEXT NOT NULL,
    inserted      INTEGER NOT NULL,
    updated       INTEGER NOT NULL,
    first_title   INTEGER,
    last_title    INTEGER,
    first_copy    INTEGER,
    last_copy     INTEGER,
    first_person  INTEGER,
    last_person   INTEGER,
    undone_at     TEXT
) STRICT;

CREATE TABLE import_people_before (
    run_id     INTEGER NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,          -- the person's revision the import left
    fields     TEXT NOT NULL,             -- JSON: the fields as they were
    PRIMARY KEY (run_id, person_id)
) STRICT;

CREATE INDEX import_people_before_person ON import_people_before (person_id);
