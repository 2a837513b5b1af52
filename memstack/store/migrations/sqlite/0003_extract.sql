-- The queue of background extraction jobs (memstack worker).
-- Times are seconds since the epoch (UTC) as REAL, like 0001; session_time is
-- ISO 8601 text because its UTC offset matters ("yesterday" is a local day).

-- A row holds the conversation's messages only until a worker has processed
-- it; then it is deleted, whatever the outcome (the extractions log keeps what
-- happened, never the messages).
CREATE TABLE extraction_jobs (
    id           TEXT PRIMARY KEY,
    scope        TEXT NOT NULL,
    messages     TEXT NOT NULL,
    session_time TEXT,
    conversation TEXT,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    created_at   REAL NOT NULL,
    not_before   REAL NOT NULL,
    lease_until  REAL,
    error        TEXT
);
-- The claim query: the oldest pending job that is due, or a running one whose lease ran out.
CREATE INDEX extraction_jobs_due ON extraction_jobs (state, not_before, created_at);
CREATE INDEX extraction_jobs_scope ON extraction_jobs (scope, created_at);
