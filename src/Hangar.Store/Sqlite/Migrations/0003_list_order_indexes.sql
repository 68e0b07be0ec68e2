-- Lists are paged by keyset in their sort order, oldest or newest first: each index below holds one list's key in
-- order, so a page is read straight from it (forwards or backwards) instead of sorting the whole table per page.

-- Instances: (created_at, name), neither of which ever changes.
CREATE INDEX ix_instances_created_name ON instances (created_at, name);

-- Instances holding an error (creates that gave up, failed destroys): few among many, and listed on their own.
CREATE INDEX ix_instances_failed_created_name ON instances (created_at, name) WHERE last_error IS NOT NULL;

-- Jobs: (queued_at, id, forge, attempt), the primary key after the queue time.
CREATE INDEX ix_jobs_queued_key ON jobs (queued_at, id, forge, attempt);
