-- The memory switch (memstack scope off|on): memory turned off per scope, for reads
-- and/or writes. A row covers its scope and the scopes below it; no row means on.
-- Holds a scope path and two flags, never memory text.
CREATE TABLE memory_switches (
    scope       TEXT PRIMARY KEY,
    reads_off   INTEGER NOT NULL CHECK (reads_off IN (0, 1)),
    writes_off  INTEGER NOT NULL CHECK (writes_off IN (0, 1)),
    updated_at  REAL NOT NULL,
    author      TEXT
);
