-- Leases (issue 10): the same table as PostgreSQL's, so the contract suite covers both and `hangar store copy` moves
-- them. A SQLite installation has one replica, which owns everything without taking a lease; the table stays empty.
CREATE TABLE leases (
    name        TEXT    NOT NULL PRIMARY KEY,
    holder      TEXT    NOT NULL,
    epoch       INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    acquired_at INTEGER NOT NULL,
    handoffs    INTEGER NOT NULL DEFAULT 0
);
