-- Keyword statistics per tenant, in 16 stripes. A search ranks with BM25 over its
-- tenant's collection statistics (rows, total length, documents per term); summed
-- from the per-scope tables, that read grows with the tenant's scopes (10,000
-- scopes: 10,000 rows per query term). These tables hold the same sums per tenant,
-- split into 16 stripes by a hash of the scope, updated in the write transaction
-- with the per-scope rows: a search reads at most 16 rows per term, and two writers
-- wait for each other only when their scopes fall into the same stripe.
-- kw_stripe is the one definition of a scope's stripe (sha256: stable across
-- PostgreSQL versions and allowed in FIPS mode); writers and this backfill use it.
CREATE FUNCTION kw_stripe(scope TEXT) RETURNS SMALLINT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT (get_byte(sha256(convert_to(scope, 'UTF8')), 0) % 16)::SMALLINT $$;

CREATE TABLE kw_tenant (
    tenant TEXT COLLATE "C" NOT NULL,
    stripe SMALLINT NOT NULL,
    rows   BIGINT NOT NULL,
    length BIGINT NOT NULL,
    PRIMARY KEY (tenant, stripe)
);
CREATE TABLE kw_tenant_df (
    tenant   TEXT COLLATE "C" NOT NULL,
    term     TEXT COLLATE "C" NOT NULL,
    stripe   SMALLINT NOT NULL,
    own      BIGINT NOT NULL,
    anywhere BIGINT NOT NULL,
    PRIMARY KEY (tenant, term, stripe)
);
-- Terms are people's words: no sampled values in pg_statistic (see 0001).
ALTER TABLE kw_tenant_df ALTER COLUMN term SET STATISTICS 0;

INSERT INTO kw_tenant (tenant, stripe, rows, length)
SELECT split_part(scope, '/', 1), kw_stripe(scope), sum(rows), sum(length)
FROM kw_stats GROUP BY 1, 2;

INSERT INTO kw_tenant_df (tenant, term, stripe, own, anywhere)
SELECT split_part(scope, '/', 1), term, kw_stripe(scope), sum(own), sum(anywhere)
FROM kw_df GROUP BY 1, 2, 3;
