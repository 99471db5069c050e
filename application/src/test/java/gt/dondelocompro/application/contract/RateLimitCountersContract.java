package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.RateLimitCounters;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of every {@link RateLimitCounters}: a full bucket per key, then one token per minute / limit. */
public abstract class RateLimitCountersContract {

    /** Fresh counters, in their own namespace. */
    protected abstract RateLimitCounters newCounters();

    private final RateLimitCounters counters = newCounters();
    private final String client = "203.0.113." + UUID.randomUUID();

    @Test
    void aClientMayTakeItsWholeAllowanceAtOnceThenWaitsForTheNextToken() {
        for (int i = 0; i < 5; i++) {
            assertThat(counters.take(client, 5)).as("request " + (i + 1)).isEmpty();
        }
        Optional<Duration> wait = counters.take(client, 5);

        assertThat(wait).isPresent();
        assertThat(wait.get()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
    }

    @Test
    void aRefusedRequestTakesNothingAndTheTokenComesBackAfterTheWait() throws InterruptedException {
        int perMinute = 120; // a token every 500 ms
        for (int i = 0; i < perMinute; i++) {
            assertThat(counters.take(client, perMinute)).isEmpty();
        }
        Duration wait = counters.take(client, perMinute).orElseThrow();
        assertThat(wait).isBetween(Duration.ofMillis(1), Duration.ofMillis(500));
        assertThat(counters.take(client, perMinute)).isPresent();

        Thread.sleep(wait.toMillis() + 60);
        assertThat(counters.take(client, perMinute)).isEmpty();
        assertThat(counters.take(client, perMinute)).isPresent();
    }

    @Test
    void clientsHaveTheirOwnAllowance() {
        for (int i = 0; i < 3; i++) {
            counters.take(client, 3);
        }
        assertThat(counters.take(client, 3)).isPresent();
        assertThat(counters.take(client + "-other", 3)).isEmpty();
    }
}
