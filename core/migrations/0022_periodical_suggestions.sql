-- 荐购 of a periodical as well as a book: a reader may ask the reading room
-- to subscribe to a newspaper or magazine; the accepted ones join next
-- year's 征订单 as new subscriptions to be made.
ALTER TABLE suggestions ADD COLUMN kind TEXT NOT NULL DEFAULT 'book'
    CHECK (kind IN ('book', 'periodical'));

CREATE INDEX suggestions_kind ON suggestions (kind, status);

-- A suggested periodical arrives when its serial is catalogued (a new
-- subscription), but its reader is put in no hold queue: the issues come
-- to the reading room, not to the desk. Books as before.
DROP TRIGGER suggestions_arrive;

CREATE TRIGGER suggestions_arrive AFTER INSERT ON titles
BEGIN
    INSERT INTO holds (title_id, person_id, placed_at)
    SELECT DISTINCT NEW.id, s.person_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
      FROM suggestions s
      JOIN people p ON p.id = s.person_id AND p.active = 1
     WHERE s.status IN ('submitted', 'accepted')
       AND s.kind = 'book'
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
