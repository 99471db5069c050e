package gt.dondelocompro.adapters.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(30, now::get);

    @Test
    void aClientMayStartItsWholeAllowanceAtOnceThenWaitsForTheNextToken() {
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).as("search " + (i + 1)).isEmpty();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).contains(Duration.ofSeconds(2));
        now.addAndGet(Duration.ofMillis(1500).toNanos());
        assertThat(limiter.tryAcquire("10.0.0.1")).contains(Duration.ofMillis(500));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
        assertThat(limiter.tryAcquire("10.0.0.1")).isPresent();
    }

    @Test
    void clientsHaveTheirOwnAllowance() {
        for (int i = 0; i < 30; i++) {
            limiter.tryAcquire("10.0.0.1");
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isPresent();
        assertThat(limiter.tryAcquire("10.0.0.2")).isEmpty();
    }

    @Test
    void anIdleMinuteRefillsTheWholeAllowanceButNoMore() {
        for (int i = 0; i < 30; i++) {
            limiter.tryAcquire("10.0.0.1");
        }
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isPresent();
    }
}
