package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.port.out.SearchEventLog;
import gt.dondelocompro.application.port.out.SharedStateUnavailableException;
import gt.dondelocompro.domain.SearchEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis stopped and started again (a redis-server of this test's own, on its own port): commands fail fast as
 * {@link SharedStateUnavailableException}, health says unreachable, and both come back when Redis does; also when
 * Redis was down at start-up.
 */
class RedisOutageTest {

    private RedisServerProcess server;

    @BeforeEach
    void ownRedis() {
        server = RedisServerProcess.startOwnForTest();
    }

    @AfterEach
    void stopIt() {
        server.stop();
    }

    @Test
    void commandsFailFastWhileRedisIsDownAndWorkAgainOnceItIsBack() throws Exception {
        try (RedisSharedState redis = RedisSharedState.connect(server.url(), TestRedis.namespace())) {
            SearchEventLog log = redis.eventLog(Duration.ofMinutes(1));
            UUID id = UUID.randomUUID();
            log.append(id, Instant.now(), new SearchEvent.Started("tv", 5, List.of("cemaco")));
            assertThat(redis.health().reachable()).isTrue();

            server.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> log.append(id, Instant.now(), new SearchEvent.VendorStarted("cemaco", "Cemaco")))
                    .isInstanceOf(SharedStateUnavailableException.class);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to fail").isLessThan(3_000);
            assertThat(within(Duration.ofSeconds(5), () -> !redis.health().reachable())).as("health says unreachable").isTrue();
            assertThat(redis.health().enabled()).isTrue();

            server.startAgain();
            assertThat(within(Duration.ofSeconds(10), () -> redis.health().reachable())).as("health says reachable again").isTrue();
            // Redis came back empty: the log starts again
            assertThat(log.append(id, Instant.now(), new SearchEvent.VendorStarted("cemaco", "Cemaco"))).isPresent();
            assertThat(log.read(id, 0, 10)).hasSize(1);
        }
    }

    @Test
    void anInstanceStartedWhileRedisIsDownConnectsOnceItAnswers() throws Exception {
        server.stop();
        try (RedisSharedState redis = RedisSharedState.connect(server.url(), TestRedis.namespace())) {
            assertThat(redis.health().reachable()).isFalse();
            assertThatThrownBy(() -> redis.runningSearches().lookup("tv")).isInstanceOf(SharedStateUnavailableException.class);

            server.startAgain();
            assertThat(within(Duration.ofSeconds(10), () -> redis.health().reachable())).isTrue();
            UUID search = UUID.randomUUID();
            assertThat(redis.runningSearches().claim("tv", search, Duration.ofMinutes(1))).isEqualTo(search);
        }
    }

    @Test
    void aBadUrlIsRefusedWithoutConnecting() {
        assertThat(RedisSharedState.isRedisUrl("redis://127.0.0.1:6379")).isTrue();
        assertThat(RedisSharedState.isRedisUrl("rediss://cache.internal:6380/2")).isTrue();
        assertThat(RedisSharedState.isRedisUrl("http://127.0.0.1:6379")).isFalse();
        assertThat(RedisSharedState.isRedisUrl("127.0.0.1:6379")).isFalse();
        assertThat(RedisSharedState.isRedisUrl("redis://")).isFalse();
        assertThat(RedisSharedState.withoutSecrets("redis://:s3cr3t@cache:6379")).isEqualTo("redis://****@cache:6379");
    }

    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
