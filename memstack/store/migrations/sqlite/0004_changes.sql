-- The change log: which memory rows changed, in commit order, so that every
-- process keeping search blocks in memory can bring them up to date by reading
-- only what changed since the last sequence number it saw (instead of dropping
-- every block when another process writes). It holds row numbers and the kind
-- of change, never text or scope names, and is pruned as it grows.
CREATE TABLE changes (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    memory INTEGER,
    what   TEXT NOT NULL CHECK (what IN ('put', 'update', 'delete', 'vector', 'erase'))
);

CREATE TRIGGER memories_put AFTER INSERT ON memories BEGIN
    INSERT INTO changes (memory, what) VALUES (new.rowid, 'put');
END;
CREATE TRIGGER memories_update AFTER UPDATE ON memories BEGIN
    INSERT INTO changes (memory, what) VALUES (new.rowid, 'update');
END;
CREATE TRIGGER memories_delete AFTER DELETE ON memories BEGIN
    INSERT INTO changes (memory, what) VALUES (old.rowid, 'delete');
END;
CREATE TRIGGER vectors_put AFTER INSERT ON vectors BEGIN
    INSERT INTO changes (memory, what) VALUES (new.memory, 'vector');
END;
CREATE TRIGGER vectors_update AFTER UPDATE ON vectors BEGIN
    INSERT INTO changes (memory, what) VALUES (new.memory, 'vector');
END;
CREATE TRIGGER vectors_delete AFTER DELETE ON vectors BEGIN
    INSERT INTO changes (memory, what) VALUES (old.memory, 'vector');
END;
