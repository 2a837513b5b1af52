-- Records, their keyword index, vectors and the history, in one file.
-- Times are seconds since the epoch (UTC) as REAL: comparable and cheap to filter.
CREATE TABLE memories (
    rowid         INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    scope         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('rule', 'fact', 'episode')),
    text          TEXT NOT NULL,
    topic         TEXT,
    pinned        INTEGER NOT NULL DEFAULT 0,
    importance    REAL NOT NULL DEFAULT 0.5,
    source        TEXT NOT NULL DEFAULT '{}',
    valid_from    REAL NOT NULL,
    valid_to      REAL,
    recorded_at   REAL NOT NULL,
    superseded_by TEXT,
    expires_at    REAL,
    content_hash  TEXT NOT NULL
);
CREATE INDEX memories_scope ON memories (scope, kind, recorded_at);
CREATE INDEX memories_hash ON memories (content_hash);
CREATE INDEX memories_expires ON memories (expires_at) WHERE expires_at IS NOT NULL;

-- Analysed terms (memstack.index.keyword.analyze) of the memory, of its context
-- (e.g. neighbouring conversation turns, ranked with a lower weight) and scope
-- terms, which only filter (bm25 weight 0).
CREATE VIRTUAL TABLE memories_fts USING fts5 (
    terms, context, scopes, tokenize = 'unicode61 remove_diacritics 0'
);

-- Little-endian float32 unit vectors, one row per (record, embedder).
CREATE TABLE vectors (
    memory   INTEGER NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    embedder TEXT NOT NULL,
    dim      INTEGER NOT NULL,
    vec      BLOB NOT NULL,
    PRIMARY KEY (memory, embedder)
) WITHOUT ROWID;
CREATE INDEX vectors_embedder ON vectors (embedder);

-- Append-only history: every change, who and when, text before and after.
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    at          REAL NOT NULL,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    scope       TEXT NOT NULL,
    memory_id   TEXT,
    before      TEXT,
    after       TEXT,
    before_hash TEXT,
    after_hash  TEXT,
    detail      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_memory ON events (memory_id);
CREATE INDEX events_scope ON events (scope, at);
