-- DondeLoCompro schema, version 5: the stores' categories (issue 12).
--
-- Each level of a store's category path ("Electrodomésticos/Cocina/Licuadoras") is one row under its parent, got or
-- created by (parent, slug) in the transaction that saves a search; products.category_id points at the last level.
-- The same name under two parents ("Celulares/Accesorios", "Hogar/Accesorios") is two categories, so the slug alone
-- is no longer unique: it is unique among the roots, and among the children of one parent. Two partial indexes say so
-- on every PostgreSQL version (UNIQUE NULLS NOT DISTINCT would need 15); the upsert of one level of paths names one
-- of them (ON CONFLICT (slug) WHERE parent_id IS NULL for the roots, (parent_id, slug) WHERE ... for the others).
ALTER TABLE categories DROP CONSTRAINT uq_categories_slug;

-- [jooq ignore start]
-- (H2, which DDLDatabase simulates the DDL on, has no partial indexes; only the generator skips these)
CREATE UNIQUE INDEX uq_categories_root_slug ON categories (slug) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX uq_categories_parent_slug ON categories (parent_id, slug) WHERE parent_id IS NOT NULL;
-- [jooq ignore stop]

ALTER TABLE categories ADD CONSTRAINT ck_categories_slug CHECK (length(slug) > 0);

-- the foreign key's other side: removing a category finds its products without a scan (its children: uq_categories_parent_slug)
CREATE INDEX idx_products_category ON products (category_id);

-- [jooq ignore start]
-- Store health after a restart reads the stores' answers of the last day (JooqSearchRepository.storeAttemptsSince).
CREATE INDEX idx_search_events_store_answers ON search_events (created_at)
    WHERE event_type IN ('vendor_completed', 'vendor_error');
-- [jooq ignore stop]
