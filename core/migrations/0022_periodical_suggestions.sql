-- 荐购 of a periodical as well as a book: a reader may ask the reading room
-- to subscribe to a newspaper or magazine; the accepted ones join next
-- year's 征订单 as new subscriptions to be made.
ALTER TABLE suggestions ADD COLUMN kind TEXT NOT NULL DEFAULT 'book'
    CHECK (kind IN ('book', 'periodical'));

CREATE INDEX suggestions_kind ON suggestions (kind, status);
