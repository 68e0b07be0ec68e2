-- Leases on work that must happen once among replicas (issue 10): per pool, per singleton pass, per demand source.
-- The epoch grows each time a lease changes hands (or is taken again after it expired) and fences every acting
-- write: a write carrying an older epoch is refused (PostgresFence). handoffs counts changes of holder, for metrics.
CREATE TABLE leases (
    name        text COLLATE "C" NOT NULL PRIMARY KEY,
    holder      text        NOT NULL,
    epoch       bigint      NOT NULL,
    expires_at  timestamptz NOT NULL,
    acquired_at timestamptz NOT NULL,
    handoffs    bigint      NOT NULL DEFAULT 0
);
