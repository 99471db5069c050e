package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.in.RecorderStats;
import gt.dondelocompro.application.port.out.DeadLetterRepository.DeadLetter;
import gt.dondelocompro.application.service.FinishedSearchWriter;
import gt.dondelocompro.application.service.RetryPolicy;
import gt.dondelocompro.application.service.RolloutPolicy;
import gt.dondelocompro.application.service.SearchRecorder;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.OfferLimits;
import gt.dondelocompro.domain.SearchSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.PRODUCT_PRICES;
import static gt.dondelocompro.db.jooq.Tables.VENDORS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: a search PostgreSQL cannot hold as it is must not stop the recording of the ones behind it. The
 * recorder here retries as in production (0.5 s doubling, 20 attempts: minutes), so "at once" is visible.
 */
class UnsaveableSearchesTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    @BeforeEach
    void empty() {
        DB.truncateAll();
    }

    private static SearchRecorder recorder(JooqPersistence p, RetryPolicy retry) {
        return new SearchRecorder(new FinishedSearchWriter(p.transactions(), p.searches(), p.products(), p.catalog(), p.categories(), p.analytics()),
                p.deadLetters(), RolloutPolicy.everything(), retry, SearchRecorder.DEFAULT_MAX_BACKLOG);
    }

    @Test
    void offers_the_schema_cannot_hold_are_dropped_and_the_search_and_the_one_behind_it_are_saved_at_once() throws Exception {
        Offer good1 = offer(CEMACO, "111", "Licuadora Oster", "349.00");
        Offer nul = offer(CEMACO, "222", "Licuadora\u0000 Oster", "399.00");
        Offer huge = offer(CEMACO, "333", "Licuadora de oro", "99999999999.99");
        Offer longId = offer(ELEKTRA, "x".repeat(5000), "Licuadora Mabe", "299.00");
        Offer good2 = offer(ELEKTRA, "444", "Licuadora Black+Decker", "259.00");
        SearchSnapshot bad = SearchFixtures.search("licuadora").answered(CEMACO, good1, nul, huge).answered(ELEKTRA, longId, good2).build();
        SearchSnapshot behind = SearchFixtures.search("licuadora oster").answered(CEMACO, good1).build();
        JooqPersistence p = DB.persistence();

        try (SearchRecorder recorder = recorder(p, RetryPolicy.standard())) {
            recorder.submit(bad);
            recorder.submit(behind);

            assertThat(recorder.awaitIdle(AT_ONCE)).as("both saved within %s, no retrying", AT_ONCE).isTrue();
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(2, 2, 0, 0, 0, 0, 0, 3));
        }
        assertThat(p.searches().findById(behind.id())).contains(behind);
        SearchSnapshot saved = p.searches().findById(bad.id()).orElseThrow();
        assertThat(saved.offers()).extracting(Offer::vendorProductId).containsExactly("111", "444");
        assertThat(saved.outcomes()).isEqualTo(bad.outcomes());
        assertThat(saved.totalResults()).isEqualTo(2);
        assertThat(p.dsl().fetchCount(PRODUCTS)).isEqualTo(2);
        assertThat(p.dsl().fetchCount(PRODUCT_PRICES)).isEqualTo(3);
        assertThat(p.deadLetters().count()).isZero();
    }

    @Test
    void a_search_refused_even_without_offers_is_set_aside_whole_and_the_one_behind_it_saved_at_once() throws Exception {
        // a store error quoting a NUL: search_events.data (jsonb) refuses it; no offer to leave out would help
        SearchSnapshot refused = SearchFixtures.search("licuadora").answered(CEMACO, offer(CEMACO, "111", "Licuadora", "10.00"))
                .failedWith("the store answered \u0000\uD800 garbage").build();
        SearchSnapshot behind = SearchFixtures.search("licuadora oster").answered(CEMACO, offer(CEMACO, "111", "Licuadora", "10.00")).build();
        JooqPersistence p = DB.persistence();

        try (SearchRecorder recorder = recorder(p, RetryPolicy.standard())) {
            recorder.submit(refused);
            recorder.submit(behind);

            assertThat(recorder.awaitIdle(AT_ONCE)).isTrue();
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(2, 1, 0, 0, 0, 0, 1, 0));
        }
        assertThat(p.searches().exists(refused.id())).isFalse();
        assertThat(p.searches().findById(behind.id())).contains(behind);
        DeadLetter letter = p.deadLetters().findById(refused.id()).orElseThrow();
        assertThat(letter.search()).as("the whole search, NUL and lone surrogate included").isEqualTo(refused);
        assertThat(letter.reason()).contains("SQLSTATE 22");
        String payload = p.dsl().fetchOne("select payload from dead_letter_searches").get(0, String.class);
        assertThat(payload).contains("\"search_id\":\"" + refused.id() + "\"", "\\u0000", "\\uD800");
    }

    @Test
    void a_database_that_cannot_be_reached_is_still_retried_and_the_backlog_drained_when_it_answers() throws Exception {
        JooqPersistence migrated = DB.persistence();
        try (ClosedThenOpenPort port = new ClosedThenOpenPort(DB.url());
             JooqPersistence unreachable = JooqPersistence.start(new DatabaseConfig(port.url(), null, null, 1, 1, false));
             SearchRecorder recorder = recorder(unreachable, new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 1000))) {
            List<SearchSnapshot> all = IntStream.range(0, 5)
                    .mapToObj(i -> SearchFixtures.search("licuadora " + i).answered(CEMACO, offer(CEMACO, "p" + i, "Licuadora", "10.00"))
                            .failed(ELEKTRA, FailureKind.TIMEOUT).build())
                    .toList();
            all.forEach(recorder::submit);

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (recorder.stats().retrying() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the pool waits up to its connection timeout (3 s) before the first failure
            }
            Thread.sleep(500);
            RecorderStats down = recorder.stats();
            assertThat(down.retrying()).isEqualTo(1);
            assertThat(down.backlog()).isEqualTo(5);
            assertThat(down.saved() + down.failed() + down.deadLettered() + down.offersDropped()).isZero();

            port.open();

            assertThat(recorder.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(5, 5, 0, 0, 0, 0, 0, 0));
            assertThat(all).allSatisfy(s -> assertThat(migrated.searches().findById(s.id())).contains(s));
        }
    }

    @Test
    void the_offer_limits_are_the_schemas() {
        assertThat(PRODUCTS.VENDOR_ID.getDataType().length()).isEqualTo(OfferLimits.VENDOR_ID_LENGTH);
        assertThat(VENDORS.ID.getDataType().length()).isEqualTo(OfferLimits.VENDOR_ID_LENGTH);
        assertThat(VENDORS.NAME.getDataType().length()).isEqualTo(OfferLimits.VENDOR_NAME_LENGTH);
        assertThat(PRODUCTS.VENDOR_PRODUCT_ID.getDataType().length()).isEqualTo(OfferLimits.VENDOR_PRODUCT_ID_LENGTH);
        for (var price : List.of(PRODUCT_PRICES.PRICE, PRODUCT_PRICES.LIST_PRICE)) {
            int integerDigits = price.getDataType().precision() - price.getDataType().scale();
            assertThat(BigDecimal.TEN.pow(integerDigits)).isEqualByComparingTo(OfferLimits.PRICE_LIMIT);
        }
    }

    /**
     * A port where nothing answers until {@link #open()}; from then on it forwards to the test database's
     * server, as a PostgreSQL that comes back would.
     */
    static final class ClosedThenOpenPort implements AutoCloseable {
        private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/(.*)$");
        private final String targetHost;
        private final int targetPort;
        private final String rest;
        private final int port;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;

        ClosedThenOpenPort(String targetUrl) throws IOException {
            Matcher m = HOST_PORT.matcher(targetUrl);
            if (!m.matches()) {
                throw new IllegalArgumentException(targetUrl);
            }
            targetHost = m.group(1);
            targetPort = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
            rest = m.group(3);
            try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort(); // free now, and closed: connections are refused until open()
            }
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + rest + (rest.contains("?") ? "&" : "?") + "connectTimeout=1";
        }

        void open() throws IOException {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(targetHost, targetPort);
                        sockets.add(client);
                        sockets.add(upstream);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void pipe(Socket from, Socket to) {
            Thread.ofVirtual().start(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // one side closed
                }
            });
        }

        @Override
        public void close() throws IOException {
            if (server != null) {
                server.close();
            }
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
