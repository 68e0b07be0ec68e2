-- Where each scale-set listener stands (issue 12): the scale set's id at the forge, the last message handled (so a
-- restart does not handle it again) and the latest totalAssignedJobs (the pool's demand). One row per forge and pool.
CREATE TABLE scale_set_cursors (
    forge text NOT NULL,
    pool text NOT NULL,
    scale_set_id bigint NOT NULL,
    last_message_id bigint NOT NULL,
    assigned_jobs integer NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (forge, pool)
);
