package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.memory.InMemoryTransactions;
import gt.dondelocompro.application.port.out.PersistenceHealth;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Vendor;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document against the service: real answers of every documented operation, successes and refusals,
 * are validated against it ({@link OpenApiContract}), and the document is checked to list exactly the routes the
 * adapter registers and to have every one of its operations and statuses exercised here, so that neither can drift.
 * Two servers on real sockets, built as the bootstrap builds them: a shop with a store that offers, one that
 * fails and one inactive; and a service without stores whose database is down (a failed search, a degraded
 * health) and which allows one search a minute.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final HttpSettings SETTINGS = HttpSettings.defaults("contract").withHeartbeatInterval(Duration.ofMillis(100));
    static final String UNKNOWN_SEARCH = "/search/6b0f7c1e-3f4a-4c52-9a55-3b2f1d9e0a11";

    static final OpenApiContract CONTRACT = OpenApiContract.load();
    static GateStore alfa;
    static DondeLoCompro shopCore;
    static DondeLoCompro emptyCore;
    static WebServer shop;
    static WebServer empty;
    /** Brand and model make its identity certain: recorded, it has a catalog product. */
    static final GateStore.Offering BLENDER =
            new GateStore.Offering("LIC-600", "Licuadora Oster BLSTKAG 600W", "1299", "1499.5", Availability.IN_STOCK);
    static final List<String> violations = new ArrayList<>();

    /** A store of record that is configured and does not answer. */
    record UnreachableDatabase() implements PersistenceHealth {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public boolean reachable() {
            return false;
        }
    }

    @BeforeAll
    static void start() {
        alfa = GateStore.offering("tienda-alfa", "Tienda Alfa",
                BLENDER,
                new GateStore.Offering("LIC-VASO", "Licuadora Oster vaso de vidrio", "349.9", null, Availability.OUT_OF_STOCK));
        GateStore beta = GateStore.failing("tienda-beta", "Tienda Beta", FailureKind.PARSE, "the results page changed");
        Vendor gama = new Vendor("tienda-gama", "Tienda Gama", "https://gama.example", "vtex", false,
                "https://gama.example/api verified 2026-11-01", "inactive: its search API answers 500");
        shopCore = DondeLoCompro.builder().store(alfa).store(beta).vendors(List.of(alfa.vendor(), beta.vendor(), gama)).build();
        shop = server(shopCore, SETTINGS);
        UnreachableStoreOfRecord down = new UnreachableStoreOfRecord();
        emptyCore = DondeLoCompro.builder().persistence(down, down, down, down, down, new InMemoryTransactions(), new UnreachableDatabase())
                .alertPersistence(new UnreachableAlertStore(), new UnreachableAlertStore(), new UnreachableAlertStore(),
                        gt.dondelocompro.application.port.out.PriceRetention.NONE).build();
        empty = server(emptyCore, SETTINGS.withSearchesPerMinute(1));
    }

    static WebServer server(DondeLoCompro core, HttpSettings settings) {
        return DondeLoComproHttp.configure(WebServer.builder(), settings)
                .port(0)
                .routing(r -> DondeLoComproHttp.routing(r, TestUseCases.of(core), settings))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        shop.stop();
        empty.stop();
        shopCore.close(Duration.ofSeconds(5));
        emptyCore.close(Duration.ofSeconds(5));
    }

    // ---- the service and its documents

    @Test
    @Order(1)
    void rootAndHealth() throws Exception {
        conforms("/", get(shop, "/", "Accept", "application/json"), 200);
        conforms("/", get(shop, "/", "Accept", "text/html"), 200);
        conforms("/health", get(shop, "/health"), 200);
        conforms("/health", get(empty, "/health"), 503);
    }

    @Test
    @Order(4)
    void healthIsDegradedWhenMostStoresFailedTheirLastThreeSearchesAndTheVendorsSayHow() throws Exception {
        GateStore broken = GateStore.failing("tienda-rota", "Tienda Rota", FailureKind.BLOCKED, "captcha");
        try (DondeLoCompro failingCore = DondeLoCompro.builder().store(broken).build()) {
            WebServer failing = server(failingCore, SETTINGS);
            try {
                JsonNode healthy = json(conforms("/health", get(failing, "/health"), 200));
                assertThat(healthy.get("stores").asText()).isEqualTo("ok");
                for (String query : List.of("licuadora", "batidora", "tostadora")) {
                    AbstractDondeLoComproHttpTest.awaitFinished(failingCore, failingCore.startSearch()
                            .startSearch(gt.dondelocompro.application.port.in.StartSearchCommand.of(query, 5, false)).searchId());
                }

                JsonNode degraded = json(conforms("/health", get(failing, "/health"), 503));
                assertThat(degraded.get("status").asText()).isEqualTo("degraded");
                assertThat(degraded.get("stores").asText()).isEqualTo("failing");
                assertThat(degraded.get("failing_stores")).extracting(JsonNode::asText).containsExactly("tienda-rota");
                JsonNode store = json(conforms("/vendors", get(failing, "/vendors"), 200)).get(0);
                assertThat(store.get("last_success_at").isNull()).isTrue();
                assertThat(store.get("last_failure").get("kind").asText()).isEqualTo("blocked");
                assertThat(store.get("last_failure").get("error").asText()).isEqualTo("captcha");
                assertThat(store.get("success_rate_24h").asDouble()).isZero();
            } finally {
                failing.stop();
            }
        }
    }

    @Test
    @Order(2)
    void theDocumentIsServedAsYamlByDefaultAndAsJsonOnRequest() throws Exception {
        HttpResponse<String> yaml = conforms("/openapi", get(shop, "/openapi"), 200);
        assertThat(yaml.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.oai.openapi");
        assertThat(new YAMLMapper().readTree(yaml.body())).isEqualTo(CONTRACT.document());

        HttpResponse<String> json = conforms("/openapi", get(shop, "/openapi", "Accept", "application/json"), 200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(json.body())).isEqualTo(CONTRACT.document());
    }

    @Test
    @Order(3)
    void theDocumentationUiAndTheWebPageFiles() throws Exception {
        HttpResponse<String> docs = conforms("/docs", get(shop, "/docs"), 303);
        assertThat(docs.headers().firstValue("Location")).contains("/docs/ui/");
        conforms("/docs/ui/", get(shop, "/docs/ui/"), 200);
        for (String file : List.of("swagger-ui.css", "index.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                "docs.js", "favicon-16x16.png", "favicon-32x32.png")) {
            conforms("/docs/ui/{file}", get(shop, "/docs/ui/" + file), 200);
        }
        conforms("/docs/ui/{file}", get(shop, "/docs/ui/swagger-initializer.js"), 404);
        conforms("/web/{file}", get(shop, "/web/app.js"), 200);
        conforms("/web/{file}", get(shop, "/web/app.css"), 200);
        conforms("/web/{file}", get(shop, "/web/missing.js"), 404);
        conforms("/web/{file}", head(shop, "/web/app.js"), 200);
        conforms("/web/{file}", head(shop, "/web/missing.js"), 404);
    }

    // ---- searches

    @Test
    @Order(10)
    void aFinishedSearchItsResultsAndItsEvents() throws Exception {
        long savedBefore = shopCore.recorder().stats().saved();
        JsonNode ticket = json(conforms("/search", postJson(shop, "/search", "{\"query\": \"licuadora oster\", \"max_results\": 5}"), 200));
        UUID id = UUID.fromString(ticket.get("search_id").asText());
        AbstractDondeLoComproHttpTest.awaitFinished(shopCore, id);
        // the search is handed to the recorder just after its completed event: idle alone may come before that
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (shopCore.recorder().stats().saved() == savedBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(shopCore.recorder().awaitIdle(Duration.ofSeconds(10))).isTrue();

        JsonNode results = json(conforms("/search/{id}/results", get(shop, "/search/" + id + "/results"), 200));
        assertThat(results.get("products").get(0).has("product_id")).as("recorded, so with product_id").isTrue();
        HttpResponse<String> stream = conforms("/search/{id}/events", get(shop, "/search/" + id + "/events"), 200);
        List<String> names = OpenApiContract.SseEvent.parse(stream.body()).stream().map(OpenApiContract.SseEvent::name).toList();
        assertThat(names).contains("connected", "started", "vendor_started", "product_found", "vendor_completed",
                "vendor_error", "completed");

        long last = results.get("events").size();
        conforms("/search/{id}/events", get(shop, "/search/" + id + "/events", "Last-Event-ID", Long.toString(last - 1)), 200);
        conforms("/search/{id}/events", get(shop, "/search/" + id + "/events?last_event_id=" + last), 204);

        assertThat(results.get("groups")).isNotEmpty();
        JsonNode filtered = json(conforms("/search/{id}/results", get(shop, "/search/" + id
                + "/results?brand=oster&category=x&min_price=0&max_price=2000.5&in_stock=true"), 200));
        assertThat(filtered.get("products")).isEmpty();
        Map<String, String> badFilters = Map.of("min_price=-1", "min_price", "max_price=abc", "max_price",
                "min_price=10&max_price=5", "min_price", "in_stock=yes", "in_stock", "brand=%00", "brand");
        for (Map.Entry<String, String> bad : badFilters.entrySet()) {
            HttpResponse<String> refused = conforms("/search/{id}/results", get(shop, "/search/" + id + "/results?" + bad.getKey()), 400);
            assertThat(json(refused).get("field").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
        long productId = 0;
        for (JsonNode p : results.get("products")) {
            if (p.get("availability").asText().equals("in_stock")) {
                productId = p.get("product_id").asLong();
            }
        }
        conforms("/products/{id}/price-history", get(shop, "/products/" + productId + "/price-history?days=7"), 200);
        long catalogId = shopCore.catalogProducts().catalogProductIdsOf(List.of(BLENDER.offer(alfa.vendor()))).values().iterator().next();
        JsonNode catalogProduct = json(conforms("/catalog-products/{id}", get(shop, "/catalog-products/" + catalogId), 200));
        assertThat(catalogProduct.get("offers")).hasSize(1);
        JsonNode catalogHistory = json(conforms("/catalog-products/{id}/price-history",
                get(shop, "/catalog-products/" + catalogId + "/price-history?days=7"), 200));
        assertThat(catalogHistory.get("current_best").get("vendor_id").asText()).isEqualTo("tienda-alfa");

        JsonNode cached = json(conforms("/search", postJson(shop, "/search", "{\"query\": \"Licuadora  OSTER\", \"max_results\": 5}"), 200));
        assertThat(cached.get("cached").asBoolean()).isTrue();
        conforms("/search/{id}/results", get(shop, "/search/" + cached.get("search_id").asText() + "/results"), 200);
        JsonNode fresh = json(conforms("/search", postJson(shop, "/search?use_cache=false", "{\"query\": \"licuadora oster\"}"), 200));
        AbstractDondeLoComproHttpTest.awaitFinished(shopCore, UUID.fromString(fresh.get("search_id").asText()));
    }

    @Test
    @Order(11)
    void aRunningSearchWithHeartbeatsOnItsStream() throws Exception {
        String query = "licuadora en vivo";
        alfa.hold(query);
        try {
            JsonNode ticket = json(conforms("/search", postJson(shop, "/search", "{\"query\": \"" + query + "\"}"), 200));
            String id = ticket.get("search_id").asText();
            JsonNode running = json(conforms("/search/{id}/results", get(shop, "/search/" + id + "/results"), 200));
            assertThat(running.get("completed_at").isNull()).isTrue();
            JsonNode joined = json(conforms("/search", postJson(shop, "/search", "{\"query\": \"Licuadora en  vivo\"}"), 200));
            assertThat(joined.get("joined_from").asText()).isEqualTo(id);
            assertThat(joined.get("cached").asBoolean()).isFalse();
            JsonNode joinedResults = json(conforms("/search/{id}/results",
                    get(shop, "/search/" + joined.get("search_id").asText() + "/results"), 200));
            assertThat(joinedResults.get("joined_from").asText()).isEqualTo(id);
            assertThat(joinedResults.get("cached_at").isNull()).isTrue();

            HttpRequest request = HttpRequest.newBuilder(uri(shop, "/search/" + id + "/events")).build();
            HttpResponse<Stream<String>> live = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
            StringBuilder body = new StringBuilder();
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> live.body().forEach(line -> {
                body.append(line).append('\n');
                if (line.matches("event: ?heartbeat")) {
                    alfa.release(query);
                }
            }));
            read.get(20, TimeUnit.SECONDS);
            assertThat(SseConnection.parse(body.toString())).extracting(SseConnection.Message::event).contains("heartbeat", "completed");
            conforms("/search/{id}/events", new Answer(live, body.toString()), 200);
        } finally {
            alfa.release(query);
        }
    }

    @Test
    @Order(11)
    void aStaleAnswerAndItsRefresh() throws Exception {
        GateStore store = GateStore.offering("tienda-vieja", "Tienda Vieja",
                new GateStore.Offering("LIC-1", "Licuadora Oster", "499", null, Availability.IN_STOCK));
        // every completed answer is older than a cache age of 0, so a repeat is served stale
        DondeLoCompro core = DondeLoCompro.builder().store(store)
                .settings(gt.dondelocompro.application.service.SearchSettings.defaults().withCacheMaxAge(Duration.ZERO)).build();
        WebServer server = server(core, SETTINGS);
        try {
            JsonNode first = json(conforms("/search", postJson(server, "/search", "{\"query\": \"licuadora\"}"), 200));
            AbstractDondeLoComproHttpTest.awaitFinished(core, UUID.fromString(first.get("search_id").asText()));
            store.hold("licuadora");
            JsonNode stale = json(conforms("/search", postJson(server, "/search", "{\"query\": \"licuadora\"}"), 200));
            assertThat(stale.get("stale").asBoolean()).isTrue();
            assertThat(stale.get("cached").asBoolean()).isTrue();
            assertThat(stale.get("cache_age_seconds").decimalValue()).isNotNegative();
            String refresh = stale.get("refresh_search_id").asText();
            JsonNode results = json(conforms("/search/{id}/results", get(server, "/search/" + stale.get("search_id").asText() + "/results"), 200));
            assertThat(results.get("stale").asBoolean()).isTrue();
            assertThat(results.get("refresh_search_id").asText()).isEqualTo(refresh);
            assertThat(results.get("products")).hasSize(1);
            store.release("licuadora");
            AbstractDondeLoComproHttpTest.awaitFinished(core, UUID.fromString(refresh));
            HttpResponse<String> refreshed = conforms("/search/{id}/events", get(server, "/search/" + refresh + "/events"), 200);
            assertThat(SseConnection.parse(refreshed.body())).extracting(SseConnection.Message::event).contains("product_found", "completed");
        } finally {
            store.release("licuadora");
            server.stop();
            core.close(Duration.ofSeconds(5));
        }
    }

    @Test
    @Order(12)
    void aFailedSearchThenTheRateLimit() throws Exception {
        JsonNode ticket = json(conforms("/search", postJson(empty, "/search", "{\"query\": \"sin tiendas\"}"), 200));
        UUID id = UUID.fromString(ticket.get("search_id").asText());
        AbstractDondeLoComproHttpTest.awaitFinished(emptyCore, id);
        JsonNode results = json(conforms("/search/{id}/results", get(empty, "/search/" + id + "/results"), 200));
        assertThat(results.get("status").asText()).isEqualTo("failed");
        assertThat(results.get("error_message").asText()).isEqualTo(results.get("error").asText()).isNotBlank();
        HttpResponse<String> stream = conforms("/search/{id}/events", get(empty, "/search/" + id + "/events"), 200);
        assertThat(SseConnection.parse(stream.body())).extracting(SseConnection.Message::event).contains("error");

        HttpResponse<String> limited = conforms("/search", postJson(empty, "/search", "{\"query\": \"otra\"}"), 429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    // ---- the other reads

    @Test
    @Order(20)
    void storesPriceHistoryAndAnalytics() throws Exception {
        JsonNode vendors = json(conforms("/vendors", get(shop, "/vendors"), 200));
        // after the searches above: one store answering, one failing, one never asked, all documented
        JsonNode alfaHealth = vendors.get(0);
        assertThat(alfaHealth.get("success_rate_24h").asDouble()).isEqualTo(1.0);
        assertThat(Instant.parse(alfaHealth.get("last_success_at").asText())).isNotNull();
        assertThat(alfaHealth.get("last_failure").isNull()).isTrue();
        assertThat(vendors.get(1).get("last_failure").get("kind").asText()).isEqualTo("parse");
        assertThat(vendors.get(2).get("success_rate_24h").isNull()).isTrue();
        assertThat(vendors.get(2).get("note").asText()).startsWith("inactive");
        conforms("/analytics/popular-searches", get(shop, "/analytics/popular-searches?days=7&limit=5"), 200);
        conforms("/analytics/vendor-performance", get(shop, "/analytics/vendor-performance"), 200);
        conforms("/analytics/vendor-performance", get(shop, "/analytics/vendor-performance?vendor_id=tienda-beta&days=1"), 200);
        conforms("/products/{id}/price-history", get(shop, "/products/999999/price-history"), 404);
        conforms("/products/{id}/price-history", get(shop, "/products/abc/price-history"), 404);
        conforms("/catalog-products/{id}", get(shop, "/catalog-products/999999"), 404);
        conforms("/catalog-products/{id}", get(shop, "/catalog-products/abc"), 404);
        conforms("/catalog-products/{id}/price-history", get(shop, "/catalog-products/999999/price-history"), 404);
    }

    // ---- refusals

    @Test
    @Order(30)
    void refusedInput() throws Exception {
        for (String body : List.of("{\"query\": \"   \"}", "{\"max_results\": 5}", "{\"query\": \"tv\", \"max_results\": 51}",
                "{\"query\": 42}", "{\"query\": ", "[1, 2]")) {
            conforms("/search", postJson(shop, "/search", body), 400);
        }
        conforms("/search", postJson(shop, "/search?use_cache=perhaps", "{\"query\": \"tv\"}"), 400);
        conforms("/search", post(shop, "/search", "text/plain", "query=tv"), 415);
        // Expect: 100-continue, so that the refusal comes before the body: a client still writing a body the
        // server refused and closed on gets a broken pipe instead of the answer
        conforms("/search", CLIENT.send(HttpRequest.newBuilder(uri(shop, "/search")).header("Content-Type", "application/json")
                .expectContinue(true).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"query\": \"tv\", \"padding\": \"" + "p".repeat(17 * 1024) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()), 413);
        conforms("/search/{id}/events", get(shop, UNKNOWN_SEARCH + "/events?last_event_id=x"), 400);
        conforms("/search/{id}/events", get(shop, UNKNOWN_SEARCH + "/events"), 404);
        conforms("/search/{id}/events", get(shop, "/search/not-a-uuid/events"), 404);
        conforms("/search/{id}/results", get(shop, UNKNOWN_SEARCH + "/results"), 404);
        conforms("/products/{id}/price-history", get(shop, "/products/1/price-history?days=366"), 400);
        conforms("/catalog-products/{id}/price-history", get(shop, "/catalog-products/1/price-history?days=0"), 400);
        conforms("/analytics/popular-searches", get(shop, "/analytics/popular-searches?limit=0"), 400);
        conforms("/analytics/vendor-performance", get(shop, "/analytics/vendor-performance?days=week"), 400);
    }

    @Test
    @Order(31)
    void everyDocumented405IsAnswered() throws Exception {
        Map<String, String> examples = Map.of("{id}", "6b0f7c1e-3f4a-4c52-9a55-3b2f1d9e0a11", "{file}", "docs.js");
        for (String status : CONTRACT.statuses(false)) {
            if (!status.endsWith(" 405")) {
                continue;
            }
            String[] parts = status.split(" ");
            String template = parts[1];
            String path = template;
            for (var example : examples.entrySet()) {
                path = path.replace(example.getKey(), example.getValue());
            }
            if (template.startsWith("/products/") || template.startsWith("/catalog-products/")) {
                path = template.replace("{id}", "1");
            }
            String wrong = parts[0].equals("POST") ? "PUT" : "POST";
            HttpRequest request = HttpRequest.newBuilder(uri(shop, path))
                    .method(wrong, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build();
            Answer answer = Answer.of(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
            // the 405 belongs to the documented operation of that path: validate it there
            assertThat(answer.response().statusCode()).as(wrong + " " + path).isEqualTo(405);
            violations.addAll(CONTRACT.violations(template, answer.as(parts[0])));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    @Order(30)
    void readsThatNeedTheUnreachableDatabaseAnswer503WithRetryAfterAndAStreamNotInMemoryIs404() throws Exception {
        for (String[] read : new String[][]{{"/search/{id}/results", UNKNOWN_SEARCH + "/results"},
                {"/products/{id}/price-history", "/products/7/price-history"},
                {"/catalog-products/{id}", "/catalog-products/7"},
                {"/catalog-products/{id}/price-history", "/catalog-products/7/price-history"},
                {"/analytics/popular-searches", "/analytics/popular-searches"},
                {"/analytics/vendor-performance", "/analytics/vendor-performance?days=3"}}) {
            HttpResponse<String> answer = conforms(read[0], get(empty, read[1]), 503);
            assertThat(answer.headers().firstValue("Retry-After")).as(read[1]).isPresent();
        }
        conforms("/search/{id}/events", get(empty, UNKNOWN_SEARCH + "/events"), 404);
    }

    @Test
    @Order(40)
    void aServiceShuttingDownRefusesNewSearchesWith503() throws Exception {
        shopCore.close(Duration.ofSeconds(5));
        conforms("/search", postJson(shop, "/search", "{\"query\": \"al cerrar\"}"), 503);
    }

    // ---- alerts

    @Test
    @Order(12)
    void alertsAreMadeReadListedConfirmedAndDeletedWithTheirToken() throws Exception {
        UUID searchId = shopCore.startSearch().startSearch(
                gt.dondelocompro.application.port.in.StartSearchCommand.of("licuadora oster vidrio", 5, false)).searchId();
        AbstractDondeLoComproHttpTest.awaitFinished(shopCore, searchId);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode results;
        do {
            Thread.sleep(20);
            results = json(get(shop, "/search/" + searchId + "/results"));
        } while (results.get("products").get(0).get("product_id").isNull() && System.nanoTime() < deadline);
        long productId = 0;
        for (JsonNode p : results.get("products")) {
            if (p.get("availability").asText().equals("in_stock")) {
                productId = p.get("product_id").asLong();
            }
        }

        String body = "{\"target\": {\"product_id\": " + productId + "}, \"rule\": {\"below_price\": 5000.00},"
                + " \"channel\": {\"webhook\": \"https://93.184.215.14/hook\"}}";
        HttpResponse<String> created = conforms("/alerts", postJson(shop, "/alerts", body), 201);
        JsonNode alert = json(created);
        String id = alert.get("alert_id").asText();
        String token = alert.get("token").asText();
        assertThat(alert.get("secret").asText()).hasSizeGreaterThan(30);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/alerts/" + id));

        JsonNode shown = json(conforms("/alerts/{id}", get(shop, "/alerts/" + id, "Authorization", "Bearer " + token), 200));
        assertThat(shown.has("token")).as("the token is shown only at creation").isFalse();
        assertThat(shown.get("rule").get("below_price").decimalValue()).isEqualByComparingTo("5000");
        conforms("/alerts/{id}", get(shop, "/alerts/" + id), 401);
        conforms("/alerts/{id}", get(shop, "/alerts/" + id, "Authorization", "Bearer wrong"), 404);
        conforms("/alerts/{id}", get(shop, "/alerts/not-an-id", "Authorization", "Bearer " + token), 404);
        assertThat(shopCore.recheckNow("product:" + productId)).isPresent();
        JsonNode told = json(conforms("/alerts/{id}/notifications",
                get(shop, "/alerts/" + id + "/notifications", "Authorization", "Bearer " + token), 200));
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("sent_at").isNull()).as("no channel delivers in this test: it waits").isTrue();
        conforms("/alerts/{id}/notifications", get(shop, "/alerts/" + id + "/notifications"), 401);
        conforms("/alerts/{id}/notifications", get(shop, "/alerts/" + id + "/notifications", "Authorization", "Bearer x"), 404);

        for (String bad : new String[]{"{}", "{\"target\": {\"product_id\": 1, \"catalog_product_id\": 2}}",
                "{\"target\": {\"product_id\": " + productId + "}, \"rule\": {\"below_price\": -1}, \"channel\": {\"email\": \"a@b.co\"}}",
                "{\"target\": {\"product_id\": " + productId + "}, \"rule\": {\"drop_percent\": 10}, \"channel\": {\"ntfy\": \"gopher://x\"}}",
                "{\"target\": {\"product_id\": 999999}, \"rule\": {\"back_in_stock\": true}, \"channel\": {\"email\": \"a@b.co\"}}"}) {
            conforms("/alerts", postJson(shop, "/alerts", bad), 400);
        }
        String email = "{\"target\": {\"product_id\": " + productId + "}, \"rule\": {\"back_in_stock\": true},"
                + " \"channel\": {\"email\": \"ana@example.com\"}}";
        for (int i = 0; i < 5; i++) {
            JsonNode pending = json(conforms("/alerts", postJson(shop, "/alerts", email), 201));
            assertThat(pending.get("status").asText()).isEqualTo("pending_confirmation");
            assertThat(pending.get("secret").isNull()).isTrue();
        }
        conforms("/alerts", postJson(shop, "/alerts", email), 409);

        conforms("/alerts/{id}/confirm", get(shop, "/alerts/" + id + "/confirm"), 400);
        conforms("/alerts/{id}/confirm", get(shop, "/alerts/" + UUID.randomUUID() + "/confirm?code=x"), 404);
        // an active alert is confirmed already: harmless
        conforms("/alerts/{id}/confirm", get(shop, "/alerts/" + id + "/confirm?code=x"), 200);
        HttpResponse<String> page = conforms("/alerts/{id}/confirm", get(shop, "/alerts/" + id + "/confirm?code=x",
                "Accept", "text/html"), 303);
        assertThat(page.headers().firstValue("Location")).contains("/web/alerta.html?confirmada=1");

        conforms("/alerts/{id}", delete(shop, "/alerts/" + id, null), 401);
        conforms("/alerts/{id}", delete(shop, "/alerts/" + id, "wrong"), 404);
        conforms("/alerts/{id}", delete(shop, "/alerts/" + id, token), 204);
        conforms("/alerts/{id}", get(shop, "/alerts/" + id, "Authorization", "Bearer " + token), 404);

        // without its database, every alert operation is 503; and POST is limited like searches (1 a minute there)
        conforms("/alerts", postJson(empty, "/alerts", body), 503);
        conforms("/alerts", postJson(empty, "/alerts", body), 429);
        conforms("/alerts/{id}", get(empty, "/alerts/" + id, "Authorization", "Bearer " + token), 503);
        conforms("/alerts/{id}", delete(empty, "/alerts/" + id, token), 503);
        conforms("/alerts/{id}/notifications", get(empty, "/alerts/" + id + "/notifications", "Authorization", "Bearer " + token), 503);
        conforms("/alerts/{id}/confirm", get(empty, "/alerts/" + id + "/confirm?code=x"), 503);
        JsonNode health = json(conforms("/health", get(shop, "/health"), 200));
        assertThat(health.get("alerts").get("lost_at_restart").asBoolean()).isTrue();
    }

    static HttpResponse<String> delete(WebServer server, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- the document cannot drift

    @Test
    @Order(100)
    void everyDocumentedOperationAndStatusWasExercised() {
        assertThat(violations).as("violations of the document").isEmpty();
        assertThat(CONTRACT.exercisedOperations()).containsAll(CONTRACT.operations(false));
        Set<String> missing = new TreeSet<>(CONTRACT.statuses(false));
        missing.removeAll(CONTRACT.exercisedStatuses());
        assertThat(missing).as("documented statuses no test produced").isEmpty();
    }

    @Test
    @Order(101)
    void theDocumentListsExactlyTheRoutesTheAdapterRegisters() {
        List<String> routes = RecordedRoutes.of(TestUseCases.of(emptyCore), SETTINGS);
        assertThat(routes).noneMatch(r -> r.startsWith("UNREADABLE"));
        Set<String> documented = CONTRACT.operations(true);
        Set<String> served = new TreeSet<>();
        for (String route : routes) {
            String[] parts = route.split(" ", 2);
            String template = toTemplate(parts[1]);
            if (parts[0].equals("ANY")) {
                // the 405 answer of a documented path: each of its operations must document the 405
                List<String> ofPath = documented.stream().filter(o -> o.endsWith(" " + template)).toList();
                assertThat(ofPath).as("documented operations of " + template).isNotEmpty();
                ofPath.forEach(o -> assertThat(CONTRACT.statuses(true)).as(o).contains(o + " 405"));
            } else {
                served.add(parts[0] + " " + template);
            }
        }
        // /openapi comes from Helidon's OpenAPI feature, the WebSocket upgrades from their own routing: not here
        Set<String> expected = documented.stream()
                .filter(o -> !o.equals("GET /openapi"))
                .filter(o -> !CONTRACT.operation(o).path("x-websocket").asBoolean())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(served).isEqualTo(expected);
    }

    /** The oracle itself: answers that break the document are caught, so the checks above can fail. */
    @Test
    @Order(102)
    void theContractRefusesAnswersThatBreakTheDocument() {
        String product = "{\"vendor_id\":\"a\",\"vendor_name\":\"A\",\"vendor_product_id\":null,\"name\":\"Licuadora\","
                + "\"brand\":null,\"price\":10.00,\"list_price\":null,\"currency\":\"GTQ\",\"url\":\"https://a.example/p\","
                + "\"image_url\":null,\"availability\":\"in_stock\",\"relevance\":0.9,\"gtin\":null,\"model\":null,\"category\":null,\"match_key\":\"bm:oster|blstkag\"}";
        assertThat(CONTRACT.validateAgainst("Product", product)).isEmpty();
        assertThat(CONTRACT.validateAgainst("Product", product.replace("}", ",\"offers\":[]}"))).as("an unknown field").isNotEmpty();
        assertThat(CONTRACT.validateAgainst("Product", product.replace("\"price\":10.00,", ""))).as("a missing field").isNotEmpty();
        assertThat(CONTRACT.validateAgainst("Product", product.replace("in_stock", "maybe"))).as("a bad enum").isNotEmpty();
        assertThat(CONTRACT.validateAgainst("ResultProduct", product.replace("}", ",\"product_id\":7}"))).isEmpty();
        assertThat(CONTRACT.validateAgainst("Product", product.replace("}", ",\"product_id\":7}"))).as("product_id in an event").isNotEmpty();
        assertThat(CONTRACT.validateAgainst("HeartbeatData", "{\"timestamp\":\"yesterday\"}")).as("a bad date-time").isNotEmpty();
        String event = "{\"id\":1,\"event\":\"vendor_started\",\"data\":{\"vendor_id\":\"a\",\"vendor_name\":\"A\"},"
                + "\"at\":\"2026-01-01T00:00:00Z\",\"timestamp\":\"2026-01-01T00:00:00Z\"}";
        assertThat(CONTRACT.validateAgainst("LoggedEvent", event)).isEmpty();
        assertThat(CONTRACT.validateAgainst("LoggedEvent", event.replace("vendor_started", "started"))).as("data of another event").isNotEmpty();
        assertThat(CONTRACT.validateAgainst("LoggedEvent", event.replace(",\"timestamp\":\"2026-01-01T00:00:00Z\"", ""))).as("no timestamp").isNotEmpty();
        assertThat(CONTRACT.validateAgainst("FieldProblem", "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"d\"}"))
                .as("a 400 without field").isNotEmpty();
    }

    /** Helidon's path patterns as OpenAPI templates (the same {@code {name}} syntax). */
    static String toTemplate(String helidonPath) {
        return helidonPath;
    }

    // ---- helpers

    /** An answer, with its body read as text (also for a stream read line by line). */
    record Answer(HttpResponse<?> response, String body) {
        static Answer of(HttpResponse<String> response) {
            return new Answer(response, response.body());
        }

        /** The answer as if to {@code method}, to validate a 405 under the operation that documents it. */
        HttpResponse<String> as(String method) {
            return as(HttpRequest.newBuilder(response.uri()).method(method, HttpRequest.BodyPublishers.noBody()).build());
        }

        HttpResponse<String> asIs() {
            return as(response.request());
        }

        private HttpResponse<String> as(HttpRequest request) {
            HttpResponse<?> r = response;
            String text = body;
            return new HttpResponse<>() {
                @Override
                public int statusCode() {
                    return r.statusCode();
                }

                @Override
                public HttpRequest request() {
                    return request;
                }

                @Override
                public java.util.Optional<HttpResponse<String>> previousResponse() {
                    return java.util.Optional.empty();
                }

                @Override
                public java.net.http.HttpHeaders headers() {
                    return r.headers();
                }

                @Override
                public String body() {
                    return text;
                }

                @Override
                public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
                    return java.util.Optional.empty();
                }

                @Override
                public URI uri() {
                    return r.uri();
                }

                @Override
                public HttpClient.Version version() {
                    return r.version();
                }
            };
        }
    }

    static HttpResponse<String> conforms(String template, HttpResponse<String> response, int status) {
        return conforms(template, Answer.of(response), status);
    }

    static HttpResponse<String> conforms(String template, Answer answer, int status) {
        HttpResponse<String> response = answer.asIs();
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isEqualTo(status);
        List<String> found = CONTRACT.violations(template, response);
        violations.addAll(found);
        assertThat(found).as("violations of the document").isEmpty();
        return response;
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static URI uri(WebServer server, String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    static HttpResponse<String> get(WebServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> head(WebServer server, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(server, path)).HEAD().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(WebServer server, String path, String body) throws Exception {
        return post(server, path, "application/json", body);
    }

    static HttpResponse<String> post(WebServer server, String path, String contentType, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(server, path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
