-- Each instance's boot log: the newest lines its runner printed, streamed by its agent from boot on (a bounded tail:
-- the writer keeps only the newest N per instance). Lines go with their instance (ON DELETE CASCADE).
CREATE TABLE instance_boot_logs (
    instance TEXT    NOT NULL REFERENCES instances (name) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    stream   INTEGER NOT NULL,
    line     TEXT    NOT NULL,
    PRIMARY KEY (instance, seq)
) WITHOUT ROWID;
