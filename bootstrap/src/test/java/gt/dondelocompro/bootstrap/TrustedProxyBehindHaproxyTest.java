package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.adapters.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TRUSTED_PROXIES} behind the cluster script's HAProxy ({@link ClusterHaproxy}: the configuration
 * {@code scripts/cluster.sh} runs), in front of two instances sharing Redis that trust 127.0.0.1, where HAProxy
 * connects from, and allow 3 searches a minute per client. Clients come from addresses of their own (all of 127/8
 * is loopback on Linux): through HAProxy each has its own bucket, which holds across the instances (round-robin);
 * a forged {@code X-Forwarded-For} or {@code Forwarded}, through HAProxy or straight to an instance from an untrusted
 * address, changes nothing. A bucket refills a token every 20 s, longer than this test takes.
 */
class TrustedProxyBehindHaproxyTest {

    private static final int PER_MINUTE = 3;
    private static final String SEARCH = "{\"query\": \"licuadora oster\", \"max_results\": 3}";
    private static final List<DondeLoComproApp> APPS = new ArrayList<>();
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static ClusterHaproxy haproxy;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        ClusterHaproxy.assumeInstalled();
        Map<String, String> env = Map.of("PORT", "0", "REDIS_URL", TestRedis.url(), "REDIS_KEY_PREFIX", TestRedis.namespace(),
                "RATE_LIMIT_PER_MINUTE", Integer.toString(PER_MINUTE), "TRUSTED_PROXIES", "127.0.0.1",
                // closing waits for running searches up to their deadline
                "SEARCH_TIMEOUT_MS", "1000");
        APPS.add(Main.start(env, "--demo"));
        APPS.add(Main.start(env, "--demo"));
        haproxy = ClusterHaproxy.start(APPS.get(0).port(), APPS.get(1).port());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.close();
        }
        CLIENTS.values().forEach(HttpClient::close);
        APPS.forEach(DondeLoComproApp::close);
    }

    /** {@code POST /search} from {@code source} (a loopback address) to {@code base}, with extra headers. */
    private static HttpResponse<String> search(String source, String base, String... headers) throws IOException, InterruptedException {
        HttpClient http = CLIENTS.computeIfAbsent(source, s -> {
            try {
                return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(InetAddress.getByName(s)).connectTimeout(Duration.ofSeconds(5)).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/search?use_cache=true"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SEARCH));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(String source, String base, String... headers) throws IOException, InterruptedException {
        return search(source, base, headers).statusCode();
    }

    private static String instance(int i) {
        return "http://127.0.0.1:" + APPS.get(i).port();
    }

    @Test
    void throughHaproxyTwoClientsWithDifferentAddressesHaveSeparateBuckets() throws Exception {
        String lb = haproxy.url();
        // interleaved: were both known by HAProxy's address, they would share one bucket and the second client's
        // second search would already be refused
        for (int i = 1; i <= PER_MINUTE; i++) {
            assertThat(status("127.0.0.2", lb)).as("client 127.0.0.2, search %d of %d", i, PER_MINUTE).isEqualTo(200);
            assertThat(status("127.0.0.3", lb)).as("client 127.0.0.3, search %d of %d", i, PER_MINUTE).isEqualTo(200);
        }
        HttpResponse<String> refused = search("127.0.0.2", lb);
        assertThat(refused.statusCode()).as("client 127.0.0.2, one more: the limit holds across both instances").isEqualTo(429);
        assertThat(refused.body()).contains("too many searches from this client");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(status("127.0.0.3", lb)).as("client 127.0.0.3, one more").isEqualTo(429);

        // a client claiming to be someone else through HAProxy: X-Forwarded-For is appended to (the rightmost hop is
        // the address HAProxy saw), Forwarded is removed
        assertThat(status("127.0.0.2", lb, "X-Forwarded-For", "203.0.113.9")).as("through HAProxy, X-Forwarded-For forged").isEqualTo(429);
        assertThat(status("127.0.0.2", lb, "Forwarded", "for=203.0.113.9")).as("through HAProxy, Forwarded forged").isEqualTo(429);
        assertThat(status("127.0.0.2", lb, "X-Forwarded-For", "127.0.0.1")).as("through HAProxy, claiming to be the proxy").isEqualTo(429);
    }

    @Test
    void fromAnUntrustedAddressAForgedForwardedForChangesNothing() throws Exception {
        // straight to the instances from 127.0.0.4 (not a trusted proxy), each time claiming another client
        for (int i = 1; i <= PER_MINUTE; i++) {
            assertThat(status("127.0.0.4", instance(i % 2), "X-Forwarded-For", "203.0.113." + i))
                    .as("client 127.0.0.4 straight to an instance, search %d of %d", i, PER_MINUTE).isEqualTo(200);
        }
        assertThat(status("127.0.0.4", instance(0), "X-Forwarded-For", "203.0.113.9")).as("X-Forwarded-For forged").isEqualTo(429);
        assertThat(status("127.0.0.4", instance(1), "X-Forwarded-For", "203.0.113.10, 198.51.100.7"))
                .as("a forged chain").isEqualTo(429);
        assertThat(status("127.0.0.4", instance(0), "Forwarded", "for=203.0.113.11")).as("Forwarded forged").isEqualTo(429);
        // and through HAProxy it is the same client, in the same bucket
        assertThat(status("127.0.0.4", haproxy.url())).as("the same client through HAProxy").isEqualTo(429);
        // what is refused is this client, not everyone
        assertThat(status("127.0.0.9", instance(0))).as("another client, straight to the same instance").isEqualTo(200);
    }

    @Test
    void throughHaproxyTheAnswersUrlsAreTheBalancersWhateverTheClientClaims() throws Exception {
        String lb = haproxy.url();
        HttpResponse<String> started = search("127.0.0.5", lb, "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode ticket = json.readTree(started.body());
        String id = ticket.get("search_id").asText();
        // the Host the client sent (the balancer's), the scheme HAProxy sets; what the client claimed was removed
        assertThat(ticket.get("sse_url").asText()).isEqualTo(lb + "/search/" + id + "/events");
        assertThat(ticket.get("results_url").asText()).startsWith(lb + "/search/" + id);

        HttpResponse<String> results = CLIENTS.get("127.0.0.5").send(HttpRequest.newBuilder(URI.create(ticket.get("results_url").asText()))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(results.statusCode()).as("the results URL works through HAProxy, whichever instance answers: " + results.body())
                .isEqualTo(200);
        assertThat(json.readTree(results.body()).get("search_id").asText()).isEqualTo(id);
    }
}
