-- Failed sign-ins, for throttling (throttle.rs): kept in the database, not in memory, so a
-- restart does not forget them and several servers on one PostgreSQL database count them
-- together. One row per failure per key: `kind` is 'account' (the 工号 tried) or 'address'
-- (the client's address), so a successful sign-in can clear the account's rows and leave the
-- address's. Rows older than the window are deleted as new failures come in.

CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (kind, key, at_ms);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at_ms);
