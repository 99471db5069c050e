package gt.dondelocompro.adapters.scraping.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Retry-After} in both forms HTTP allows: delay-seconds and an HTTP date, measured from a given now. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-02T15:04:05Z");

    private static HttpHeaders headers(String value) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(value)), (k, v) -> true);
    }

    @Test
    void secondsAreReadAsADelay() {
        assertThat(PoliteHttpClient.retryAfter(headers("3"), NOW)).contains(Duration.ofSeconds(3));
    }

    @Test
    void anHttpDateIsReadAsTheTimeFromNowUntilThen() {
        assertThat(PoliteHttpClient.retryAfter(headers("Mon, 02 Mar 2026 15:04:15 GMT"), NOW)).contains(Duration.ofSeconds(10));
    }

    @Test
    void aDateInThePastMeansNowAndGarbageMeansAbsent() {
        assertThat(PoliteHttpClient.retryAfter(headers("Mon, 02 Mar 2026 15:04:04 GMT"), NOW)).contains(Duration.ZERO);
        assertThat(PoliteHttpClient.retryAfter(headers("soon"), NOW)).isEmpty();
    }
}
