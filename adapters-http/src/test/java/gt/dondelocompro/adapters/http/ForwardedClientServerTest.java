package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.application.port.out.RateLimitCounters;
import gt.dondelocompro.application.port.out.SharedStateUnavailableException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TRUSTED_PROXIES} on a real socket: behind a trusted proxy (here: loopback, where the test's requests come
 * from) each forwarded client has its own rate-limit bucket and the answer's URLs are the ones the client used; from
 * an untrusted address forged headers change neither. And the limit's counters: shared ones when given, this
 * process's own while those fail.
 */
class ForwardedClientServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private static HttpSettings onePerMinute(TrustedProxies proxies) {
        return HttpSettings.defaults("forwarded").withSearchesPerMinute(1).withTrustedProxies(proxies);
    }

    private HttpResponse<String> search(TestServer server, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/search?use_cache=false"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"licuadora\"}"));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void behindATrustedProxyTwoClientsHaveTheirOwnBuckets() throws Exception {
        try (TestServer server = TestServer.start(onePerMinute(TrustedProxies.parse(List.of("127.0.0.1", "::1"))))) {
            assertThat(search(server, "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
            assertThat(search(server, "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(429);
            assertThat(search(server, "X-Forwarded-For", "203.0.113.2").statusCode()).as("another client").isEqualTo(200);
            // a client that prepends a made-up address is still known by the one the proxy appended
            assertThat(search(server, "X-Forwarded-For", "198.51.100.77, 203.0.113.1").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void fromAnUntrustedAddressAForgedXForwardedForChangesNothing() throws Exception {
        try (TestServer server = TestServer.start(onePerMinute(TrustedProxies.parse(List.of("10.0.0.0/8"))))) {
            assertThat(search(server, "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
            assertThat(search(server, "X-Forwarded-For", "203.0.113.2").statusCode()).isEqualTo(429);
            assertThat(search(server, "Forwarded", "for=203.0.113.3").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void theUrlsOfTheAnswerAreTheOnesTheClientUsedOnlyBehindATrustedProxy() throws Exception {
        String[] forwarded = {"X-Forwarded-For", "203.0.113.1", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "dondelocompro.gt"};
        try (TestServer trusted = TestServer.start(onePerMinute(TrustedProxies.parse(List.of("127.0.0.1", "::1"))));
             TestServer untrusted = TestServer.start(onePerMinute(TrustedProxies.NONE))) {
            JsonNode behind = Json.MAPPER.readTree(search(trusted, forwarded).body());
            assertThat(behind.get("sse_url").asText()).startsWith("https://dondelocompro.gt/search/").endsWith("/events");
            assertThat(behind.get("results_url").asText()).startsWith("https://dondelocompro.gt/search/");

            JsonNode direct = Json.MAPPER.readTree(search(untrusted, forwarded).body());
            assertThat(direct.get("sse_url").asText()).startsWith("http://127.0.0.1:" + untrusted.port() + "/search/");
        }
    }

    @Test
    void theWebSocketTellsForwardedClientsApartAndBuildsTheirUrlsOnlyBehindATrustedProxy() throws Exception {
        try (TestServer trusted = TestServer.start(onePerMinute(TrustedProxies.parse(List.of("127.0.0.1", "::1"))));
             TestServer untrusted = TestServer.start(onePerMinute(TrustedProxies.NONE))) {
            URI behind = URI.create("ws://127.0.0.1:" + trusted.port() + "/ws/search");
            String frame = "{\"query\": \"licuadora\", \"use_cache\": false}";
            try (WebSocketConnection ws = WebSocketConnection.open(behind, "X-Forwarded-For", "203.0.113.1",
                    "X-Forwarded-Proto", "https", "X-Forwarded-Host", "dondelocompro.gt")) {
                ws.send(frame);
                WebSocketConnection.Frame started = ws.next();
                assertThat(started.event()).isEqualTo("search_started");
                assertThat(started.data().get("sse_url").asText()).startsWith("https://dondelocompro.gt/search/");
            }
            try (WebSocketConnection ws = WebSocketConnection.open(behind, "X-Forwarded-For", "203.0.113.2")) {
                ws.send(frame);
                assertThat(ws.next().event()).as("another client").isEqualTo("search_started");
            }
            try (WebSocketConnection ws = WebSocketConnection.open(behind, "X-Forwarded-For", "203.0.113.1")) {
                ws.send(frame);
                assertThat(ws.next().event()).as("the first client again").isEqualTo("error");
            }

            URI direct = URI.create("ws://127.0.0.1:" + untrusted.port() + "/ws/search");
            try (WebSocketConnection ws = WebSocketConnection.open(direct, "X-Forwarded-For", "203.0.113.1",
                    "X-Forwarded-Host", "evil.example")) {
                ws.send(frame);
                WebSocketConnection.Frame started = ws.next();
                assertThat(started.event()).isEqualTo("search_started");
                assertThat(started.data().get("sse_url").asText()).startsWith("http://127.0.0.1:" + untrusted.port() + "/");
            }
            try (WebSocketConnection ws = WebSocketConnection.open(direct, "X-Forwarded-For", "203.0.113.2")) {
                ws.send(frame);
                assertThat(ws.next().event()).as("a forged address from an untrusted peer changes nothing").isEqualTo("error");
            }
        }
    }

    @Test
    void sharedCountersAreUsedAndWhileTheyFailThisProcessCountsAlone() {
        List<String> asked = new ArrayList<>();
        boolean[] down = {false};
        RateLimitCounters shared = (key, perMinute) -> {
            if (down[0]) {
                throw new SharedStateUnavailableException("down", null);
            }
            asked.add(key);
            return asked.size() > 1 ? Optional.of(java.time.Duration.ofSeconds(7)) : Optional.empty();
        };
        RateLimiter limiter = new RateLimiter(1, shared, "search");

        assertThat(limiter.tryAcquire("203.0.113.1")).isEmpty();
        assertThat(limiter.tryAcquire("203.0.113.1")).contains(java.time.Duration.ofSeconds(7));
        assertThat(asked).containsExactly("search:203.0.113.1", "search:203.0.113.1");
        down[0] = true;
        assertThat(limiter.tryAcquire("203.0.113.1")).as("local bucket, full").isEmpty();
        assertThat(limiter.tryAcquire("203.0.113.1")).as("local bucket, empty").isPresent();
    }
}
