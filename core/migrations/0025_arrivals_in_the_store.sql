-- A catalogued title answers the readers' suggestions it matches
-- (catalog::store::arrivals::suggestions_arrive), run by the catalogue store
-- for each batch of new titles as it indexes them, no longer by a trigger:
-- the trigger ran a program of its own for every row an import wrote, half
-- of the time the rows themselves took. What arrives is the same: each open
-- suggestion arrives with the first new title matching it, a book with a
-- hold for its reader.
DROP TRIGGER suggestions_arrive;
