package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.Persistence;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched save (a handful of set-based statements) writes exactly the rows that the naive one (a
 * statement per row, store days computed by the domain) writes, for the same searches.
 */
class BatchedAndNaiveSaveTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Instant DAY = Instant.parse("2026-11-20T15:30:00.123456Z");

    @Test
    void batched_and_naive_saves_write_the_same_rows() {
        List<SearchSnapshot> searches = searches();

        DB.truncateAll();
        Persistence batched = JooqPersistenceTestSupport.ports(DB.persistence());
        for (SearchSnapshot s : searches) {
            assertThat(batched.record(s)).isTrue();
        }
        Map<String, List<String>> batchedRows = dump(DB.persistence().dsl());
        List<SearchSnapshot> batchedReads = searches.stream().map(s -> batched.searches().findById(s.id()).orElseThrow()).toList();

        DB.truncateAll();
        NaiveSearchWriter naive = new NaiveSearchWriter(DB.persistence());
        for (SearchSnapshot s : searches) {
            assertThat(naive.save(s)).isTrue();
        }
        Map<String, List<String>> naiveRows = dump(DB.persistence().dsl());

        assertThat(batchedReads).isEqualTo(searches);
        assertThat(batchedRows.get("searches")).hasSize(searches.size());
        assertThat(batchedRows.get("vendor_performance")).isNotEmpty();
        assertThat(batchedRows).isEqualTo(naiveRows);
    }

    /**
     * Overlapping products over two days, a store failing, a failed search, searches answered from the cache (fresh,
     * stale) and joined (to a recorded search, to one not recorded).
     */
    private static List<SearchSnapshot> searches() {
        List<SearchSnapshot> list = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant at = DAY.plus(Duration.ofHours(7L * i));
            list.add(SearchFixtures.search(i % 2 == 0 ? "Licuadora Oster" : "televisor samsung").at(at)
                    .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster " + i, "4" + i + "9.00"),
                            offer(CEMACO, "2" + i, "Televisor Samsung 5" + i, "1999.99"))
                    .answered(ELEKTRA, Offer.of(ELEKTRA, null, "Licuadora sin id", "Oster", "https://www.elektra.com.gt/p/sin-id?x=" + i,
                            null, Money.gtq("300.1" + i), Money.gtq("350.00"), i % 3 == 0 ? Availability.OUT_OF_STOCK : Availability.UNKNOWN))
                    .failed(CURACAO, i % 2 == 0 ? FailureKind.TIMEOUT : FailureKind.PARSE)
                    .build());
        }
        list.add(SearchFixtures.search("plancha").at(DAY.plusSeconds(60)).answered(CEMACO).failedWith("no store could be asked").build());
        SearchSnapshot source = list.getFirst();
        list.add(Search.answeredFromCache(UUID.randomUUID(), SearchQuery.of("licuadora  óster"), source, DAY.plusSeconds(600)).snapshot());
        list.add(Search.answeredFromCache(UUID.randomUUID(), SearchQuery.of("licuadora oster"), source, DAY.plus(Duration.ofHours(2)),
                UUID.randomUUID()).snapshot());
        list.add(SearchFixtures.joined(list.get(1), "televisor  samsung"));
        // joined a search that was not recorded: its offers are saved, as the source saw them
        list.add(SearchFixtures.joined(SearchFixtures.search("tostadora").at(DAY.plusSeconds(900))
                .answered(CEMACO, offer(CEMACO, "t1", "Tostadora Oster", "199.00")).build(), "tostadora"));
        return list;
    }

    /** Every table's rows without surrogate ids or the database's clock, products named by their key. */
    static Map<String, List<String>> dump(DSLContext dsl) {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("vendors", "select id, name, base_url, country, currency, active from vendors");
        queries.put("categories", "select name, slug from categories");
        queries.put("products", "select vendor_id, vendor_product_id, name, brand, category_id, url, image_url, updated_at from products");
        queries.put("product_prices", """
                select p.vendor_id, p.vendor_product_id, pp.price, pp.list_price, pp.currency, pp.availability, pp.scraped_at
                from product_prices pp join products p on p.id = pp.product_id""");
        queries.put("searches", """
                select id, query, query_normalized, max_results, status, total_products, total_vendors, duration_seconds, cached,
                       cached_from_search_id, cached_from_completed_at, joined, refresh_search_id, created_at, started_at, completed_at, error_message,
                       analytics_recorded_at is not null as counted
                from searches""");
        queries.put("search_results", """
                select r.search_id, r.position, p.vendor_id, p.vendor_product_id, r.relevance_score
                from search_results r join products p on p.id = r.product_id""");
        queries.put("search_events", "select search_id, sequence, event_type, vendor_id, data, created_at from search_events");
        queries.put("vendor_performance", """
                select vendor_id, date, total_searches, total_products, avg_duration_seconds, success_rate, error_count
                from vendor_performance""");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        queries.forEach((table, sql) -> rows.put(table,
                dsl.fetch(sql).stream().map(r -> r.formatCSV(false).strip()).sorted().toList()));
        return rows;
    }
}
