-- Operators' writes (issue 16): runners asked to go (drained, or killed with force), pools' run-time overrides (a set
-- value wins over the file until cleared), and every such write with who made it (the token's name).
CREATE TABLE runner_removals (
    instance     TEXT    PRIMARY KEY,
    force        INTEGER NOT NULL,
    requested_by TEXT    NOT NULL,
    requested_at INTEGER NOT NULL
);

CREATE TABLE pool_overrides (
    pool        TEXT    PRIMARY KEY,
    enabled     INTEGER,
    min_idle    INTEGER,
    max_runners INTEGER,
    set_by      TEXT    NOT NULL,
    set_at      INTEGER NOT NULL
);

CREATE TABLE operator_actions (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    actor    TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    pool     TEXT,
    instance TEXT,
    job      TEXT,
    detail   TEXT    NOT NULL
);
CREATE INDEX ix_operator_actions_pool ON operator_actions (pool, id);
CREATE INDEX ix_operator_actions_instance ON operator_actions (instance, id);
