-- A stocktake keeps how many copies it expects and how many have been seen,
-- instead of counting its items at every scan: with a whole room of 100,000
-- copies in one stocktake, each scan would otherwise read them all twice.
ALTER TABLE stocktakes ADD COLUMN expected_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stocktakes ADD COLUMN seen_count INTEGER NOT NULL DEFAULT 0;

UPDATE stocktakes SET
    expected_count = (SELECT count(*) FROM stocktake_items i
                      WHERE i.stocktake_id = stocktakes.id AND i.expected = 1),
    seen_count = (SELECT count(*) FROM stocktake_items i
                  WHERE i.stocktake_id = stocktakes.id AND i.seen_at IS NOT NULL);
