-- Where each runner's registration was minted: its pool's forge and target when the intent was stored. The
-- registration is removed there even after the pool was removed or moved to another target. Rows from before have
-- none; the pool's configured forge and target stand in for them.
ALTER TABLE instances ADD COLUMN forge TEXT;
ALTER TABLE instances ADD COLUMN target_scope TEXT;
ALTER TABLE instances ADD COLUMN target_name TEXT;
