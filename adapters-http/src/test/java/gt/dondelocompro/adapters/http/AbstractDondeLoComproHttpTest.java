package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.HealthReport;
import gt.dondelocompro.application.port.in.HealthUseCase;
import gt.dondelocompro.application.port.in.PopularSearchesUseCase;
import gt.dondelocompro.application.port.in.ServiceClosedException;
import gt.dondelocompro.application.port.in.StartSearchUseCase;
import gt.dondelocompro.application.port.in.RecorderStats;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Vendor;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract of DESIGN.md, run twice: without a network ({@code @RoutingTest}) and on a real socket
 * ({@code @ServerTest}). Behind the routes is the real core with in-memory persistence and two test stores: one
 * that answers with two offers, one whose page "changed" (a parse failure).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractDondeLoComproHttpTest {

    static final int SEARCHES_PER_MINUTE = 40;
    static final String ORIGIN = "https://front.example";
    static final ObjectMapper JSON = new ObjectMapper();

    static DondeLoCompro core;
    static final AtomicBoolean degraded = new AtomicBoolean();

    private final Http1Client client;

    AbstractDondeLoComproHttpTest(Http1Client client) {
        this.client = client;
    }

    static final HttpSettings SETTINGS = HttpSettings.defaults("1.2.3-test")
            .withSearchesPerMinute(SEARCHES_PER_MINUTE)
            .withCorsOrigins(List.of(ORIGIN))
            .withHeartbeatInterval(Duration.ofMillis(200));

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GateStore alfa = GateStore.offering("tienda-alfa", "Tienda Alfa",
                new GateStore.Offering("LIC-600", "Licuadora Oster 600W", "1299", "1499.5", Availability.IN_STOCK),
                new GateStore.Offering("LIC-VASO", "Licuadora Oster vaso de vidrio", "349.9", null, Availability.OUT_OF_STOCK));
        GateStore beta = GateStore.failing("tienda-beta", "Tienda Beta", FailureKind.PARSE, "the results page changed");
        Vendor inactive = new Vendor("tienda-gama", "Tienda Gama", "https://gama.example", "vtex", false);
        core = DondeLoCompro.builder().store(alfa).store(beta)
                .vendors(List.of(alfa.vendor(), beta.vendor(), inactive)).build();
        HttpUseCases real = TestUseCases.of(core);
        HealthUseCase health = () -> degraded.get()
                ? new HealthReport(false, HealthReport.Database.DISCONNECTED, List.of("tienda-alfa"), List.of("tienda-alfa"),
                List.of(), new RecorderStats(3, 1, 2, 1, 0, 0), Instant.now())
                : real.health().health();
        // a use case that breaks on limit=99, to see what a client learns of an unexpected failure
        PopularSearchesUseCase popular = (days, limit) -> {
            if (limit == 99) {
                throw new IllegalStateException("secret-internal-detail");
            }
            return real.popularSearches().popularSearches(days, limit);
        };
        // a start that fails on purpose: "cerrando" as a core that is closing, "estado ilegal" as a fault
        StartSearchUseCase start = command -> switch (command.query().normalized()) {
            case "cerrando" -> throw new ServiceClosedException("the service is shutting down");
            case "estado ilegal" -> throw new IllegalStateException("a fault that is not a shutdown");
            default -> real.startSearch().startSearch(command);
        };
        HttpUseCases useCases = new HttpUseCases(start, real.getSearch(), real.subscribeToSearch(),
                real.vendors(), health, real.priceHistory(), popular, real.storePerformance(), real.catalogProducts());
        DondeLoComproHttp.routing(routing, useCases, SETTINGS);
    }

    @AfterAll
    static void closeCore() {
        core.close(Duration.ofSeconds(5));
    }

    // ---- GET / and the page

    @Test
    void rootAnswersApiClientsWithJson() throws IOException {
        Reply reply = get("/", Map.of("Accept", "application/json"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.get("version").asText()).isEqualTo("1.2.3-test");
        assertThat(body.get("status").asText()).isEqualTo("running");
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void rootServesTheWebPageToBrowsers() {
        Reply reply = get("/", Map.of("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/html");
        assertThat(reply.body()).contains("<!DOCTYPE html>").doesNotContain("<script>");
        assertSecurityHeaders(reply);
    }

    @Test
    void thePageScriptIsServedFromWeb() {
        Reply reply = get("/web/app.js", Map.of());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("EventSource");
        assertSecurityHeaders(reply);
    }

    // ---- /health

    @Test
    void healthIsHealthyWithoutADatabaseAndShowsTheRecorder() throws IOException {
        Reply reply = get("/health", Map.of());
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("status").asText()).isEqualTo("healthy");
        assertThat(body.get("database").asText()).isEqualTo("disabled");
        assertThat(body.get("redis").asText()).isEqualTo("disabled");
        assertThat(texts(body.get("scrapers"))).containsExactly("tienda-alfa", "tienda-beta", "tienda-gama");
        assertThat(texts(body.get("active_scrapers"))).containsExactly("tienda-alfa", "tienda-beta");
        assertThat(body.get("stores").asText()).isEqualTo("ok");
        assertThat(body.get("failing_stores").isArray()).isTrue();
        assertThat(Instant.parse(body.get("timestamp").asText())).isNotNull();
        assertThat(body.get("recorder").get("backlog").isNumber()).isTrue();
        assertThat(body.get("recorder").has("failed")).isTrue();
        assertThat(body.get("recorder").get("dead_lettered").isNumber()).isTrue();
        assertThat(body.get("recorder").get("offers_dropped").isNumber()).isTrue();
    }

    @Test
    void healthIs503WhenDegraded() throws IOException {
        degraded.set(true);
        try {
            Reply reply = get("/health", Map.of());
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.json().get("status").asText()).isEqualTo("degraded");
            assertThat(reply.json().get("database").asText()).isEqualTo("disconnected");
            assertThat(reply.json().get("recorder").get("retrying").asLong()).isEqualTo(1);
        } finally {
            degraded.set(false);
        }
    }

    // ---- POST /search, results, events of a finished search

    @Test
    void aSearchStartsAndItsResultsFollowTheContract() throws Exception {
        Reply started = postJson("/search", "{\"query\": \"  licuadora oster \", \"max_results\": 5}");
        assertThat(started.status()).isEqualTo(200);
        JsonNode ticket = started.json();
        UUID id = UUID.fromString(ticket.get("search_id").asText());
        assertThat(ticket.get("status").asText()).isEqualTo("initiated");
        assertThat(ticket.get("cached").asBoolean()).isFalse();
        assertThat(ticket.get("message").asText()).isNotBlank();
        assertThat(ticket.get("sse_url").asText()).matches("http://[^/]+/search/" + id + "/events");
        assertThat(ticket.get("results_url").asText()).matches("http://[^/]+/search/" + id + "/results");

        awaitFinished(id);
        assertThat(core.recorder().awaitIdle(Duration.ofSeconds(10))).isTrue();
        Reply results = get("/search/" + id + "/results", Map.of());
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.body()).contains("\"price\":1299.00").contains("\"list_price\":1499.50");
        JsonNode body = results.json();
        assertThat(body.get("search_id").asText()).isEqualTo(id.toString());
        assertThat(body.get("query").asText()).isEqualTo("licuadora oster");
        assertThat(body.get("status").asText()).isEqualTo("completed");
        assertThat(body.get("cached").asBoolean()).isFalse();
        assertThat(Instant.parse(body.get("created_at").asText())).isBefore(Instant.parse(body.get("completed_at").asText()).plusMillis(1));
        assertThat(body.get("duration_seconds").isNumber()).isTrue();

        JsonNode products = body.get("products");
        assertThat(products).hasSize(2);
        JsonNode product = products.get(0);
        // the contract's product, plus product_id (for the price history) once the search has been recorded
        assertThat(fieldNames(product)).containsExactlyInAnyOrder("vendor_id", "vendor_name", "vendor_product_id", "name",
                "brand", "price", "list_price", "currency", "url", "image_url", "availability", "relevance", "gtin", "model", "category", "match_key", "product_id");
        Reply history = get("/products/" + product.get("product_id").asLong() + "/price-history?days=1", Map.of());
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("current").decimalValue()).isEqualByComparingTo("1299.00");
        assertThat(product.get("vendor_id").asText()).isEqualTo("tienda-alfa");
        assertThat(product.get("vendor_product_id").asText()).isEqualTo("LIC-600");
        assertThat(product.get("currency").asText()).isEqualTo("GTQ");
        assertThat(product.get("availability").asText()).isEqualTo("in_stock");
        assertThat(product.get("url").asText()).startsWith("https://");
        assertThat(product.get("relevance").decimalValue()).isBetween(java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE);
        assertThat(products.get(1).get("list_price").isNull()).isTrue();
        assertThat(products.get(1).get("availability").asText()).isEqualTo("out_of_stock");

        JsonNode vendors = body.get("vendors");
        assertThat(vendors).hasSize(2);
        JsonNode alfa = find(vendors, "vendor_id", "tienda-alfa");
        assertThat(alfa.get("status").asText()).isEqualTo("completed");
        assertThat(alfa.get("products_found").asInt()).isEqualTo(2);
        assertThat(alfa.get("duration").isNumber()).isTrue();
        assertThat(alfa.get("error").isNull()).isTrue();
        JsonNode beta = find(vendors, "vendor_id", "tienda-beta");
        assertThat(beta.get("status").asText()).isEqualTo("failed");
        assertThat(beta.get("kind").asText()).isEqualTo("parse");
        assertThat(beta.get("error").asText()).contains("changed");

        assertThat(body.get("cheapest").get("vendor_product_id").asText()).isEqualTo("LIC-600");

        JsonNode events = body.get("events");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("id").asLong()).isEqualTo(i + 1);
            assertThat(events.get(i).has("at")).isTrue();
            names.add(events.get(i).get("event").asText());
        }
        assertThat(names).startsWith("started").endsWith("completed")
                .contains("vendor_started", "product_found", "vendor_completed", "vendor_error");
        JsonNode found = find(events, "event", "product_found").get("data");
        assertThat(found.get("vendor_id").asText()).isEqualTo("tienda-alfa");
        assertThat(found.get("product").get("name").asText()).isNotBlank();
        JsonNode completed = events.get(events.size() - 1).get("data");
        assertThat(completed.get("total_results").asInt()).isEqualTo(2);
        assertThat(completed.get("duration").isNumber()).isTrue();
        assertThat(completed.get("cheapest").get("price").decimalValue()).isEqualByComparingTo("1299");
        JsonNode startedData = events.get(0).get("data");
        assertThat(startedData.get("max_results").asInt()).isEqualTo(5);
        assertThat(texts(startedData.get("vendors"))).containsExactly("tienda-alfa", "tienda-beta");
        JsonNode vendorError = find(events, "event", "vendor_error").get("data");
        assertThat(vendorError.get("kind").asText()).isEqualTo("parse");
        assertSecurityHeaders(results);
    }

    @Test
    void theSameSearchAgainIsAnsweredFromTheCacheUnlessRefused() throws Exception {
        UUID first = UUID.fromString(postJson("/search", "{\"query\": \"vaso oster\"}").json().get("search_id").asText());
        awaitFinished(first);

        JsonNode again = postJson("/search", "{\"query\": \"Vaso  OSTER\"}").json();
        assertThat(again.get("cached").asBoolean()).isTrue();
        assertThat(again.get("status").asText()).isEqualTo("completed");
        JsonNode results = get("/search/" + again.get("search_id").asText() + "/results", Map.of()).json();
        assertThat(results.get("cached").asBoolean()).isTrue();
        assertThat(results.get("cached_at").asText()).isNotBlank();
        assertThat(results.get("cache_age_seconds").decimalValue()).isNotNegative();
        assertThat(results.get("products")).hasSize(2);

        JsonNode refused = postJson("/search?use_cache=false", "{\"query\": \"vaso oster\"}").json();
        assertThat(refused.get("cached").asBoolean()).isFalse();
        awaitFinished(UUID.fromString(refused.get("search_id").asText()));
    }

    @Test
    void aJsonBodyWithACharsetIsAccepted() throws Exception {
        Reply started = post("/search", Map.of("Content-Type", "application/json; charset=UTF-8"), "{\"query\": \"con charset\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        awaitFinished(UUID.fromString(started.json().get("search_id").asText()));
    }

    @Test
    void rootVariesByAccept() {
        Reply reply = get("/", Map.of("Accept", "application/json"));
        assertThat(reply.header("Vary")).contains("Accept");
    }

    @Test
    void urlsOfANewSearchAreBuiltFromTheHostHeader() throws Exception {
        Reply started = post("/search", Map.of("Content-Type", "application/json", "Host", "precios.example:8443"),
                "{\"query\": \"host header\"}");
        JsonNode ticket = started.json();
        assertThat(ticket.get("sse_url").asText())
                .isEqualTo("http://precios.example:8443/search/" + ticket.get("search_id").asText() + "/events");
        awaitFinished(UUID.fromString(ticket.get("search_id").asText()));
    }

    @Test
    void theEventsOfAFinishedSearchAreReplayedAsAStream() throws Exception {
        UUID id = UUID.fromString(postJson("/search", "{\"query\": \"licuadora replay\"}").json().get("search_id").asText());
        awaitFinished(id);
        Reply stream = get("/search/" + id + "/events", Map.of("Accept", "text/event-stream"));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        List<SseConnection.Message> messages = SseConnection.parse(stream.body());
        assertThat(messages.getFirst().event()).isEqualTo("connected");
        assertThat(messages.getFirst().id()).isNull();
        assertThat(messages.getFirst().data()).startsWith("{\"search_id\":\"" + id + "\"");
        assertThat(messages.get(1)).satisfies(m -> {
            assertThat(m.event()).isEqualTo("started");
            assertThat(m.id()).isEqualTo("1");
            assertThat(m.data()).startsWith("{\"query\":\"licuadora replay\"");
        });
        assertThat(messages.getLast()).isEqualTo(new SseConnection.Message("completed", Long.toString(lastSequence(id)), completedData(id)));

        Reply resumed = get("/search/" + id + "/events?last_event_id=" + (lastSequence(id) - 1), Map.of());
        assertThat(SseConnection.parse(resumed.body())).extracting(SseConnection.Message::event)
                .doesNotContain("started").contains("completed");
    }

    // ---- the other GETs

    @Test
    void vendorsListsEveryConfiguredStore() throws IOException {
        Reply reply = get("/vendors", Map.of());
        assertThat(reply.status()).isEqualTo(200);
        JsonNode gama = find(reply.json(), "id", "tienda-gama");
        assertThat(gama.get("name").asText()).isEqualTo("Tienda Gama");
        assertThat(gama.get("base_url").asText()).isEqualTo("https://gama.example");
        assertThat(gama.get("platform").asText()).isEqualTo("vtex");
        assertThat(gama.get("active").asBoolean()).isFalse();
        assertThat(gama.get("demo").asBoolean()).isFalse();
        assertThat(gama.get("source").isNull()).isTrue();
        assertThat(gama.get("note").isNull()).isTrue();
        assertThat(gama.get("last_success_at").isNull()).isTrue();
        assertThat(gama.get("last_failure").isNull()).isTrue();
        assertThat(gama.get("success_rate_24h").isNull()).isTrue();
        assertThat(reply.json()).hasSize(3);
    }

    @Test
    void vendorsSayHowEachStoreHasBeenAnswering() throws Exception {
        Instant before = Instant.now();
        awaitFinished(UUID.fromString(postJson("/search?use_cache=false", "{\"query\": \"licuadora salud\"}").json()
                .get("search_id").asText()));

        JsonNode vendors = get("/vendors", Map.of()).json();
        JsonNode alfa = find(vendors, "id", "tienda-alfa");
        assertThat(Instant.parse(alfa.get("last_success_at").asText())).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(alfa.get("success_rate_24h").asDouble()).isEqualTo(1.0);
        assertThat(alfa.get("last_failure").isNull()).isTrue();
        JsonNode beta = find(vendors, "id", "tienda-beta");
        assertThat(beta.get("last_success_at").isNull()).isTrue();
        assertThat(beta.get("success_rate_24h").asDouble()).isZero();
        assertThat(beta.get("last_failure").get("kind").asText()).isEqualTo("parse");
        assertThat(beta.get("last_failure").get("error").asText()).isEqualTo("the results page changed");
        assertThat(Instant.parse(beta.get("last_failure").get("at").asText())).isAfterOrEqualTo(before.minusMillis(1));
        // one of the two active stores failing is not most of them
        JsonNode health = get("/health", Map.of()).json();
        assertThat(health.get("stores").asText()).isEqualTo("ok");
    }

    @Test
    void recordedSearchesFeedPriceHistoryAndAnalytics() throws Exception {
        UUID id = UUID.fromString(postJson("/search", "{\"query\": \"licuadora analitica\"}").json().get("search_id").asText());
        awaitFinished(id);
        assertThat(core.recorder().awaitIdle(Duration.ofSeconds(10))).isTrue();

        Reply history = get("/products/1/price-history?days=30", Map.of());
        assertThat(history.status()).isEqualTo(200);
        JsonNode h = history.json();
        assertThat(h.get("product_id").asLong()).isEqualTo(1);
        assertThat(h.get("days").asInt()).isEqualTo(30);
        assertThat(h.get("observations").size()).isPositive();
        JsonNode observation = h.get("observations").get(0);
        assertThat(fieldNames(observation)).contains("price", "currency", "availability", "scraped_at");
        assertThat(h.get("min").isNumber()).isTrue();
        assertThat(h.get("max").isNumber()).isTrue();
        assertThat(h.get("current").isNumber()).isTrue();
        assertThat(h.get("change").isNumber()).isTrue();

        JsonNode popular = get("/analytics/popular-searches?days=7&limit=100", Map.of()).json();
        JsonNode row = find(popular, "query", "licuadora analitica");
        assertThat(row.get("count").asLong()).isEqualTo(1);
        assertThat(row.get("last_searched_at").asText()).isNotBlank();
        assertThat(get("/analytics/popular-searches?limit=1", Map.of()).json()).hasSize(1);

        JsonNode all = get("/analytics/vendor-performance", Map.of()).json();
        assertThat(texts(all, "vendor_id")).contains("tienda-alfa", "tienda-beta");
        JsonNode beta = get("/analytics/vendor-performance?vendor_id=tienda-beta&days=1", Map.of()).json();
        assertThat(texts(beta, "vendor_id")).containsOnly("tienda-beta");
        assertThat(fieldNames(beta.get(0))).containsExactlyInAnyOrder("vendor_id", "date", "total_searches",
                "total_products", "avg_duration_seconds", "success_rate", "error_count");
        assertThat(beta.get(0).get("error_count").asInt()).isPositive();
    }

    // ---- refusals

    @ParameterizedTest(name = "{0} {1} is 400 naming {2}")
    @CsvSource(delimiter = '|', value = {
            "POST|/search|query|{\"query\": \"   \"}",
            "POST|/search|query|{\"max_results\": 5}",
            "POST|/search|query|{\"query\": \"a\\u0007b\"}",
            "POST|/search|max_results|{\"query\": \"tv\", \"max_results\": 0}",
            "POST|/search|max_results|{\"query\": \"tv\", \"max_results\": 51}",
            "POST|/search|max_results|{\"query\": \"tv\", \"max_results\": \"many\"}",
            "POST|/search|max_results|{\"query\": \"tv\", \"max_results\": 2.5}",
            "POST|/search|max_results|{\"query\": \"tv\", \"max_results\": 99999999999}",
            "POST|/search|query|{\"query\": 42}",
            "POST|/search|body|{\"query\": ",
            "POST|/search|body|[1, 2]",
            "POST|/search?use_cache=perhaps|use_cache|{\"query\": \"tv\"}",
            "POST|/search|body|{\"query\": \"tv\"} garbage",
            "POST|/search|body|{\"query\": \"tv\"}{\"query\": \"radio\"}",
            "POST|/search|query|{\"query\": \"tv\", \"query\": \"radio\"}",
            "POST|/search|max_results|{\"query\": \"tv\", \"max_results\": \"5\"}",
            "POST|/search|max_results|{\"query\": \"tv\", \"max_results\": 5.0}",
            "POST|/search|max_results|{\"query\": \"tv\", \"max_results\": true}",
            "POST|/search|vendor|{\"query\": \"tv\", \"vendor\": \"cemaco\"}",
            "POST|/search|query|{\"query\": \"tv \\ud800\"}",
            "POST|/search|query|{\"query\": \"\\udc00tv\"}",
            "GET|/products/1/price-history?days=0|days|",
            "GET|/products/1/price-history?days=366|days|",
            "GET|/products/1/price-history?days=week|days|",
            "GET|/analytics/popular-searches?days=400|days|",
            "GET|/analytics/popular-searches?limit=0|limit|",
            "GET|/analytics/popular-searches?limit=101|limit|",
            "GET|/analytics/vendor-performance?days=-1|days|",
            "GET|/search/00000000-0000-0000-0000-000000000000/events?last_event_id=x|last_event_id|",
    })
    void invalidInputIs400NamingTheField(String method, String path, String field, String body) throws IOException {
        Reply reply = method.equals("POST") ? postJson(path, body) : get(path, Map.of());
        assertProblem(reply, 400);
        assertThat(reply.json().get("field").asText()).isEqualTo(field);
    }

    @Test
    void aQueryOver200CharactersIs400() throws IOException {
        Reply reply = postJson("/search", "{\"query\": \"" + "x".repeat(201) + "\"}");
        assertProblem(reply, 400);
        assertThat(reply.json().get("field").asText()).isEqualTo("query");
        assertThat(postJson("/search", "{\"query\": \"" + "y".repeat(200) + "\"}").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "GET {0} is 404")
    @CsvSource({
            "/search/6b0f7c1e-3f4a-4c52-9a55-3b2f1d9e0a11/results",
            "/search/6b0f7c1e-3f4a-4c52-9a55-3b2f1d9e0a11/events",
            "/search/not-a-uuid/results",
            "/search/not-a-uuid/events",
            "/products/999999/price-history",
            "/products/abc/price-history",
            "/nothing/here",
            "/web/missing.js",
    })
    void unknownThingsAre404Problems(String path) throws IOException {
        Reply reply = get(path, Map.of());
        assertProblem(reply, 404);
        assertThat(reply.json().get("detail").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} {1} is 405, Allow: {2}")
    @CsvSource({
            "PUT, /search, POST",
            "GET, /search, POST",
            "POST, /health, GET",
            "DELETE, /search/6b0f7c1e-3f4a-4c52-9a55-3b2f1d9e0a11/results, GET",
            "POST, /search/6b0f7c1e-3f4a-4c52-9a55-3b2f1d9e0a11/events, GET",
            "POST, /vendors, GET",
            "PUT, /analytics/popular-searches, GET",
            "DELETE, /products/1/price-history, GET",
            "POST, /, GET",
    })
    void aWrongMethodOnAKnownPathIs405(String method, String path, String allowed) throws IOException {
        Reply reply = send(Method.create(method), path, Map.of("Content-Type", "application/json"), "{}");
        assertProblem(reply, 405);
        assertThat(reply.header("Allow")).isEqualTo(allowed);
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws IOException {
        assertProblem(post("/search", Map.of("Content-Type", "text/plain"), "query=tv"), 415);
        assertProblem(post("/search", Map.of("Content-Type", "application/x-www-form-urlencoded"), "query=tv"), 415);
    }

    @Test
    void aCoreThatIsClosingIs503AndAnyOtherIllegalStateIs500() throws IOException {
        Reply closing = postJson("/search", "{\"query\": \"cerrando\"}");
        assertProblem(closing, 503);
        assertThat(closing.json().get("detail").asText()).contains("shutting down");
        Reply fault = postJson("/search", "{\"query\": \"estado ilegal\"}");
        assertProblem(fault, 500);
        assertThat(fault.body()).doesNotContain("shutting down").doesNotContain("not a shutdown");
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsDetails() throws IOException {
        Reply reply = get("/analytics/popular-searches?limit=99", Map.of());
        assertProblem(reply, 500);
        assertThat(reply.body()).doesNotContain("secret-internal-detail").doesNotContain("Exception")
                .doesNotContain("at gt.dondelocompro");
    }

    // ---- the rate limit runs last: it spends this client's searches

    @Test
    @Order(Integer.MAX_VALUE)
    void tooManySearchesFromOneClientAre429WithRetryAfter() throws IOException {
        Reply reply = null;
        for (int i = 0; i <= SEARCHES_PER_MINUTE + 5; i++) {
            reply = postJson("/search", "{\"query\": \"\"}");
            if (reply.status() == 429) {
                break;
            }
            assertThat(reply.status()).isEqualTo(400);
        }
        assertProblem(reply, 429);
        assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(get("/vendors", Map.of()).status()).as("only searches are limited").isEqualTo(200);
    }

    // ---- helpers

    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String contentType() {
            return Optional.ofNullable(header("Content-Type")).orElse("");
        }
    }

    Reply get(String path, Map<String, String> headers) {
        return send(Method.GET, path, headers, null);
    }

    Reply postJson(String path, String body) {
        return post(path, Map.of("Content-Type", "application/json"), body);
    }

    Reply post(String path, Map<String, String> headers, String body) {
        return send(Method.POST, path, headers, body);
    }

    Reply send(Method method, String path, Map<String, String> headers, String body) {
        int q = path.indexOf('?');
        Http1ClientRequest request = client.method(method).path(q < 0 ? path : path.substring(0, q));
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.queryParam(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (Http1ClientResponse response = body == null ? request.request() : request.submit(body.getBytes(StandardCharsets.UTF_8))) {
            Map<String, String> received = new java.util.HashMap<>();
            response.headers().forEach(h -> received.put(h.name().toLowerCase(java.util.Locale.ROOT), h.get()));
            String text = response.entity().hasEntity() ? response.as(String.class) : "";
            return new Reply(response.status().code(), received, text);
        }
    }

    static void assertProblem(Reply reply, int status) throws IOException {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertSecurityHeaders(reply);
    }

    static void assertSecurityHeaders(Reply reply) {
        assertThat(reply.header("Content-Security-Policy")).contains("default-src 'self'")
                .contains("img-src 'self' https: data:").doesNotContain("unsafe-inline");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    /** Waits, through the core's own event log, until the search has finished. */
    static void awaitFinished(UUID id) throws InterruptedException {
        awaitFinished(core, id);
    }

    static void awaitFinished(DondeLoCompro core, UUID id) throws InterruptedException {
        try (EventSubscription events = core.subscribeToSearch().subscribe(id, 0).orElseThrow()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!events.isFinished() && System.nanoTime() < deadline) {
                events.next(Duration.ofSeconds(1));
            }
            assertThat(events.isFinished()).as("search " + id + " finished").isTrue();
        }
    }

    static long lastSequence(UUID id) {
        return core.getSearch().getSearch(id).orElseThrow().events().size();
    }

    static String completedData(UUID id) {
        var events = core.getSearch().getSearch(id).orElseThrow().events();
        return Json.text(EventJson.data(events.getLast().event()));
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.get(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.get(field).asText()));
        return texts;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
