package gt.dondelocompro.adapters.scraping.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Retry-After} in both forms HTTP allows: delay-seconds and an HTTP date. */
class RetryAfterTest {

    private static HttpHeaders headers(String value) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(value)), (k, v) -> true);
    }

    @Test
    void secondsAreReadAsADelay() {
        assertThat(PoliteHttpClient.retryAfter(headers("3"))).contains(Duration.ofSeconds(3));
    }

    @Test
    void anHttpDateIsReadAsTheTimeUntilThen() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));

        assertThat(PoliteHttpClient.retryAfter(headers(inTenSeconds)).orElseThrow())
                .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    @Test
    void aDateInThePastMeansNowAndGarbageMeansAbsent() {
        assertThat(PoliteHttpClient.retryAfter(headers("Wed, 21 Oct 2015 07:28:00 GMT"))).contains(Duration.ZERO);
        assertThat(PoliteHttpClient.retryAfter(headers("soon"))).isEmpty();
    }
}
