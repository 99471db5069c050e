-- DondeLoCompro schema, version 6: searches that joined a running one, and stale answers (issue 13).
--
-- A search identical to one still running follows it instead of asking the stores: it is saved as answered from
-- that search (cached, naming it in cached_from_search_id and its completion in cached_from_completed_at), and
-- joined says it followed it live rather than reused it completed. A stale cached answer (older than
-- CACHE_MAX_AGE_MINUTES) names the search that refreshed it in refresh_search_id (no foreign key, as for
-- cached_from_search_id: that one may not be recorded).
ALTER TABLE searches ADD COLUMN joined boolean NOT NULL DEFAULT false;
ALTER TABLE searches ADD COLUMN refresh_search_id uuid;

ALTER TABLE searches ADD CONSTRAINT ck_searches_joined_cached CHECK (NOT joined OR cached);
ALTER TABLE searches ADD CONSTRAINT ck_searches_refresh_cached CHECK (refresh_search_id IS NULL OR (cached AND NOT joined));
