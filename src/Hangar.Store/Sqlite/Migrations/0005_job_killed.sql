-- A job whose runner Hangar killed at the pool's hard cap (ttl + max_job_duration) says so: when, and why. Null for
-- every other job. Only Hangar sets these; the forge's events never change them, so the intake leaves them alone.
ALTER TABLE jobs ADD COLUMN killed_at INTEGER;
ALTER TABLE jobs ADD COLUMN killed_reason TEXT;
