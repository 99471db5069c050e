package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.domain.Availability;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /search/{id}/results} carries the original service's names beside ours, with the same values: {@code id}
 * for {@code search_id}, {@code error_message} for {@code error}, and each event's {@code timestamp} for {@code at}.
 * (A failed search's {@code error_message} is checked in {@link OpenApiContractTest}.)
 */
@RoutingTest
class OriginalFieldNamesRoutingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static DondeLoCompro core;

    private final DirectClient client;

    OriginalFieldNamesRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        core = DondeLoCompro.builder().store(GateStore.offering("unica", "Tienda Única",
                new GateStore.Offering("U-1", "Licuadora Oster", "299", null, Availability.IN_STOCK))).build();
        DondeLoComproHttp.routing(routing, TestUseCases.of(core), HttpSettings.defaults("test"));
    }

    @AfterAll
    static void close() {
        core.close(Duration.ofSeconds(5));
    }

    @Test
    void aCompletedSearchHasIdErrorMessageAndEventTimestamps() throws Exception {
        JsonNode results = resultsOf("licuadora oster");
        assertThat(results.get("status").asText()).isEqualTo("completed");
        assertThat(results.get("id").asText()).isEqualTo(results.get("search_id").asText());
        assertThat(results.get("max_results").asInt()).isEqualTo(10);
        assertThat(results.has("error_message")).isTrue();
        assertThat(results.get("error_message").isNull()).isTrue();
        assertThat(results.get("error").isNull()).isTrue();
        assertEventsCarryTimestamps(results);
    }

    private JsonNode resultsOf(String query) throws Exception {
        String started = client.post("/search").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"query\": \"" + query + "\"}").as(String.class);
        UUID id = UUID.fromString(JSON.readTree(started).get("search_id").asText());
        AbstractDondeLoComproHttpTest.awaitFinished(core, id);
        return JSON.readTree(client.get("/search/" + id + "/results").request().as(String.class));
    }

    private static void assertEventsCarryTimestamps(JsonNode results) {
        JsonNode events = results.get("events");
        assertThat(events).isNotEmpty();
        for (JsonNode event : events) {
            assertThat(event.get("timestamp").asText()).as(event.toString()).isNotBlank().isEqualTo(event.get("at").asText());
        }
    }
}
