-- API tokens made through the API (issue 11). Only the SHA-256 of a token's secret is kept; the id is public and
-- finds the row, and the hash is then compared in constant time by the server. Revoked rows stay, so a listing shows
-- what existed and when it stopped. Oldest first is the listing order, hence the index.
CREATE TABLE api_tokens (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    scope        TEXT    NOT NULL,
    secret_hash  BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX ix_api_tokens_created ON api_tokens (created_at, id);
