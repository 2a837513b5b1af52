-- The memory switch (memstack scope off|on), as in SQLite's 0008: memory turned off per
-- scope for reads and/or writes; a row covers its scope and the scopes below it.
CREATE TABLE memory_switches (
    scope       TEXT PRIMARY KEY,
    reads_off   BOOLEAN NOT NULL,
    writes_off  BOOLEAN NOT NULL,
    updated_at  DOUBLE PRECISION NOT NULL,
    author      TEXT
);
