package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.Persistence;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.Vendor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Saves finished searches of 50 offers (5 stores × 10) on a fresh database, one after the other as the
 * background recorder does, through the batched adapters and through {@link NaiveSearchWriter} (one
 * statement per row), and prints rows written per second for each. Searches alternate between the two
 * paths in rounds, so both see the same database growth and server state.
 *
 * <pre>
 * DLC_TEST_DATABASE_URL='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' \
 *   ./mvnw -B -pl adapters-persistence-jooq -am verify -Pbench -DskipTests [-Dbench.searches=300]
 * </pre>
 * Without the variable it runs on Testcontainers or embedded PostgreSQL, like the tests.
 */
public final class SaveSearchBenchmark {

    private static final int STORES = 5;
    private static final int OFFERS_PER_STORE = 10;
    private static final int PRODUCTS_PER_STORE = 400; // later searches meet products seen before, as in life
    private static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

    private final Random random = new Random(42);
    private final List<Vendor> vendors = new ArrayList<>();
    private Instant clock = START;

    private SaveSearchBenchmark() {
        for (int i = 0; i < STORES; i++) {
            vendors.add(new Vendor("store" + i, "Store " + i, "https://store" + i + ".example", "vtex", true));
        }
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        int measured = Integer.getInteger("bench.searches", 300);
        int warmup = Integer.getInteger("bench.warmup", 40);
        PostgresServer server = PostgresServer.get();
        String url = server.createDatabase("dlc_bench");
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.of(url, null, null))) {
            new SaveSearchBenchmark().run(persistence, warmup, measured, server.description());
        } finally {
            server.dropDatabase(url);
        }
    }

    private void run(JooqPersistence persistence, int warmup, int measured, String where) {
        Persistence ports = JooqPersistenceTestSupport.ports(persistence);
        NaiveSearchWriter naive = new NaiveSearchWriter(persistence);
        Path batched = new Path("batched", ports::record);
        Path oneByOne = new Path("naive", naive::save);

        for (int i = 0; i < warmup; i++) {
            batched.save(search(), false);
            oneByOne.save(search(), false);
        }
        int rounds = 10;
        for (int r = 0; r < rounds; r++) {
            Path first = r % 2 == 0 ? batched : oneByOne;
            Path second = first == batched ? oneByOne : batched;
            for (int i = 0; i < measured / rounds; i++) {
                first.save(search(), true);
            }
            for (int i = 0; i < measured / rounds; i++) {
                second.save(search(), true);
            }
        }
        System.out.printf(Locale.ROOT, "PostgreSQL: %s; %d cores; searches of %d offers (%d stores); %d warm-up + %d measured per path%n",
                where, Runtime.getRuntime().availableProcessors(), STORES * OFFERS_PER_STORE, STORES, warmup, measured);
        batched.print();
        oneByOne.print();
        System.out.printf(Locale.ROOT, "speed-up batched/naive: %.1fx%n", batched.rowsPerSecond() / oneByOne.rowsPerSecond());
    }

    /** A completed search of 50 offers; its products are drawn from a fixed catalogue per store. */
    private SearchSnapshot search() {
        clock = clock.plusSeconds(7);
        SearchQuery query = SearchQuery.of("producto " + random.nextInt(50));
        Search search = Search.initiate(UUID.randomUUID(), query, OFFERS_PER_STORE, clock);
        Instant t = clock.plusMillis(3);
        search.start(vendors, t);
        vendors.forEach(v -> search.vendorStarted(v.id(), t));
        int ms = 100;
        for (Vendor v : vendors) {
            List<Offer> offers = new ArrayList<>();
            int[] ids = random.ints(0, PRODUCTS_PER_STORE).distinct().limit(OFFERS_PER_STORE).toArray();
            for (int id : ids) {
                offers.add(Offer.of(v, "p" + id, "Producto " + id + " de " + v.name(), "Marca " + (id % 7),
                        v.baseUrl() + "/p/" + id, v.baseUrl() + "/img/" + id + ".jpg",
                        Money.gtq((100 + random.nextInt(5000)) + "." + (10 + random.nextInt(89))), null,
                        Availability.IN_STOCK).scoredFor(query));
            }
            ms += 50 + random.nextInt(400);
            search.vendorAnswered(v.id(), offers, Duration.ofMillis(ms), t.plusMillis(ms));
        }
        search.complete(t.plusMillis(ms + 1));
        return search.snapshot();
    }

    /** Rows a save writes: a product, a price and a result per offer, the search, its events, a day per store. */
    private static int rows(SearchSnapshot s) {
        return 3 * s.offers().size() + 1 + s.events().size() + s.outcomes().size();
    }

    private static final class Path {
        private final String name;
        private final Predicate<SearchSnapshot> writer;
        private final List<Long> nanos = new ArrayList<>();
        private long rows;

        Path(String name, Predicate<SearchSnapshot> writer) {
            this.name = name;
            this.writer = writer;
        }

        void save(SearchSnapshot search, boolean measure) {
            long start = System.nanoTime();
            if (!writer.test(search)) {
                throw new IllegalStateException("search " + search.id() + " was not new");
            }
            long took = System.nanoTime() - start;
            if (measure) {
                nanos.add(took);
                rows += rows(search);
            }
        }

        double seconds() {
            return nanos.stream().mapToLong(Long::longValue).sum() / 1e9;
        }

        double rowsPerSecond() {
            return rows / seconds();
        }

        void print() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-8s %4d searches, %6d rows in %6.2f s: %8.0f rows/s, %6.1f searches/s, median %6.2f ms/search, p95 %6.2f ms%n",
                    name, sorted.length, rows, seconds(), rowsPerSecond(), sorted.length / seconds(),
                    sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6);
        }
    }

}
