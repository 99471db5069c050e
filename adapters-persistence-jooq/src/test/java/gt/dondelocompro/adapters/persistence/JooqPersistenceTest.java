package gt.dondelocompro.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import gt.dondelocompro.application.port.out.ProductKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pool, the transactions and the health check of the jOOQ adapters on PostgreSQL. */
class JooqPersistenceTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Instant AT = Instant.parse("2026-11-20T15:30:00Z");
    private static final ProductKey KEY = new ProductKey("cemaco", "111");

    @BeforeEach
    void empty() {
        DB.truncateAll();
    }

    @Test
    void the_pool_keeps_pool_size_open_and_grows_to_size_plus_overflow_and_no_further() throws SQLException {
        try (JooqPersistence persistence = JooqPersistence.start(new DatabaseConfig(DB.url(), null, null, 2, 3, false))) {
            HikariDataSource pool = persistence.pool();
            assertThat(pool.getMinimumIdle()).isEqualTo(2);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(5);

            pool.setConnectionTimeout(300);
            List<Connection> borrowed = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    borrowed.add(pool.getConnection());
                }
                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
            } finally {
                for (Connection c : borrowed) {
                    c.close();
                }
            }
        }
    }

    @Test
    void a_reachable_database_is_healthy() {
        assertThat(DB.persistence().health().enabled()).isTrue();
        assertThat(DB.persistence().health().reachable()).isTrue();
    }

    @Test
    void an_unreachable_database_starts_without_migrating_and_reports_itself_unreachable() {
        DatabaseConfig nowhere = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "x", "y", 1, 0, false);
        try (JooqPersistence persistence = JooqPersistence.start(nowhere)) {
            long start = System.nanoTime();
            assertThat(persistence.health().reachable()).isFalse();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        }
    }

    @Test
    void everything_in_a_transaction_is_undone_when_the_work_throws() {
        JooqPersistence p = DB.persistence();

        assertThatThrownBy(() -> p.transactions().run(() -> {
            p.products().saveOffers(List.of(offer(CEMACO, "111", "Licuadora", "10.00")), AT);
            assertThat(known(p)).as("seen inside the transaction").isTrue();
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(known(p)).isFalse();
    }

    @Test
    void repositories_called_in_a_transaction_share_its_connection_and_others_see_nothing_until_commit() {
        JooqPersistence p = DB.persistence();

        p.transactions().run(() -> {
            long txid = p.dsl().fetchOne("select txid_current()").get(0, Long.class);
            p.products().saveOffers(List.of(offer(CEMACO, "111", "Licuadora", "10.00")), AT);
            assertThat(p.dsl().fetchOne("select txid_current()").get(0, Long.class)).isEqualTo(txid);
            boolean seenElsewhere = CompletableFuture.supplyAsync(() -> known(p)).join();
            assertThat(seenElsewhere).as("another thread, another connection, before commit").isFalse();
        });

        assertThat(known(p)).isTrue();
    }

    @Test
    void outside_a_transaction_each_call_commits_on_its_own() {
        JooqPersistence p = DB.persistence();

        p.products().saveOffers(List.of(offer(CEMACO, "111", "Licuadora", "10.00")), AT);

        boolean seenElsewhere = CompletableFuture.supplyAsync(() -> known(p)).join();
        assertThat(seenElsewhere).isTrue();
    }

    private static boolean known(JooqPersistence p) {
        return p.products().findProductIds(List.of(KEY)).containsKey(KEY);
    }
}
