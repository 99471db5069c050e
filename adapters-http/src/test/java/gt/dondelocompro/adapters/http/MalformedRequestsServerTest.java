package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.http.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that break HTTP/1.1 or the input rules, sent byte for byte over a bare socket to a server built as the
 * bootstrap builds it: each gets a 4xx problem (or the answer HTTP prescribes), never a 500, and nothing is logged
 * as SEVERE.
 */
class MalformedRequestsServerTest {

    static TestServer server;
    static SevereLogs severe;

    @BeforeAll
    static void start() {
        server = TestServer.start(HttpSettings.defaults("malformed").withSearchesPerMinute(10_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void collectLogs() {
        severe = SevereLogs.collect();
    }

    @AfterEach
    void nothingSevere() {
        try {
            assertThat(severe.messages()).as("SEVERE log records").isEmpty();
        } finally {
            severe.close();
        }
    }

    private static Answer send(String request) throws Exception {
        return RawHttp.exchange(server.port(), request);
    }

    private static String chunkedSearch(String chunks) {
        return "POST /search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks;
    }

    private static JsonNode problem(Answer answer) throws Exception {
        assertThat(answer.isProblem()).as("a problem body: " + answer.text()).isTrue();
        return WebSocketConnection.JSON.readTree(answer.body());
    }

    // ---- chunked bodies

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\n{}\r\n0\r\n\r\n", "-5\r\n{}\r\n0\r\n\r\n", "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n",
            "2\r\n{}XX0\r\n\r\n", " \r\n\r\n"})
    void aMalformedChunkedBodyIsA400Problem(String chunks) throws Exception {
        Answer answer = send(chunkedSearch(chunks));

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(problem(answer).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void aChunkExtensionIsA400ThatSaysSo() throws Exception {
        String body = "{\"query\":\"licuadora\"}";
        Answer answer = send(chunkedSearch(Integer.toHexString(body.length()) + ";ext=x\r\n" + body + "\r\n0\r\n\r\n"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(problem(answer).get("detail").asText()).contains("chunk extensions");
    }

    @Test
    void aWellFormedChunkedBodyIsRead() throws Exception {
        String body = "{\"query\":\"licuadora\"}";
        Answer answer = send(chunkedSearch("5\r\n" + body.substring(0, 5) + "\r\n" + Integer.toHexString(body.length() - 5)
                + "\r\n" + body.substring(5) + "\r\n0\r\n\r\n"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body()).contains("search_id");
    }

    // ---- control characters in parameters

    @ParameterizedTest
    @ValueSource(strings = {"/analytics/vendor-performance?vendor_id=%00|vendor_id",
            "/analytics/vendor-performance?vendor_id=cemaco%0A|vendor_id",
            "/analytics/popular-searches?days=%007|days",
            "/analytics/popular-searches?limit=1%0D|limit",
            "/search/00000000-0000-0000-0000-000000000000/events?last_event_id=%1b|last_event_id",
            "/products/1%00/price-history|id",
            "/search/%00/results|id"})
    void aControlCharacterInAParameterIsA400NamingIt(String pathAndField) throws Exception {
        String[] parts = pathAndField.split("\\|");
        Answer answer = send("GET " + parts[0] + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        JsonNode problem = problem(answer);
        assertThat(problem.path("field").asText()).as(answer.body()).isEqualTo(parts[1]);
        assertThat(answer.body()).doesNotContain("\\u0000");
    }

    @Test
    void aControlCharacterInAQueryParameterOfPostSearchIsA400NamingIt() throws Exception {
        String body = "{\"query\":\"licuadora\"}";
        Answer answer = send("POST /search?use_cache=%00 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(problem(answer).path("field").asText()).isEqualTo("use_cache");
    }

    // ---- the request line

    @ParameterizedTest
    @ValueSource(strings = {"GE\u0001T", "G\u0000ET", "GET\u007f", "{}", "G(T"})
    void aMethodNameWithForbiddenCharactersIsRefusedWithAProblem(String method) throws Exception {
        Answer answer = send(method + " /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.text()).isIn(400, 501);
        problem(answer);
    }

    @Test
    void anUnknownButWellFormedMethodIsNotAServerError() throws Exception {
        Answer answer = send("BREW /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.text()).isBetween(400, 499);
        problem(answer);
    }

    // ---- conditional requests on static files

    @Test
    void ifNoneMatchStarOnAnExistingStaticFileIsNotModified() throws Exception {
        try (RawHttp http = RawHttp.connect(server.port())) {
            Answer answer = http.send("GET /web/app.js HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: *\r\n\r\n")
                    .readAnswer(java.time.Duration.ofSeconds(10));

            assertThat(answer.status()).as(answer.text()).isEqualTo(304);
            assertThat(answer.body()).isEmpty();
            // the connection stays usable
            Answer next = http.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .readAnswer(java.time.Duration.ofSeconds(10));
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void ifNoneMatchWithTheFilesOwnTagIsNotModifiedAndAnotherTagGetsTheFile() throws Exception {
        Answer first = send("GET /web/app.js HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(first.status()).isEqualTo(200);
        String etag = first.header("ETag");
        if (etag != null) {
            assertThat(send("GET /web/app.js HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: " + etag
                    + "\r\nConnection: close\r\n\r\n").status()).isEqualTo(304);
        }
        assertThat(send("GET /web/app.js HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: \"other\"\r\nConnection: close\r\n\r\n")
                .status()).isEqualTo(200);
    }

    /** Found by FuzzServerTest: Helidon's static content parses these dates and let the failure become a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"If-Modified-Since: yesterday", "If-Unmodified-Since: 32 Foo 99", "If-Modified-Since: Tue, 99 Dec 2026 25:61:00 GMT"})
    void aConditionalDateThatIsNotADateOnAStaticFileIsNotAServerError(String header) throws Exception {
        Answer answer = send("GET /web/app.js HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.text()).isIn(200, 400);
        if (answer.status() == 400) {
            assertThat(problem(answer).path("detail").asText()).contains(header.substring(0, header.indexOf(':')));
        }
    }

    @Test
    void ifMatchStarOnAStaticFileIsServed() throws Exception {
        Answer answer = send("GET /web/app.js HTTP/1.1\r\nHost: localhost\r\nIf-Match: *\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    /** Found by FuzzServerTest: a request line that is not HTTP/1.1 was closed without any answer. */
    @ParameterizedTest
    @ValueSource(strings = {"GET /health HTTP/1.0", "GET /health HTTP/2.0", "POST /search HTTP/9.9"})
    void anotherHttpVersionIsA426ProblemThatAsksForHttp11(String requestLine) throws Exception {
        Answer answer = send(requestLine + "\r\nHost: localhost\r\n\r\n");

        assertThat(answer.status()).as(answer.text()).isEqualTo(426);
        assertThat(answer.header("Upgrade")).isEqualTo("HTTP/1.1");
        assertThat(problem(answer).path("detail").asText()).contains("HTTP/1.1");
        assertThat(answer.header("Connection")).as("the connection is closed after the answer").isEqualTo("close");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /health", "GET /health http/1.1", "GET /health HTTP/1.1.1", "GET /health SPDY/3",
            "GET  /health HTTP/1.0"})
    void aRequestLineOutsideHttpsGrammarIsA400Problem(String requestLine) throws Exception {
        Answer answer = send(requestLine + "\r\nHost: localhost\r\n\r\n");

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(problem(answer).path("detail").asText()).contains("request line");
    }

    @Test
    void aRequestLineLongerThanThePrologueLimitIsA414Problem() throws Exception {
        Answer answer = send("GET /search/" + "a".repeat(20_000) + "/results HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer.status()).as(answer.text()).isEqualTo(414);
        assertThat(problem(answer).path("status").asInt()).isEqualTo(414);
    }

    @Test
    void theServerAnswersNormallyAfterAllThis() throws Exception {
        aMalformedChunkedBodyIsA400Problem("zz\r\n{}\r\n0\r\n\r\n");
        Answer health = send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().getBytes(StandardCharsets.UTF_8).length).isPositive();
    }
}
