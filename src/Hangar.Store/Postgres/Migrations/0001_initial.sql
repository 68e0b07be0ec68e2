-- PostgreSQL's own numbering: these files never share numbers with the SQLite migrations, whose history they do not
-- repeat. This one is the schema as SQLite's 0001-0003 left it.
-- Times are timestamptz to the millisecond (the store truncates, as SQLite's Unix milliseconds do). Columns that order
-- a list, or whose values are compared, use the "C" collation: pages come out in ordinal order whatever the
-- database's locale, exactly as on SQLite.

CREATE TABLE jobs (
    forge             text COLLATE "C" NOT NULL,
    id                bigint           NOT NULL,
    -- Gitea and Forgejo re-run a job under the same id: each attempt is its own job (JobKey). 0 on GitHub.
    attempt           bigint           NOT NULL DEFAULT 0,
    -- JobStatus's numeric value: its order is the only order a job may move in.
    status            integer          NOT NULL,
    repository        text             NOT NULL,
    owner             text,
    enterprise        text,
    labels            text[]           NOT NULL DEFAULT '{}',
    run_id            bigint,
    name              text,
    pool              text COLLATE "C",
    unroutable_reason text,
    runner_name       text COLLATE "C",
    runner_id         bigint,
    conclusion        text,
    received_at       timestamptz      NOT NULL,
    queued_at         timestamptz      NOT NULL,
    started_at        timestamptz,
    completed_at      timestamptz,
    updated_at        timestamptz      NOT NULL,
    PRIMARY KEY (forge, id, attempt)
);

-- Lists are paged by keyset in (queued_at, id, forge, attempt) order, forwards or backwards, read straight from here.
CREATE INDEX ix_jobs_queued_key ON jobs (queued_at, id, forge, attempt);
CREATE INDEX ix_jobs_status_queued ON jobs (status, queued_at, id);
-- A hash index: a runner name comes from the forge and has no length limit a B-tree entry could hold.
CREATE INDEX ix_jobs_runner_name ON jobs USING hash (runner_name) WHERE runner_name IS NOT NULL;
CREATE INDEX ix_jobs_pool_status ON jobs (pool, status) WHERE pool IS NOT NULL;
CREATE INDEX ix_jobs_updated ON jobs (updated_at);

-- Keyed by the id's SHA-256: a delivery id is whatever the sender put in a header, of any length; the id itself is
-- kept for people reading the table.
CREATE TABLE deliveries (
    id_hash     bytea       NOT NULL PRIMARY KEY,
    delivery_id text        NOT NULL,
    received_at timestamptz NOT NULL
);

CREATE INDEX ix_deliveries_received ON deliveries (received_at);

CREATE TABLE instances (
    name             text COLLATE "C" NOT NULL PRIMARY KEY,
    pool             text COLLATE "C" NOT NULL,
    provider         text COLLATE "C" NOT NULL,
    -- InstanceState's name rather than its number, so reordering the enum cannot corrupt stored rows.
    state            text             NOT NULL,
    created_at       timestamptz      NOT NULL,
    state_changed_at timestamptz      NOT NULL,
    provider_id      text,
    forge_runner_id  bigint,
    job_id           bigint,
    attempts         integer          NOT NULL DEFAULT 0,
    last_reason      text,
    last_error       text
);

-- Instances are paged by (created_at, name), neither of which ever changes.
CREATE INDEX ix_instances_created_name ON instances (created_at, name);
-- Instances holding an error (creates that gave up, failed destroys): few among many, and listed on their own.
CREATE INDEX ix_instances_failed_created_name ON instances (created_at, name) WHERE last_error IS NOT NULL;
CREATE INDEX ix_instances_state_created ON instances (state, created_at);
CREATE INDEX ix_instances_pool_state ON instances (pool, state);
CREATE INDEX ix_instances_provider ON instances (provider);

CREATE TABLE instance_transitions (
    -- The order of writing: a move's row is written while its instance's row is locked, so one instance's moves get
    -- increasing ids even when two of them share a millisecond.
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance   text COLLATE "C" NOT NULL REFERENCES instances (name) ON DELETE CASCADE,
    from_state text,
    to_state   text             NOT NULL,
    at         timestamptz      NOT NULL,
    reason     text             NOT NULL
);

CREATE INDEX ix_instance_transitions_instance ON instance_transitions (instance, id);

CREATE TABLE settings (
    key   text NOT NULL PRIMARY KEY,
    value text NOT NULL
);
