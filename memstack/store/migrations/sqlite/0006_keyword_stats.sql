-- Keyword statistics per tenant (the first scope segment): how many keyword rows
-- and how many tokens (own terms, context terms and the 8 scope-filter terms).
-- BM25 ranks with these and with document frequencies counted inside the
-- tenant, so that what one tenant stores never changes another tenant's scores
-- (FTS5's own statistics are global to the file). Kept in step by every write
-- of the keyword index; the row of a tenant with no memories left is deleted.
CREATE TABLE keyword_stats (
    tenant TEXT PRIMARY KEY,
    rows   INTEGER NOT NULL,
    length INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO keyword_stats (tenant, rows, length)
SELECT substr(m.scope, 1, instr(m.scope || '/', '/') - 1), count(*),
       sum(
           CASE WHEN coalesce(f.terms, '') = '' THEN 0
                ELSE length(f.terms) - length(replace(f.terms, ' ', '')) + 1 END
           + CASE WHEN coalesce(f.context, '') = '' THEN 0
                  ELSE length(f.context) - length(replace(f.context, ' ', '')) + 1 END
           + 8
       )
FROM memories m JOIN memories_fts f ON f.rowid = m.rowid
GROUP BY 1;
