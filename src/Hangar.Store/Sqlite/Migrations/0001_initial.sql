-- Times are Unix milliseconds (INTEGER) so they compare and index as numbers.
-- SQLite TEXT has no length limit: tokens, ids and reasons are opaque and may be long.

CREATE TABLE jobs (
    forge             TEXT    NOT NULL,
    id                INTEGER NOT NULL,
    -- JobStatus's numeric value: its order is the only order a job may move in.
    status            INTEGER NOT NULL,
    repository        TEXT    NOT NULL,
    owner             TEXT,
    enterprise        TEXT,
    labels            TEXT    NOT NULL DEFAULT '[]',
    run_id            INTEGER,
    name              TEXT,
    pool              TEXT,
    unroutable_reason TEXT,
    runner_name       TEXT,
    runner_id         INTEGER,
    conclusion        TEXT,
    received_at       INTEGER NOT NULL,
    queued_at         INTEGER NOT NULL,
    started_at        INTEGER,
    completed_at      INTEGER,
    updated_at        INTEGER NOT NULL,
    PRIMARY KEY (forge, id)
);

CREATE INDEX ix_jobs_status_queued ON jobs (status, queued_at, id);
CREATE INDEX ix_jobs_runner_name ON jobs (runner_name) WHERE runner_name IS NOT NULL;
CREATE INDEX ix_jobs_pool_status ON jobs (pool, status) WHERE pool IS NOT NULL;
CREATE INDEX ix_jobs_updated ON jobs (updated_at);

CREATE TABLE deliveries (
    delivery_id TEXT    NOT NULL PRIMARY KEY,
    received_at INTEGER NOT NULL
);

CREATE INDEX ix_deliveries_received ON deliveries (received_at);

CREATE TABLE instances (
    name             TEXT    NOT NULL PRIMARY KEY,
    pool             TEXT    NOT NULL,
    provider         TEXT    NOT NULL,
    -- InstanceState's name rather than its number, so reordering the enum cannot corrupt stored rows.
    state            TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    state_changed_at INTEGER NOT NULL,
    provider_id      TEXT,
    forge_runner_id  INTEGER,
    job_id           INTEGER,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_reason      TEXT,
    last_error       TEXT
);

CREATE INDEX ix_instances_state_created ON instances (state, created_at);
CREATE INDEX ix_instances_pool_state ON instances (pool, state);
CREATE INDEX ix_instances_provider ON instances (provider);

CREATE TABLE instance_transitions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    instance   TEXT    NOT NULL REFERENCES instances (name) ON DELETE CASCADE,
    from_state TEXT,
    to_state   TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    reason     TEXT    NOT NULL
);

CREATE INDEX ix_instance_transitions_instance ON instance_transitions (instance, id);

CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
