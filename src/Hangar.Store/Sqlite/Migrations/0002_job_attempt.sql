-- Gitea and Forgejo re-run a job under the same id: each attempt is its own job to Hangar (JobKey), so the attempt
-- joins the primary key. SQLite cannot change a primary key in place: the table is rebuilt and its indexes recreated.
-- Rows from before keep attempt 0, which is what GitHub jobs (one id per attempt) always have.

CREATE TABLE jobs_with_attempt (
    forge             TEXT    NOT NULL,
    id                INTEGER NOT NULL,
    attempt           INTEGER NOT NULL DEFAULT 0,
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
    PRIMARY KEY (forge, id, attempt)
);

INSERT INTO jobs_with_attempt (
    forge, id, attempt, status, repository, owner, enterprise, labels, run_id, name, pool, unroutable_reason,
    runner_name, runner_id, conclusion, received_at, queued_at, started_at, completed_at, updated_at)
SELECT
    forge, id, 0, status, repository, owner, enterprise, labels, run_id, name, pool, unroutable_reason,
    runner_name, runner_id, conclusion, received_at, queued_at, started_at, completed_at, updated_at
FROM jobs;

DROP TABLE jobs;
ALTER TABLE jobs_with_attempt RENAME TO jobs;

CREATE INDEX ix_jobs_status_queued ON jobs (status, queued_at, id);
CREATE INDEX ix_jobs_runner_name ON jobs (runner_name) WHERE runner_name IS NOT NULL;
CREATE INDEX ix_jobs_pool_status ON jobs (pool, status) WHERE pool IS NOT NULL;
CREATE INDEX ix_jobs_updated ON jobs (updated_at);
