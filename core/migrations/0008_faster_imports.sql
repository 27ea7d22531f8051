-- A copy's status check written as comparisons instead of `IN (…)`: SQLite
-- builds a temporary table for an IN list at every insert, which made adding
-- copies (a catalogue import adds thousands) several times slower than it
-- need be. The rule is the same, so every stored row still satisfies it and
-- the table's text can be edited in place, as SQLite's documentation allows
-- for a changed CHECK constraint. RESET turns editing off again and makes
-- this connection re-read the schema; the schema version is raised after
-- this migration (see schema.rs) so other connections re-read it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql,
       'CHECK (status IN (''on_shelf'', ''on_loan'', ''repair'', ''lost'', ''withdrawn''))',
       'CHECK (status = ''on_shelf'' OR status = ''on_loan'' OR status = ''repair''
                        OR status = ''lost'' OR status = ''withdrawn'')')
 WHERE type = 'table' AND name = 'copies';
PRAGMA writable_schema = RESET;

-- The full-text indexes gather new entries in memory up to this size before
-- writing them out (SQLite's default is 1 MB). An import of 60,000 titles
-- then writes its index in a few large pieces instead of merging dozens of
-- small ones, about a third less work; an ordinary edit uses a few KB.
INSERT INTO titles_fts (titles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO titles_chars (titles_chars, rank) VALUES ('hashsize', 8388608);
