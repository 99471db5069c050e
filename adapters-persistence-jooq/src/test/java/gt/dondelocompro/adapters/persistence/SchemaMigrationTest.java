package gt.dondelocompro.adapters.persistence;

import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Flyway migrations on an empty database: what they create, and that they apply once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaMigrationTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final List<String> TABLES = List.of("alert_notifications", "alerts", "catalog_products", "categories",
            "dead_letter_searches", "product_price_days", "product_prices", "products", "scheduled_tasks", "search_events",
            "search_results", "searches", "vendor_performance", "vendors");

    private JooqPersistence persistence;
    private MigrateResult first;
    private MigrateResult second;

    @BeforeAll
    void migrateTwice() {
        persistence = JooqPersistence.start(new DatabaseConfig(DB.url(), null, null, 2, 3, false));
        first = JooqPersistence.migrate(persistence.pool());
        second = JooqPersistence.migrate(persistence.pool());
    }

    @AfterAll
    void close() {
        persistence.close();
    }

    private DSLContext dsl() {
        return persistence.dsl();
    }

    private Map<String, String> twoColumns(String sql) {
        return dsl().fetch(sql).intoMap(r -> r.get(0, String.class), r -> r.get(1, String.class));
    }

    @Test
    void migrations_apply_to_an_empty_database_and_a_second_migrate_does_nothing() {
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(first.targetSchemaVersion).isNotBlank();
        assertThat(second.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();
        assertThat(dsl().fetchOne("select count(*) from flyway_schema_history where success").get(0, Long.class))
                .isEqualTo((long) first.migrationsExecuted);
    }

    @Test
    void the_tables_exist_and_nothing_else() {
        List<String> tables = dsl().fetch("""
                select table_name from information_schema.tables
                where table_schema = current_schema() and table_name <> 'flyway_schema_history' order by table_name""")
                .getValues(0, String.class);

        assertThat(tables).containsExactlyElementsOf(TABLES);
    }

    @Test
    void every_constraint_is_named_and_the_keys_are_there() {
        Map<String, String> constraints = twoColumns("""
                select c.conname::text, pg_get_constraintdef(c.oid) from pg_constraint c
                join pg_class t on t.oid = c.conrelid
                where t.relnamespace = current_schema()::regnamespace and t.relname <> 'flyway_schema_history'
                  and c.contype <> 'n'""");

        assertThat(constraints.keySet()).allMatch(name -> name.matches("(pk|uq|fk|ck)_[a-z_]+"), "named pk_/uq_/fk_/ck_");
        assertThat(constraints).containsEntry("pk_searches", "PRIMARY KEY (id)")
                .containsEntry("uq_products_vendor_product", "UNIQUE (vendor_id, vendor_product_id)")
                .containsEntry("uq_vendor_performance_vendor_date", "UNIQUE (vendor_id, date)")
                .containsEntry("uq_search_events_search_sequence", "UNIQUE (search_id, sequence)")
                .containsEntry("fk_search_events_search", "FOREIGN KEY (search_id) REFERENCES searches(id) ON DELETE CASCADE")
                .containsEntry("fk_products_vendor", "FOREIGN KEY (vendor_id) REFERENCES vendors(id) ON DELETE RESTRICT")
                .containsEntry("uq_catalog_products_match_key", "UNIQUE (match_key)")
                .containsEntry("fk_products_catalog_product",
                        "FOREIGN KEY (catalog_product_id) REFERENCES catalog_products(id) ON DELETE SET NULL")
                .doesNotContainKey("uq_categories_slug")
                .containsEntry("fk_alert_notifications_alert", "FOREIGN KEY (alert_id) REFERENCES alerts(id) ON DELETE CASCADE")
                .containsEntry("pk_scheduled_tasks", "PRIMARY KEY (task_name, task_instance)")
                .containsEntry("pk_product_price_days", "PRIMARY KEY (product_id, day)")
                .containsKeys("ck_alerts_one_target", "ck_alerts_secret", "ck_alerts_token_hash", "fk_alerts_product",
                        "fk_alerts_catalog_product", "uq_alert_notifications_sequence")
                .containsKeys("ck_searches_status", "ck_product_prices_price", "ck_product_prices_availability",
                        "ck_searches_cached_origin", "fk_product_prices_product", "fk_search_results_search",
                        "fk_search_results_product", "fk_vendor_performance_vendor", "pk_vendors", "pk_products");
    }

    @Test
    void the_plans_smart_indexes_exist() {
        Map<String, String> indexes = twoColumns(
                "select indexname::text, indexdef from pg_indexes where schemaname = current_schema()");

        assertThat(indexes.get("idx_product_prices_product_scraped")).endsWith("(product_id, scraped_at DESC)").contains("UNIQUE");
        assertThat(indexes.get("idx_searches_query_created")).endsWith("(query_normalized, created_at)");
        assertThat(indexes.get("idx_search_events_search_created")).endsWith("(search_id, created_at)");
        assertThat(indexes.get("uq_vendor_performance_vendor_date")).endsWith("(vendor_id, date)");
        assertThat(indexes.get("idx_products_vendor_name")).endsWith("(vendor_id, name)");
        assertThat(indexes.get("idx_products_catalog_product")).endsWith("(catalog_product_id)");
        assertThat(indexes.get("idx_catalog_products_gtin")).endsWith("(gtin)");
        assertThat(indexes.get("idx_catalog_products_brand_model")).endsWith("(brand, model)");
        assertThat(indexes.get("idx_products_category")).endsWith("(category_id)");
        assertThat(indexes.get("uq_categories_root_slug")).contains("UNIQUE", "(slug) WHERE (parent_id IS NULL)");
        assertThat(indexes.get("uq_categories_parent_slug")).contains("UNIQUE", "(parent_id, slug) WHERE (parent_id IS NOT NULL)");
        assertThat(indexes.get("idx_search_events_store_answers")).contains("(created_at)").contains("WHERE");
        assertThat(indexes.get("idx_searches_cache")).contains("(query_normalized, max_results, completed_at DESC)")
                .contains("WHERE");
    }

    @Test
    void moments_are_timestamptz_money_is_numeric_12_2_ids_are_uuid_and_events_jsonb() {
        Map<String, String> types = twoColumns("""
                select table_name || '.' || column_name,
                       data_type || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
                from information_schema.columns where table_schema = current_schema()
                  and table_name <> 'flyway_schema_history'""");

        assertThat(types.values()).noneMatch(t -> t.startsWith("timestamp without time zone"));
        assertThat(types).containsEntry("searches.id", "uuid")
                .containsEntry("searches.created_at", "timestamp with time zone")
                .containsEntry("product_prices.price", "numeric(12,2)")
                .containsEntry("search_results.relevance_score", "numeric(3,2)")
                .containsEntry("search_events.data", "jsonb")
                .containsEntry("products.id", "bigint(64,0)");
    }

    @Test
    void checks_refuse_a_negative_price_and_an_unknown_status() {
        dsl().execute("insert into vendors (id, name) values ('v', 'V')");
        dsl().execute("insert into products (vendor_id, vendor_product_id, name, url) values ('v', '1', 'P', 'https://v/1')");

        assertThatThrownBy(() -> dsl().execute("""
                insert into product_prices (product_id, price, scraped_at) select id, -1, now() from products"""))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("ck_product_prices_price");
        assertThatThrownBy(() -> dsl().execute("""
                insert into searches (id, query, query_normalized, status, completed_at)
                values (gen_random_uuid(), 'q', 'q', 'lost', now())"""))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("ck_searches_status");
    }
}
