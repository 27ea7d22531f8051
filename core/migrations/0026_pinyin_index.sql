-- Pinyin and initials get a trigram index of their own, holding them with
-- every printable ASCII character in full width (the store's fullwidth()):
-- never 'rebuild' it, which would read them from titles as they are. The
-- trigram index over a title's words keeps the rest. What a search finds is
-- the same: a word of three or more characters matches a title that holds
-- it in any of these columns; the store asks both indexes.
--
-- Why: SQLite's full-text index gathers new entries in a hash table whose
-- hash of three ASCII letters takes about sixteen thousand values, so the
-- pinyin's trigrams — two thirds of a title's — queued five deep on every
-- lookup; in full width they spread like Chinese characters do. Pinyin is
-- written and asked in lower case, so its index folds no case. Neither
-- index keeps the per-row column sizes (columnsize=0): nothing ranks by
-- them. An import of real titles writes its search index about twice as
-- fast.
DROP TABLE titles_fts;

CREATE VIRTUAL TABLE titles_fts USING fts5 (
    title, subtitle, authors, publisher, subjects, clc, call_number,
    content = 'titles', content_rowid = 'id', tokenize = 'trigram', columnsize = 0
);
INSERT INTO titles_fts (titles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO titles_fts (rowid, title, subtitle, authors, publisher, subjects, clc, call_number)
    SELECT id, title, subtitle, authors, publisher, subjects, clc, call_number FROM titles;

CREATE VIRTUAL TABLE titles_pinyin USING fts5 (
    pinyin, initials,
    content = 'titles', content_rowid = 'id', tokenize = 'trigram case_sensitive 1',
    columnsize = 0
);
INSERT INTO titles_pinyin (titles_pinyin, rank) VALUES ('hashsize', 8388608);
INSERT INTO titles_pinyin (rowid, pinyin, initials)
    SELECT id, fullwidth(pinyin), fullwidth(initials) FROM titles;
