-- A title's other form (其他题名): the romanised title of a Chinese or
-- Japanese book whose own script Library of Congress records carry in 880,
-- or a parallel title. Searchable through the title's pinyin key.

ALTER TABLE titles ADD COLUMN alt_title TEXT;
