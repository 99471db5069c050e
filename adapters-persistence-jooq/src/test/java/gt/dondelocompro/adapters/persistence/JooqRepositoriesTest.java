package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.in.CatalogProductUseCase;
import gt.dondelocompro.application.port.in.PriceHistoryUseCase;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.service.AnalyticsService;
import gt.dondelocompro.application.service.CatalogProductService;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchSnapshot;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the jOOQ repositories guarantee on their own, beyond the shared contracts. */
class JooqRepositoriesTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Instant NOW = Instant.parse("2026-11-20T15:30:00.123456Z");

    private JooqPersistence p;

    @BeforeEach
    void empty() {
        DB.truncateAll();
        p = DB.persistence();
    }

    private SearchSnapshot licuadora() {
        return SearchFixtures.search("Licuadora").at(NOW)
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "499.00"), offer(CEMACO, "112", "Vaso", "89.90"))
                .failed(CURACAO, FailureKind.TIMEOUT)
                .build();
    }

    private long count(String table) {
        DSLContext dsl = p.dsl();
        return dsl.fetchCount(dsl.selectFrom(table));
    }

    @Test
    void each_repository_called_twice_with_the_same_search_writes_its_rows_once() {
        SearchSnapshot search = licuadora();

        for (int i = 0; i < 2; i++) {
            p.transactions().run(() -> {
                Map<ProductKey, Long> ids = p.products().saveOffers(search.offers(), search.completedAt());
                p.searches().save(search, ids);
                p.analytics().recordSearch(search);
            });
        }

        assertThat(count("products")).isEqualTo(2);
        assertThat(count("product_prices")).isEqualTo(2);
        assertThat(count("searches")).isEqualTo(1);
        assertThat(count("search_results")).isEqualTo(2);
        assertThat(count("search_events")).isEqualTo(search.events().size());
        assertThat(p.analytics().storePerformance(Optional.empty(), LocalDate.of(2026, 11, 20)))
                .allSatisfy(row -> assertThat(row.totalSearches()).isEqualTo(1));
        assertThat(p.analytics().popularSearches(NOW.minus(Duration.ofDays(1)), 10).getFirst().count()).isEqualTo(1);
    }

    @Test
    void a_store_listing_the_same_product_twice_saves_one_product_one_price_and_two_results() {
        SearchSnapshot search = SearchFixtures.search("licuadora").at(NOW)
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "499.00"), offer(CEMACO, "111", "Licuadora Oster (2)", "489.00"))
                .build();

        assertThat(JooqPersistenceTestSupport.ports(p).record(search)).isTrue();

        assertThat(count("products")).isEqualTo(1);
        assertThat(count("product_prices")).isEqualTo(1);
        assertThat(count("search_results")).isEqualTo(2);
        assertThat(p.searches().findById(search.id())).contains(search);
        assertThat(p.dsl().fetchOne("select name from products").get(0, String.class)).isEqualTo("Licuadora Oster (2)");
    }

    @Test
    void an_older_search_saved_late_does_not_overwrite_what_a_newer_one_saw() {
        SearchSnapshot newer = SearchFixtures.search("licuadora").at(NOW)
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster 2026", "499.00")).build();
        SearchSnapshot older = SearchFixtures.search("licuadora").at(NOW.minus(Duration.ofDays(3)))
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster 2025", "529.00")).build();
        var ports = JooqPersistenceTestSupport.ports(p);

        ports.record(newer);
        ports.record(older);

        assertThat(p.dsl().fetchOne("select name from products").get(0, String.class)).isEqualTo("Licuadora Oster 2026");
        long id = p.products().findProductIds(List.of(new ProductKey("cemaco", "111"))).get(new ProductKey("cemaco", "111"));
        assertThat(p.products().priceHistory(id, NOW.minus(Duration.ofDays(7))).orElseThrow().current())
                .hasValueSatisfying(m -> assertThat(m.amount()).isEqualByComparingTo("499.00"));
    }

    @Test
    void a_search_is_counted_only_once_it_is_saved() {
        SearchSnapshot search = licuadora();

        assertThatThrownBy(() -> p.analytics().recordSearch(search)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be saved");
    }

    @Test
    void the_stores_met_in_a_search_are_created_with_an_empty_base_url_that_configuration_keeps() {
        p.dsl().execute("insert into vendors (id, name, base_url) values ('cemaco', 'Cemaco GT', 'https://www.cemaco.com')");

        JooqPersistenceTestSupport.ports(p).record(licuadora());

        assertThat(p.dsl().fetch("select id, name, base_url from vendors order by id").map(r -> r.formatCSV(false).strip()))
                .containsExactly("cemaco,Cemaco,https://www.cemaco.com", "curacao,La Curacao,\"\"");
    }

    @Test
    void the_product_ids_of_a_results_page_of_80_offers_are_read_in_one_statement() {
        // every fourth offer has no store product id, so its key is derived from its URL
        List<Offer> offers = IntStream.range(0, 80).mapToObj(i -> i % 4 == 0
                ? Offer.of(CEMACO, null, "Licuadora " + i, null, "https://www.cemaco.com/licuadora-" + i + "/p?utm=x", null,
                        Money.gtq("10.00"), null, Availability.UNKNOWN)
                : offer(i % 2 == 0 ? CEMACO : CURACAO, "p" + i, "Licuadora " + i, "100.00")).toList();
        Map<ProductKey, Long> saved = p.products().saveOffers(offers, NOW);
        AtomicInteger statements = new AtomicInteger();
        DSLContext counting = DSL.using(p.dsl().configuration().deriveAppending(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.incrementAndGet();
            }
        }));
        PriceHistoryUseCase products = new AnalyticsService(p.analytics(),
                new JooqProductRepository(counting, new JooqTransactions(counting)), Clock.systemUTC());

        Map<Offer, Long> ids = products.productIdsOf(offers);

        assertThat(statements.get()).as("statements sent to PostgreSQL").isEqualTo(1);
        assertThat(ids).hasSize(80);
        assertThat(offers).allSatisfy(o -> assertThat(ids.get(o)).isEqualTo(saved.get(ProductKey.of(o))));
    }

    /** An EAN-13 with the right check digit: 779 (Argentina's prefix, any would do), then {@code n}. */
    private static String ean13(int n) {
        String body = "779" + String.format("%09d", n);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return body + (10 - sum % 10) % 10;
    }

    @Test
    void linking_a_searchs_products_to_catalog_products_is_two_statements_and_their_ids_come_in_one() {
        // 60 offers: 40 with a GTIN (20 products, each at two stores), 20 whose identity is not certain
        List<Offer> offers = IntStream.range(0, 60).mapToObj(i -> i < 40
                ? offer(i % 2 == 0 ? CEMACO : CURACAO, "g" + i, "Licuadora " + i, "100.00").withIdentifiers(ean13(i / 2), null, null)
                : offer(CEMACO, "v" + i, "Licuadora " + i, "100.00")).toList();
        Map<ProductKey, Long> productIds = p.products().saveOffers(offers, NOW);
        AtomicInteger statements = new AtomicInteger();
        DSLContext counting = DSL.using(p.dsl().configuration().deriveAppending(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.incrementAndGet();
            }
        }));
        JooqCatalogProductRepository catalog = new JooqCatalogProductRepository(counting, new JooqTransactions(counting));

        Map<String, Long> linked = catalog.link(offers, productIds, NOW);

        assertThat(statements.getAndSet(0)).as("statements to link").isEqualTo(2);
        assertThat(linked).hasSize(20);
        assertThat(p.dsl().fetchOne("select count(distinct catalog_product_id), count(catalog_product_id) from products")
                .intoArray()).containsExactly(20L, 40L);

        CatalogProductUseCase useCase = new CatalogProductService(catalog, Clock.systemUTC());
        Map<String, Long> ids = useCase.catalogProductIdsOf(offers);

        assertThat(statements.get()).as("statements to look the ids up").isEqualTo(1);
        assertThat(ids).isEqualTo(linked);
    }
}
