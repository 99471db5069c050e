package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI document on the classpath as a test oracle: finds the response a real answer claims to be (path
 * template, method, status, content type), checks its required headers, validates a JSON body against the response
 * schema and each server-sent event's data against the schema of its event name (JSON Schema 2020-12, formats
 * asserted), and remembers which operations and statuses were exercised.
 */
final class OpenApiContract {

    /** Where the document is registered, so that {@code #/components/...} references resolve into it. */
    static final String BASE = "https://dondelocompro.example/openapi.json";
    static final String RESOURCE = DondeLoComproHttp.OPENAPI_DOCUMENT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Set<String> exercisedOperations = ConcurrentHashMap.newKeySet();
    private final Set<String> exercisedStatuses = ConcurrentHashMap.newKeySet();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(BASE, document.toString())).schemaRegistryConfig(config));
    }

    static OpenApiContract load() {
        return new OpenApiContract(readYaml(RESOURCE));
    }

    static JsonNode readYaml(String resource) {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** Every documented operation, as {@code "GET /search/{id}/results"}; WebSocket upgrades apart when asked. */
    Set<String> operations(boolean withWebSockets) {
        Set<String> operations = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey()) && (withWebSockets || !op.getValue().path("x-websocket").asBoolean())) {
                operations.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** Every documented status of the operations, as {@code "GET /search/{id}/results 404"}. */
    Set<String> statuses(boolean withWebSockets) {
        Set<String> statuses = new TreeSet<>();
        for (String operation : operations(withWebSockets)) {
            operation(operation).get("responses").fieldNames().forEachRemaining(s -> statuses.add(operation + " " + s));
        }
        return statuses;
    }

    Set<String> exercisedOperations() {
        return new TreeSet<>(exercisedOperations);
    }

    Set<String> exercisedStatuses() {
        return new TreeSet<>(exercisedStatuses);
    }

    JsonNode operation(String operation) {
        int space = operation.indexOf(' ');
        return document.path("paths").path(operation.substring(space + 1))
                .path(operation.substring(0, space).toLowerCase(Locale.ROOT));
    }

    /**
     * The ways {@code response} (to a request for {@code template}) breaks the document: an operation or status
     * the document does not list, a content type it does not name, a required header missing, a body its schema
     * refuses. Empty when it conforms.
     */
    List<String> violations(String template, HttpResponse<String> response) {
        String method = response.request().method();
        String operation = method + " " + template;
        int status = response.statusCode();
        String where = operation + " -> " + status;
        List<String> violations = new ArrayList<>();
        JsonNode op = operation(operation);
        if (op.isMissingNode()) {
            return List.of(where + ": the operation is not in the document");
        }
        exercisedOperations.add(operation);
        JsonNode documented = resolve(op.path("responses").path(Integer.toString(status)));
        if (documented.isMissingNode()) {
            return List.of(where + ": the status is not documented");
        }
        exercisedStatuses.add(operation + " " + status);
        documented.path("headers").properties().forEach(h -> {
            if (h.getValue().path("required").asBoolean() && response.headers().firstValue(h.getKey()).isEmpty()) {
                violations.add(where + ": the header " + h.getKey() + " is missing");
            }
        });
        String body = response.body() == null ? "" : response.body();
        JsonNode content = documented.path("content");
        if (content.isMissingNode()) {
            if (!body.isEmpty()) {
                violations.add(where + ": the document says no body, but there is one");
            }
            return violations;
        }
        String type = response.headers().firstValue("Content-Type").map(OpenApiContract::mediaType).orElse("(none)");
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            violations.add(where + ": the content type " + type + " is not documented");
            return violations;
        }
        String pointer = "/paths/" + template + "/" + method.toLowerCase(Locale.ROOT) + "/" + status + "/" + type;
        if (type.equals("application/json") || type.endsWith("+json")) {
            violations.addAll(validate(where, pointer, media.path("schema"), body));
        } else if (type.equals("text/event-stream")) {
            violations.addAll(validateEvents(where, pointer, media.path("x-events"), body));
        }
        return violations;
    }

    /** Each event's data against its event name's schema; the search's events carry an id, the connection's do not. */
    private List<String> validateEvents(String where, String pointer, JsonNode events, String stream) {
        List<String> violations = new ArrayList<>();
        List<SseEvent> parsed = SseEvent.parse(stream);
        if (parsed.isEmpty()) {
            violations.add(where + ": no events in the stream");
        }
        for (SseEvent event : parsed) {
            JsonNode schema = events.path(event.name());
            if (schema.isMissingNode()) {
                violations.add(where + ": the event '" + event.name() + "' is not documented");
                continue;
            }
            boolean ofTheConnection = event.name().equals("connected") || event.name().equals("heartbeat");
            if (ofTheConnection == (event.id() != null)) {
                violations.add(where + ": event '" + event.name() + "' has id " + event.id());
            }
            violations.addAll(validate(where + " event " + event.name(), pointer + "/" + event.name(), schema, event.data()));
        }
        return violations;
    }

    List<String> validate(String where, String key, JsonNode schemaNode, String json) {
        Schema schema = schemas.computeIfAbsent(key, k -> registry.getSchema(absoluteRefs(schemaNode).toString(), InputFormat.JSON));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(e -> where + ": " + e.getInstanceLocation() + " " + e.getMessage()
                + " [" + e.getSchemaLocation() + "]").toList();
    }

    /** Validates {@code json} against {@code #/components/schemas/NAME}. */
    List<String> validateAgainst(String name, String json) {
        return validate(name, "#/components/schemas/" + name,
                JSON.createObjectNode().put("$ref", "#/components/schemas/" + name), json);
    }

    /** A schema taken out of the document: its local references made absolute, so they still point into it. */
    private static JsonNode absoluteRefs(JsonNode node) {
        JsonNode copy = node.deepCopy();
        rewrite(copy);
        return copy;
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                object.set("$ref", TextNode.valueOf(BASE + ref.asText()));
            }
            object.forEach(OpenApiContract::rewrite);
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::rewrite);
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? document.at(ref.asText().substring(1)) : node;
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** One event of a {@code text/event-stream}; {@code id} null when it had no {@code id:} line. */
    record SseEvent(String name, String id, String data) {

        static List<SseEvent> parse(String stream) {
            List<SseEvent> events = new ArrayList<>();
            for (SseConnection.Message m : SseConnection.parse(stream)) {
                events.add(new SseEvent(m.event() == null ? "message" : m.event(), m.id(), m.data() == null ? "" : m.data()));
            }
            return events;
        }

        Optional<Long> sequence() {
            return Optional.ofNullable(id).map(Long::parseLong);
        }
    }
}
