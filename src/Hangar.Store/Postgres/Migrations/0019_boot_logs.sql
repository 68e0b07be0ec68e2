-- Each instance's boot log: the newest lines its runner printed, streamed by its agent from boot on (a bounded tail:
-- the writer keeps only the newest N per instance). Lines go with their instance (ON DELETE CASCADE).
CREATE TABLE instance_boot_logs (
    instance text COLLATE "C" NOT NULL REFERENCES instances (name) ON DELETE CASCADE,
    seq      bigint           NOT NULL,
    at       timestamptz      NOT NULL,
    stream   smallint         NOT NULL,
    line     text             NOT NULL,
    PRIMARY KEY (instance, seq)
);
