-- API keys of the server (memstack keys create|list|revoke).
-- Only a hash of each secret is stored; times are seconds since the epoch (UTC) as REAL.
-- No memory text lives here: a key names a tenant and a role, not a person's data.
CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    tenant      TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('reader', 'writer', 'reviewer', 'admin')),
    secret_hash TEXT NOT NULL UNIQUE,
    prefix      TEXT NOT NULL,
    name        TEXT,
    created_at  REAL NOT NULL,
    revoked_at  REAL
);
CREATE INDEX api_keys_tenant ON api_keys (tenant, created_at);
