-- Each instance's token (what it presents to the metadata and callback endpoints and the agent): only its SHA-256 is
-- kept. One per instance; a new create attempt replaces it. It goes with its instance (ON DELETE CASCADE), and a move
-- to deleting or deleted removes it in the same transaction.
CREATE TABLE instance_tokens (
    instance   text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES instances (name) ON DELETE CASCADE,
    token_hash bytea            NOT NULL,
    issued_at  timestamptz      NOT NULL,
    expires_at timestamptz      NOT NULL
);
