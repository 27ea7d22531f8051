-- The audit log every write appends to, and small key/value settings.

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,              -- UTC RFC 3339
    actor_kind  TEXT NOT NULL,              -- cli | desktop | system | operator
    actor_id    INTEGER,                    -- the operator, when one is logged in
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,              -- create | update | deactivate | import | restore …
    entity      TEXT NOT NULL,              -- person | title | loan …
    entity_id   INTEGER,
    summary     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
