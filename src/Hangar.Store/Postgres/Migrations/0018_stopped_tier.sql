-- The stopped tier: an instance made for it ends its create stopped (machine made, not running, nothing minted) and is
-- started for a job later; its boot timeout and TTL then count from that start. Rows from before are neither.
ALTER TABLE instances ADD COLUMN stopped_tier boolean NOT NULL DEFAULT false;
ALTER TABLE instances ADD COLUMN started_at timestamptz;
