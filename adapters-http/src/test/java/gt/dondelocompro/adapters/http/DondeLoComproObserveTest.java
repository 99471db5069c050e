package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.FailureKind;
import io.helidon.http.Status;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.metrics.api.Tag;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The observe feature the bootstrap adds: the service's readiness check and its meters, on a real server. */
@ServerTest
class DondeLoComproObserveTest {

    static final HttpSettings SETTINGS = HttpSettings.defaults("test");
    static final DondeLoComproObserve observe = DondeLoComproObserve.create();
    static final DondeLoCompro core = DondeLoCompro.builder()
            .observer(observe)
            .store(GateStore.offering("medida", "Tienda Medida",
                    new GateStore.Offering("M-1", "Plancha Black Decker", "199", null, Availability.IN_STOCK)))
            .store(GateStore.failing("caida", "Tienda Caída", FailureKind.HTTP_STATUS, "answered 503"))
            .build();

    static {
        observe.recorderGauges(core::recorderStats);
    }

    private final Http1Client client;

    DondeLoComproObserveTest(Http1Client client) {
        this.client = client;
    }

    @SetUpFeatures
    static List<ServerFeature> features() {
        List<ServerFeature> features = new ArrayList<>(DondeLoComproHttp.serverFeatures(SETTINGS));
        features.add(observe.feature(core.health()));
        return features;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        DondeLoComproHttp.routing(routing, TestUseCases.of(core), SETTINGS);
    }

    @AfterAll
    static void closeCore() {
        core.close(Duration.ofSeconds(5));
    }

    @Test
    void healthCheckIsUpWithoutADatabase() {
        try (Http1ClientResponse response = client.get("/observe/health/ready").request()) {
            assertThat(response.status().code()).isIn(200, 204);
        }
        assertThat(DondeLoComproObserve.healthCheck(core.health()).call().status().toString()).isEqualTo("UP");
        assertThat(DondeLoComproObserve.healthCheck(core.health()).call().details()).containsEntry("database", "disabled");
    }

    @Test
    void searchesAndStoreAnswersAreCounted() throws Exception {
        double before = count("dondelocompro.store.answers", Tag.create("store", "caida"), Tag.create("outcome", "failure"),
                Tag.create("kind", "http_status"));
        String body;
        try (Http1ClientResponse response = client.post("/search").queryParam("use_cache", "false")
                .header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"query\": \"plancha\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            body = response.as(String.class);
        }
        UUID id = UUID.fromString(AbstractDondeLoComproHttpTest.JSON.readTree(body).get("search_id").asText());
        AbstractDondeLoComproHttpTest.awaitFinished(core, id);

        // the core reports to the meters before the search is finished, so no waiting is needed
        assertThat(count("dondelocompro.store.answers", Tag.create("store", "caida"), Tag.create("outcome", "failure"),
                Tag.create("kind", "http_status"))).isEqualTo(before + 1);
        assertThat(count("dondelocompro.searches.started", Tag.create("cached", "false"))).isPositive();
        assertThat(Services.get(MeterRegistry.class).timer("dondelocompro.store.duration", List.of(Tag.create("store", "medida"))))
                .isPresent();

        try (Http1ClientResponse response = client.get("/observe/metrics").header(io.helidon.http.HeaderNames.ACCEPT, "text/plain")
                .request()) {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.as(String.class)).contains("dondelocompro_searches_started").contains("dondelocompro_recorder_backlog");
        }
    }

    @Test
    void eachStoresQueueAtItsHostsGateIsMeteredAsItsLengthAndItsWaits() throws Exception {
        java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger(3);
        observe.storeQueueGauge("medida", waiting::get);
        observe.storeQueueWait("medida", Duration.ofMillis(250), "sent");
        observe.storeQueueWait("medida", Duration.ofMillis(5), "busy");
        waiting.set(7);

        MeterRegistry registry = Services.get(MeterRegistry.class);
        assertThat(registry.gauge("dondelocompro.store.queue.length", List.of(Tag.create("store", "medida"))))
                .hasValueSatisfying(g -> assertThat(g.value().doubleValue()).isEqualTo(7.0));
        assertThat(registry.timer("dondelocompro.store.queue.wait", List.of(Tag.create("store", "medida"), Tag.create("outcome", "sent"))))
                .hasValueSatisfying(t -> assertThat(t.count()).isEqualTo(1));
        try (Http1ClientResponse response = client.get("/observe/metrics").header(io.helidon.http.HeaderNames.ACCEPT, "text/plain")
                .request()) {
            assertThat(response.as(String.class)).contains("dondelocompro_store_queue_length{", "dondelocompro_store_queue_wait");
        }
    }

    @Test
    void aSearchStartedByAnEmbedderIsCountedToo() throws Exception {
        double finished = count("dondelocompro.searches.finished", Tag.create("status", "completed"));
        double answers = count("dondelocompro.store.answers", Tag.create("store", "medida"), Tag.create("outcome", "success"),
                Tag.create("kind", "none"));
        var ticket = core.startSearch().startSearch(gt.dondelocompro.application.port.in.StartSearchCommand.of("plancha embebida", 10, false));
        AbstractDondeLoComproHttpTest.awaitFinished(core, ticket.searchId());

        assertThat(count("dondelocompro.searches.finished", Tag.create("status", "completed"))).isEqualTo(finished + 1);
        assertThat(count("dondelocompro.store.answers", Tag.create("store", "medida"), Tag.create("outcome", "success"),
                Tag.create("kind", "none"))).isEqualTo(answers + 1);
    }

    private static double count(String name, Tag... tags) {
        Optional<Counter> counter = Services.get(MeterRegistry.class).counter(name, List.of(tags));
        return counter.map(Counter::count).orElse(0L);
    }
}
