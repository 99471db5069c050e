-- DondeLoCompro schema, version 3: searches cut off by a crash.
--
-- A search's header row is written (status 'running') as it starts; one still 'running' at the next start-up
-- was cut off by a crash (kill -9, power loss) and is marked 'interrupted', ended at the moment it was found.

ALTER TABLE searches DROP CONSTRAINT ck_searches_status;
ALTER TABLE searches ADD CONSTRAINT ck_searches_status
    CHECK (status IN ('initiated', 'running', 'completed', 'failed', 'interrupted'));

ALTER TABLE searches DROP CONSTRAINT ck_searches_finished;
ALTER TABLE searches ADD CONSTRAINT ck_searches_finished
    CHECK (status NOT IN ('completed', 'failed', 'interrupted') OR completed_at IS NOT NULL);

-- [jooq ignore start]
-- The start-up sweep looks for the few rows still running among all searches.
CREATE INDEX idx_searches_running ON searches (created_at) WHERE status = 'running';
-- [jooq ignore stop]
