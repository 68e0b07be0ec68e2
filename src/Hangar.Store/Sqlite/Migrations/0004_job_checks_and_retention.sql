-- Look-ups of open jobs at the forge (the stale-jobs pass): when each was last looked up, how many times in a row the
-- forge did not know it, and why Hangar closed it once that happened too often (JobCheckRule). Stored, not kept in
-- memory, so a restart neither forgets the count nor looks every job up again at once.
ALTER TABLE jobs ADD COLUMN checked_at INTEGER;
ALTER TABLE jobs ADD COLUMN missed_checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN close_reason TEXT;

-- Converge reads queued jobs by routing: each pool's own (oldest first), the ones not routed yet, the unroutable ones.
-- With the status and pool first, each of those is one range of this index in queue order, however many other jobs
-- are stored.
CREATE INDEX ix_jobs_status_pool_queued ON jobs (status, pool, queued_at, id, forge, attempt);

-- Retention deletes instances deleted long enough ago: (state, when it was reached).
CREATE INDEX ix_instances_state_changed ON instances (state, state_changed_at);
