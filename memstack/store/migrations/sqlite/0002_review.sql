-- The review queue (proposals), review policies and the extraction log.
-- Times are seconds since the epoch (UTC) as REAL, like 0001.

-- A suggested change (AI proposes, a human approves). ``text`` is exactly what
-- was proposed and never changes; an edit at approval goes into the new record
-- and the approval event. Secrets are refused before anything reaches this table.
CREATE TABLE proposals (
    id           TEXT PRIMARY KEY,
    scope        TEXT NOT NULL,
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
    created_at   REAL NOT NULL,
    expires_at   REAL,
    reviewed_at  REAL,
    reviewer     TEXT,
    reason       TEXT,
    result_id    TEXT
);
CREATE INDEX proposals_state ON proposals (state, scope, created_at);
CREATE INDEX proposals_due ON proposals (expires_at) WHERE state = 'pending';
CREATE INDEX proposals_target ON proposals (target) WHERE target IS NOT NULL;

-- Review policies are data: one row per (scope prefix, kind); '*' means any.
CREATE TABLE policies (
    scope_prefix TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('*', 'rule', 'fact', 'episode')),
    mode         TEXT NOT NULL CHECK (mode IN ('human', 'auto', 'deny')),
    updated_at   REAL NOT NULL,
    author       TEXT,
    PRIMARY KEY (scope_prefix, kind)
) WITHOUT ROWID;

-- One row per extractor run: status, the model's raw answer, usage and cost,
-- and the ids of the proposals it produced (JSON array).
CREATE TABLE extractions (
    id            TEXT PRIMARY KEY,
    scope         TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    reason        TEXT,
    raw           TEXT,
    model         TEXT,
    input_tokens  INTEGER,
    output_tokens INTEGER,
    cost_usd      REAL,
    created_at    REAL NOT NULL,
    proposals     TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX extractions_scope ON extractions (scope, created_at);

-- Review events name their proposal in detail.proposal; this finds them.
CREATE INDEX events_proposal ON events (json_extract(detail, '$.proposal'));
