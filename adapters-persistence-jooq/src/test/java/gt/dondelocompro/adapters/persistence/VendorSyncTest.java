package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.Vendor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static gt.dondelocompro.db.jooq.Tables.VENDORS;
import static org.assertj.core.api.Assertions.assertThat;

/** The configured store catalog lands in the vendors table, and saved searches leave it alone. */
class VendorSyncTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private JooqPersistence p;

    @BeforeEach
    void empty() {
        DB.truncateAll();
        p = DB.persistence();
    }

    private void record(gt.dondelocompro.domain.SearchSnapshot search) {
        JooqPersistenceTestSupport.ports(p).record(search);
    }

    private Record row(String id) {
        DSLContext dsl = p.dsl();
        return dsl.selectFrom(VENDORS).where(VENDORS.ID.eq(id)).fetchOne();
    }

    @Test
    void a_store_first_seen_in_a_search_gets_its_configured_base_url_and_active_flag() {
        record(SearchFixtures.search("licuadora").answered(CEMACO, offer(CEMACO, "1", "Licuadora", "10.00")).build());
        assertThat(row("cemaco").get(VENDORS.BASE_URL)).isEmpty();

        int changed = p.syncVendors(List.of(CEMACO, new Vendor("max", "Max", "https://www.max.com.gt", "constructor", false)));

        assertThat(changed).isEqualTo(2);
        assertThat(row("cemaco").get(VENDORS.BASE_URL)).isEqualTo("https://www.cemaco.com");
        assertThat(row("max").get(VENDORS.ACTIVE)).isFalse();
        assertThat(p.syncVendors(List.of(CEMACO))).as("nothing changed, nothing written").isZero();
    }

    @Test
    void a_later_search_keeps_the_configured_base_url() {
        p.syncVendors(List.of(CEMACO));

        record(SearchFixtures.search("licuadora").answered(CEMACO, offer(CEMACO, "1", "Licuadora", "10.00")).build());

        assertThat(row("cemaco").get(VENDORS.BASE_URL)).isEqualTo("https://www.cemaco.com");
    }
}
