-- Memory metadata, as in SQLite's 0008: the caller's JSON object, NULL when
-- empty. JSONB, so that filters compare JSON values (1 = 1.0, true <> 1) in SQL.
ALTER TABLE memories ADD COLUMN metadata JSONB;
ALTER TABLE proposals ADD COLUMN metadata JSONB;
ALTER TABLE proposals ADD COLUMN valid_from DOUBLE PRECISION;
