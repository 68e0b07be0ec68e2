-- Intake's one serial step is the writer's: every new job's row is written there, one after another, and each index on
-- `jobs` is one more b-tree to descend and change per row (and, for updated_at, per update: it moves on every write).
-- Two indexes served no query the store issues, checked with EXPLAIN QUERY PLAN on a store as the server runs it
-- (no ANALYZE statistics):
-- * ix_jobs_updated (updated_at): the planner never picks it. Retention (completed and not updated since) reads
--   ix_jobs_status_queued's completed range, the stale-job checks its open ranges, repositories since a time and
--   "updated since" lists scan in their own order either way.
-- * ix_jobs_pool_status (pool, status): every query that could use it (the per-pool tallies of queued and open jobs)
--   is answered by ix_jobs_status_pool_queued, equality on both columns, covering; a pool's whole list reads
--   ix_jobs_queued_key in list order. It was also written by every routing of a job, on the decision path.
-- The PostgreSQL store keeps both: its planner has statistics and uses ix_jobs_updated for retention and updated-since
-- reads, and its intake's serial step is the round trip, not the row.
DROP INDEX IF EXISTS ix_jobs_updated;
DROP INDEX IF EXISTS ix_jobs_pool_status;
