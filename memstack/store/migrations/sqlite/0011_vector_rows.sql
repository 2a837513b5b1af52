-- Vectors move from a WITHOUT ROWID table into an ordinary (rowid) table.
-- A WITHOUT ROWID table keeps at most about a quarter of a page of each row in
-- the B-tree: a 384-dimension float32 vector (1,536 bytes) spilled into an
-- overflow page of its own, mostly empty. At 100k memories the table took 480 MB
-- (313 MB of it unused) and loading a scope read two pages per vector. In a rowid
-- table the whole row fits in its leaf: about 1.6 kB per vector.
-- Same columns and meaning; (memory, embedder) stays unique. The change-log
-- triggers go with the old table and are created again.
CREATE TABLE vectors_rows (
    memory   INTEGER NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    embedder TEXT NOT NULL,
    dim      INTEGER NOT NULL,
    vec      BLOB NOT NULL,
    UNIQUE (memory, embedder)
);
INSERT INTO vectors_rows (memory, embedder, dim, vec)
    SELECT memory, embedder, dim, vec FROM vectors ORDER BY memory, embedder;
DROP TABLE vectors;
ALTER TABLE vectors_rows RENAME TO vectors;
CREATE INDEX vectors_embedder ON vectors (embedder);

CREATE TRIGGER vectors_put AFTER INSERT ON vectors BEGIN
    INSERT INTO changes (memory, what) VALUES (new.memory, 'vector');
END;
CREATE TRIGGER vectors_update AFTER UPDATE ON vectors BEGIN
    INSERT INTO changes (memory, what) VALUES (new.memory, 'vector');
END;
CREATE TRIGGER vectors_delete AFTER DELETE ON vectors BEGIN
    INSERT INTO changes (memory, what) VALUES (old.memory, 'vector');
END;
