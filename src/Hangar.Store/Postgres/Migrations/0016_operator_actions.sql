-- Operators' writes (issue 16): runners asked to go (drained, or killed with force), pools' run-time overrides (a set
-- value wins over the file until cleared), and every such write with who made it (the token's name).
CREATE TABLE runner_removals (
    instance     text        PRIMARY KEY,
    force        boolean     NOT NULL,
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL
);

CREATE TABLE pool_overrides (
    pool        text        PRIMARY KEY,
    enabled     boolean,
    min_idle    integer,
    max_runners integer,
    set_by      text        NOT NULL,
    set_at      timestamptz NOT NULL
);

CREATE TABLE operator_actions (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL,
    actor    text        NOT NULL,
    action   text        NOT NULL,
    pool     text,
    instance text,
    job      text,
    detail   text        NOT NULL
);
CREATE INDEX ix_operator_actions_pool ON operator_actions (pool, id);
CREATE INDEX ix_operator_actions_instance ON operator_actions (instance, id);
