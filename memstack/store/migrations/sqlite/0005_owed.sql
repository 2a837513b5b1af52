-- Physical erasure that is still owed. An erasure commits its deletions, then
-- makes them physical outside the transaction (WAL checkpoint, freeing pages).
-- The row is written in the erasing transaction and removed once compaction
-- completes, so a crash or a busy reader in between never lets the debt be
-- forgotten: the store finishes it at its next open or write.
CREATE TABLE owed_compaction (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    since    REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    reason   TEXT
);
