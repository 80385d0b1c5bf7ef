-- The first schema. One text for SQLite and PostgreSQL: TEXT ids made by the server (no
-- dialect-specific auto-increment), BIGINT for counts, flags and UTC milliseconds,
-- DOUBLE PRECISION for points. Applied in a transaction by sqlx's migrator.

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_ms BIGINT NOT NULL
);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    employee_no TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    team_id TEXT REFERENCES teams (id),
    role TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0,
    password_hash TEXT,
    code_hash TEXT,
    code_expires_ms BIGINT,
    local_upload_ms BIGINT,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);

-- The teams a 班组长 leads (their own 班组, and any an administrator adds).
CREATE TABLE lead_teams (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    team_id TEXT NOT NULL REFERENCES teams (id),
    PRIMARY KEY (account_id, team_id)
);

-- Only a hash of the cookie's token is stored: a copy of the database signs nobody in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Every content version any attempt names is kept, so attempts can always be re-scored.
CREATE TABLE content_versions (
    version TEXT PRIMARY KEY,
    bundle TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);

-- `id` is made by the trainee's browser, one per attempt: a resend is the same row.
CREATE TABLE attempts (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    id TEXT NOT NULL,
    content_version TEXT NOT NULL REFERENCES content_versions (version),
    pack_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    outcome TEXT NOT NULL,
    points DOUBLE PRECISION NOT NULL,
    max_points DOUBLE PRECISION NOT NULL,
    claimed_points DOUBLE PRECISION,
    flagged BIGINT NOT NULL,
    started_ms BIGINT NOT NULL,
    answered_ms BIGINT NOT NULL,
    received_ms BIGINT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX attempts_answered ON attempts (account_id, answered_ms);

CREATE TABLE assignments (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams (id),
    pack_id TEXT NOT NULL,
    due_ms BIGINT NOT NULL,
    created_by TEXT NOT NULL REFERENCES accounts (id),
    created_ms BIGINT NOT NULL
);
CREATE INDEX assignments_team ON assignments (team_id);

-- Refused requests (401, 403, 429): who, from where, what, why.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    account_id TEXT,
    address TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status BIGINT NOT NULL,
    reason TEXT NOT NULL
);
