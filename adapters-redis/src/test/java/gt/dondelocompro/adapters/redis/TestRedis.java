package gt.dondelocompro.adapters.redis;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.UUID;

/**
 * The Redis the tests use, chosen once per JVM: {@code DLC_TEST_REDIS_URL} when set ({@code .ci/run} sets the
 * machine's, 127.0.0.1:6379); else a Testcontainers Redis when a Docker engine answers; else a {@code redis-server}
 * of the tests' own when one is installed; else none. With none, a test that needs Redis is skipped on a developer's
 * machine, and fails when {@code DLC_REQUIRE_REDIS=true} (CI sets it): a skipped shared-state suite must not pass
 * as green there. Each test works in a namespace of its own ({@link #namespace()}), so parallel runs on one Redis
 * do not meet.
 */
public final class TestRedis {

    public static final String URL_VARIABLE = "DLC_TEST_REDIS_URL";
    public static final String REQUIRE_VARIABLE = "DLC_REQUIRE_REDIS";

    private static String url;
    private static String unavailable;

    private TestRedis() {
    }

    /** The URL of the tests' Redis; skips (or fails, when required) the calling test when there is none. */
    public static synchronized String url() {
        if (url == null && unavailable == null) {
            choose();
        }
        if (url != null) {
            return url;
        }
        if (Boolean.parseBoolean(System.getenv(REQUIRE_VARIABLE))) {
            throw new IllegalStateException(REQUIRE_VARIABLE + "=true but there is no Redis for the tests: " + unavailable);
        }
        Assumptions.abort("no Redis for the tests (" + unavailable + "); set " + URL_VARIABLE
                + "=redis://127.0.0.1:6379 or install redis-server");
        throw new AssertionError("unreachable");
    }

    /** A key prefix no other test uses. */
    public static String namespace() {
        return "dlc-test-" + UUID.randomUUID();
    }

    private static void choose() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            url = configured.strip();
            return;
        }
        if (dockerAnswers()) {
            GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
            redis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
            url = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
            return;
        }
        if (RedisServerProcess.available()) {
            RedisServerProcess own = RedisServerProcess.start();
            Runtime.getRuntime().addShutdownHook(new Thread(own::stop));
            url = own.url();
            return;
        }
        unavailable = URL_VARIABLE + " is not set, no Docker engine answers and redis-server is not installed";
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
