-- DondeLoCompro schema, version 5: the stores' categories (issue 12).
--
-- Each level of a store's category path ("Electrodomésticos/Cocina/Licuadoras") is one row under its parent, got or
-- created by (parent, slug) in the transaction that saves a search; products.category_id points at the last level.
-- The same name under two parents ("Celulares/Accesorios", "Hogar/Accesorios") is two categories, so the slug alone
-- is no longer unique. NULLS NOT DISTINCT (PostgreSQL 15+) makes two roots of one slug a conflict too, which the
-- upsert relies on (ON CONFLICT ON CONSTRAINT uq_categories_parent_slug).
ALTER TABLE categories DROP CONSTRAINT uq_categories_slug;

-- [jooq ignore start]
-- (H2, which DDLDatabase simulates the DDL on, does not know NULLS NOT DISTINCT; only the generator skips this)
ALTER TABLE categories ADD CONSTRAINT uq_categories_parent_slug UNIQUE NULLS NOT DISTINCT (parent_id, slug);
-- [jooq ignore stop]

ALTER TABLE categories ADD CONSTRAINT ck_categories_slug CHECK (length(slug) > 0);

-- the foreign keys' other side: removing a category finds its products and children without a scan
CREATE INDEX idx_products_category ON products (category_id);
CREATE INDEX idx_categories_parent ON categories (parent_id);

-- [jooq ignore start]
-- Store health after a restart reads the stores' answers of the last day (JooqSearchRepository.storeAttemptsSince).
CREATE INDEX idx_search_events_store_answers ON search_events (created_at)
    WHERE event_type IN ('vendor_completed', 'vendor_error');
-- [jooq ignore stop]
