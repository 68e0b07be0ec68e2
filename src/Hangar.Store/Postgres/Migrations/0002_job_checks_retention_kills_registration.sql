-- Look-ups of open jobs at the forge (the stale-jobs pass): when each was last looked up, how many times in a row the
-- forge did not know it, and why Hangar closed it once that happened too often (JobCheckRule). Stored, not kept in
-- memory, so a restart neither forgets the count nor looks every job up again at once.
ALTER TABLE jobs ADD COLUMN checked_at timestamptz;
ALTER TABLE jobs ADD COLUMN missed_checks integer NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN close_reason text;

-- A job whose runner Hangar killed at the pool's hard cap says when and why. Only Hangar sets these; the forge's
-- events never change them, so the intake leaves them alone.
ALTER TABLE jobs ADD COLUMN killed_at timestamptz;
ALTER TABLE jobs ADD COLUMN killed_reason text;

-- Converge reads queued jobs by routing: each pool's own (oldest first), the ones not routed yet, the unroutable ones.
-- With the status and pool first, each of those is one range of this index in queue order.
CREATE INDEX ix_jobs_status_pool_queued ON jobs (status, pool, queued_at, id, forge, attempt);

-- Retention deletes instances deleted long enough ago: (state, when it was reached).
CREATE INDEX ix_instances_state_changed ON instances (state, state_changed_at);

-- Where each runner's registration was minted: its pool's forge and target when the intent was stored, so the
-- registration is removed there even after the pool was removed or moved. Rows from before have none; the pool's
-- configured forge and target stand in for them.
ALTER TABLE instances ADD COLUMN forge text;
ALTER TABLE instances ADD COLUMN target_scope text;
ALTER TABLE instances ADD COLUMN target_name text;
