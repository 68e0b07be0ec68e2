-- API tokens made through the API (issue 11). Only the SHA-256 of a token's secret is kept; the id is public and
-- finds the row, and the hash is then compared in constant time by the server. Revoked rows stay, so a listing shows
-- what existed and when it stopped. Oldest first is the listing order, hence the index.
CREATE TABLE api_tokens (
    id           text        NOT NULL PRIMARY KEY,
    name         text        NOT NULL,
    scope        text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX ix_api_tokens_created ON api_tokens (created_at, id);
