-- The PostgreSQL schema: the same tables as SQLite's migrations 0001-0004 where
-- the data is the same, plus the keyword postings and their statistics (PostgreSQL
-- has no FTS5: memstack analyses text in Python and ranks BM25 from these tables).
-- Times are seconds since the epoch (UTC) as double precision, as in SQLite, so
-- both backends compare and round times the same way. Scope columns use the "C"
-- collation: descendants of 'a/b' are the range ['a/b/', 'a/b0'), which a btree
-- answers, and no LIKE wildcard can leak across tenants.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE memories (
    rowid         BIGSERIAL PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    scope         TEXT COLLATE "C" NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('rule', 'fact', 'episode')),
    text          TEXT NOT NULL,
    topic         TEXT,
    pinned        BOOLEAN NOT NULL DEFAULT FALSE,
    importance    DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    source        TEXT NOT NULL DEFAULT '{}',
    valid_from    DOUBLE PRECISION NOT NULL,
    valid_to      DOUBLE PRECISION,
    recorded_at   DOUBLE PRECISION NOT NULL,
    superseded_by TEXT,
    expires_at    DOUBLE PRECISION,
    content_hash  TEXT NOT NULL
);
CREATE INDEX memories_scope ON memories (scope, kind, recorded_at);
CREATE INDEX memories_hash ON memories (content_hash);
CREATE INDEX memories_superseded_by ON memories (superseded_by) WHERE superseded_by IS NOT NULL;
CREATE INDEX memories_expires ON memories (expires_at) WHERE expires_at IS NOT NULL;

-- Analysed terms (memstack.index.keyword.analyze) of each memory and of its
-- context (neighbouring conversation turns), as SQLite's FTS5 table holds them.
-- len counts every token FTS5 would count: terms, context and the 8 scope terms.
CREATE TABLE keywords (
    memory  BIGINT PRIMARY KEY REFERENCES memories (rowid) ON DELETE CASCADE,
    terms   TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    len     INTEGER NOT NULL
);

-- One row per (scope, term, memory): how often the term occurs in the memory's
-- own terms and in its context. Scope first, so a search reads only its scopes.
CREATE TABLE postings (
    scope  TEXT COLLATE "C" NOT NULL,
    term   TEXT COLLATE "C" NOT NULL,
    memory BIGINT NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    own    INTEGER NOT NULL,
    ctx    INTEGER NOT NULL,
    len    INTEGER NOT NULL,
    PRIMARY KEY (scope, term, memory)
);
CREATE INDEX postings_memory ON postings (memory);

-- Collection statistics kept per scope (so writers to different scopes never
-- wait for each other): rows and total length, and per term the documents
-- holding it in their own terms (own) and in terms or context (anywhere).
-- BM25 sums them over every scope, which gives exactly FTS5's statistics.
CREATE TABLE kw_stats (
    scope  TEXT COLLATE "C" PRIMARY KEY,
    rows   BIGINT NOT NULL,
    length BIGINT NOT NULL
);
CREATE TABLE kw_df (
    scope    TEXT COLLATE "C" NOT NULL,
    term     TEXT COLLATE "C" NOT NULL,
    own      BIGINT NOT NULL,
    anywhere BIGINT NOT NULL,
    PRIMARY KEY (scope, term)
);
CREATE INDEX kw_df_term ON kw_df (term);

-- Unit vectors (pgvector), one row per (record, embedder). The column has no
-- fixed dimension, so several embedders can coexist; an HNSW index, which
-- needs one, is built per embedder as an expression index (see search.py).
CREATE TABLE vectors (
    memory   BIGINT NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    embedder TEXT NOT NULL,
    dim      INTEGER NOT NULL,
    vec      vector NOT NULL,
    PRIMARY KEY (memory, embedder)
);
CREATE INDEX vectors_embedder ON vectors (embedder);

-- Append-only history: every change, who and when, text before and after.
CREATE TABLE events (
    seq         BIGSERIAL PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    at          DOUBLE PRECISION NOT NULL,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    scope       TEXT COLLATE "C" NOT NULL,
    memory_id   TEXT,
    before      TEXT,
    after       TEXT,
    before_hash TEXT,
    after_hash  TEXT,
    detail      JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX events_memory ON events (memory_id);
CREATE INDEX events_scope ON events (scope, at);
CREATE INDEX events_proposal ON events ((detail ->> 'proposal'));
CREATE INDEX events_supersedes ON events ((detail ->> 'supersedes'));

-- The review queue, policies and the extraction log (SQLite's 0002).
CREATE TABLE proposals (
    id           TEXT PRIMARY KEY,
    scope        TEXT COLLATE "C" NOT NULL,
    op           TEXT NOT NULL CHECK (op IN ('add', 'update', 'supersede', 'delete')),
    kind         TEXT NOT NULL CHECK (kind IN ('rule', 'fact', 'episode')),
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'expired')),
    target       TEXT,
    topic        TEXT,
    source       TEXT NOT NULL DEFAULT '{}',
    rationale    TEXT,
    excerpt      TEXT,
    findings     TEXT NOT NULL DEFAULT '[]',
    created_at   DOUBLE PRECISION NOT NULL,
    expires_at   DOUBLE PRECISION,
    reviewed_at  DOUBLE PRECISION,
    reviewer     TEXT,
    reason       TEXT,
    result_id    TEXT
);
CREATE INDEX proposals_state ON proposals (state, scope, created_at);
CREATE INDEX proposals_scope ON proposals (scope, created_at);
CREATE INDEX proposals_due ON proposals (expires_at) WHERE state = 'pending';
CREATE INDEX proposals_target ON proposals (target) WHERE target IS NOT NULL;

