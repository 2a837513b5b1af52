-- Memory metadata: the caller's JSON object (memstack.models.metadata), compact
-- key-sorted JSON text, NULL when empty. Filters read it with json_each, so no
-- index is needed for the scope-bounded queries that use them. A proposal
-- carries the metadata (and the valid_from) its memory gets when approved.
ALTER TABLE memories ADD COLUMN metadata TEXT;
ALTER TABLE proposals ADD COLUMN metadata TEXT;
ALTER TABLE proposals ADD COLUMN valid_from REAL;
