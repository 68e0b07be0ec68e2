-- Where each scale-set listener stands (issue 12): the scale set's id at the forge, the last message handled (so a
-- restart does not handle it again) and the latest totalAssignedJobs (the pool's demand). One row per forge and pool.
CREATE TABLE scale_set_cursors (
    forge TEXT NOT NULL,
    pool TEXT NOT NULL,
    scale_set_id INTEGER NOT NULL,
    last_message_id INTEGER NOT NULL,
    assigned_jobs INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (forge, pool)
);
