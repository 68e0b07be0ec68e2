-- The W3C traceparent of the span that made each intent (issue 11): the instance's later steps (credential, provider
-- create, runner online, its job) join the job's trace under it, in whichever process takes them. Null when untraced.
ALTER TABLE instances ADD COLUMN trace_parent TEXT;
