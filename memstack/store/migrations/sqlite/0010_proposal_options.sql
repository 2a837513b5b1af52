-- What a proposal's memory gets besides its text: its pin, importance and expiry,
-- as the proposer asked (a writer key's add through the API, a tool). NULL: the
-- defaults for an add, the target's values for an update or supersede.
ALTER TABLE proposals ADD COLUMN pinned INTEGER;
ALTER TABLE proposals ADD COLUMN importance REAL;
ALTER TABLE proposals ADD COLUMN memory_expires_at REAL;
