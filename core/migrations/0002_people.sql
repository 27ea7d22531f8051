-- People (人员): one registry for staff (机关干部) and deputies (人大代表).

CREATE TABLE people (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('staff', 'deputy')),
    name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    department          TEXT,           -- staff: 部门
    delegation          TEXT,           -- deputies: 代表团
    professional_group  TEXT CHECK (professional_group IN (
                            '司法监督', '经济发展', '社会建设', '城乡建设与环境保护',
                            '乡村振兴', '预算审计', '教育文化', '卫生健康')),
    card_barcode        TEXT UNIQUE,    -- 借书证号; several people may have none
    phone               TEXT,
    note                TEXT,
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- Search keys written with the name: ' zhangsan zs ' (every reading of
    -- a polyphone, full pinyin and initials), matched by prefix.
    name_keys           TEXT NOT NULL,
    -- Full pinyin of the name, for sorting names the way Chinese readers expect.
    sort_key            TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (kind = 'deputy' OR professional_group IS NULL)
) STRICT;

CREATE INDEX people_sort ON people (active, sort_key);
CREATE INDEX people_department ON people (department) WHERE department IS NOT NULL;
CREATE INDEX people_group ON people (professional_group) WHERE professional_group IS NOT NULL;