CREATE TABLE policies (
    scope_prefix TEXT COLLATE "C" NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('*', 'rule', 'fact', 'episode')),
    mode         TEXT NOT NULL CHECK (mode IN ('human', 'auto', 'deny')),
    updated_at   DOUBLE PRECISION NOT NULL,
    author       TEXT,
    PRIMARY KEY (scope_prefix, kind)
);

CREATE TABLE extractions (
    id            TEXT PRIMARY KEY,
    scope         TEXT COLLATE "C" NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    reason        TEXT,
    raw           TEXT,
    model         TEXT,
    input_tokens  INTEGER,
    output_tokens INTEGER,
    cost_usd      DOUBLE PRECISION,
    created_at    DOUBLE PRECISION NOT NULL,
    proposals     JSONB NOT NULL DEFAULT '[]'
);
CREATE INDEX extractions_scope ON extractions (scope, created_at);

-- Background extraction jobs (SQLite's 0003).
CREATE TABLE extraction_jobs (
    id           TEXT PRIMARY KEY,
    scope        TEXT COLLATE "C" NOT NULL,
    messages     TEXT NOT NULL,
    session_time TEXT,
    conversation TEXT,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    created_at   DOUBLE PRECISION NOT NULL,
    not_before   DOUBLE PRECISION NOT NULL,
    lease_until  DOUBLE PRECISION,
    error        TEXT
);
CREATE INDEX extraction_jobs_due ON extraction_jobs (state, not_before, created_at);
CREATE INDEX extraction_jobs_scope ON extraction_jobs (scope, created_at);

-- Physical erasure still owed: written in the erasing transaction, removed once
-- compaction (VACUUM FULL, CHECKPOINT) completes; a store finishes it when it opens.
CREATE TABLE owed_compaction (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    since    DOUBLE PRECISION NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    reason   TEXT
);

-- Store-wide counters every replica reads at the start of a batch. 'erasures'
-- grows with each forget/gc: a replica that sees it change clears its
-- process-wide stemmer cache, so no word of an erased memory stays in any process.
CREATE TABLE store_state (
    key   TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO store_state VALUES ('erasures', 0);

-- No planner statistics on columns that hold people's text or its terms: ANALYZE
-- samples values into pg_statistic (most common values, histograms), where an
-- erasure cannot reach them (an ANALYZE of an emptied table keeps the old ones).
-- Nothing filters on these columns, so the planner loses nothing it uses.
ALTER TABLE memories ALTER COLUMN text SET STATISTICS 0, ALTER COLUMN topic SET STATISTICS 0,
    ALTER COLUMN source SET STATISTICS 0;
ALTER TABLE keywords ALTER COLUMN terms SET STATISTICS 0, ALTER COLUMN context SET STATISTICS 0;
ALTER TABLE postings ALTER COLUMN term SET STATISTICS 0;
ALTER TABLE kw_df ALTER COLUMN term SET STATISTICS 0;
ALTER TABLE events ALTER COLUMN actor SET STATISTICS 0, ALTER COLUMN before SET STATISTICS 0,
    ALTER COLUMN after SET STATISTICS 0, ALTER COLUMN detail SET STATISTICS 0;
ALTER TABLE proposals ALTER COLUMN text SET STATISTICS 0, ALTER COLUMN topic SET STATISTICS 0,
    ALTER COLUMN source SET STATISTICS 0, ALTER COLUMN rationale SET STATISTICS 0,
    ALTER COLUMN excerpt SET STATISTICS 0, ALTER COLUMN findings SET STATISTICS 0,
    ALTER COLUMN reviewer SET STATISTICS 0, ALTER COLUMN reason SET STATISTICS 0;
ALTER TABLE extractions ALTER COLUMN reason SET STATISTICS 0, ALTER COLUMN raw SET STATISTICS 0;
ALTER TABLE extraction_jobs ALTER COLUMN messages SET STATISTICS 0,
    ALTER COLUMN session_time SET STATISTICS 0, ALTER COLUMN conversation SET STATISTICS 0,
    ALTER COLUMN error SET STATISTICS 0;
ALTER TABLE policies ALTER COLUMN author SET STATISTICS 0;
