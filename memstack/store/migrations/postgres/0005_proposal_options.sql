-- A proposal's pin, importance and expiry for its memory, as in SQLite's 0010.
ALTER TABLE proposals ADD COLUMN pinned BOOLEAN;
ALTER TABLE proposals ADD COLUMN importance DOUBLE PRECISION;
ALTER TABLE proposals ADD COLUMN memory_expires_at DOUBLE PRECISION;
