-- API keys of the server (memstack keys create|list|revoke), as in SQLite's 0007.
-- Only a hash of each secret is stored; no memory text lives here.
CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    tenant      TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('reader', 'writer', 'reviewer', 'admin')),
    secret_hash TEXT NOT NULL UNIQUE,
    prefix      TEXT NOT NULL,
    name        TEXT,
    created_at  DOUBLE PRECISION NOT NULL,
    revoked_at  DOUBLE PRECISION
);
CREATE INDEX api_keys_tenant ON api_keys (tenant, created_at);
