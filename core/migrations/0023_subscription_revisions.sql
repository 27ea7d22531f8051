-- Every edit carries the revision it was based on (DESIGN.md, "Who may do
-- and see what"): a subscription edited in two places at once is refused
-- the second time, as titles, people and sessions are.

ALTER TABLE subscriptions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- A catalogued title answers the suggestions of its own kind only: a
-- periodical's title (made by a subscription, source 订阅) the periodical
-- suggestions, and puts nobody in a hold queue; any other title the book
-- suggestions, with the hold as before. (0022 matched either kind to
-- either title.)
DROP TRIGGER suggestions_arrive;

CREATE TRIGGER suggestions_arrive AFTER INSERT ON titles
BEGIN
    INSERT INTO holds (title_id, person_id, placed_at)
    SELECT DISTINCT NEW.id, s.person_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
      FROM suggestions s
      JOIN people p ON p.id = s.person_id AND p.active = 1
     WHERE s.status IN ('submitted', 'accepted')
       AND s.kind = 'book'
       AND coalesce(NEW.source, '') <> '订阅'
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
       AND kind = CASE WHEN coalesce(NEW.source, '') = '订阅' THEN 'periodical' ELSE 'book' END
       AND ((isbn IS NOT NULL AND isbn = NEW.isbn)
            OR (substr(NEW.match_key, 1, length(match_title) + 1) = match_title || '|'
                AND (match_author = ''
                     OR instr(substr(NEW.match_key, length(match_title) + 2), match_author) > 0)));
END;
