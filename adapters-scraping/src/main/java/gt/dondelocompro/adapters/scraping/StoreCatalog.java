package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import gt.dondelocompro.domain.InvalidValueException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stores file (the format of DESIGN.md, "stores file": a JSON array of snake_case objects) into
 * checked {@link StoreConfig}s: the built-in catalog of Guatemalan stores, or a file such as
 * {@code DLC_VENDORS_FILE} that replaces it. Each store is read with Jackson into a {@link StoreEntry} and checked
 * as a {@link StoreConfig}. Any mistake stops loading with a message such as
 * {@code stores file /x.json: store #3 'siman': base_url: must be an absolute http(s) URL}.
 */
public final class StoreCatalog {

    /** Where the built-in catalog lives on the classpath. */
    public static final String BUILT_IN_RESOURCE = "/gt/dondelocompro/adapters/scraping/stores.json";

    /**
     * One store as the file spells it (snake_case, every field optional here so that a missing one is named by
     * {@link #toConfig()}); a null means "absent, use the default".
     */
    record StoreEntry(String id, String name, String baseUrl, Platform platform, Boolean active, String currency,
                      String searchPath, Long maxResults, Long minDelayMs, Long maxConcurrency, Long timeoutMs,
                      String proxy, String searchUrl, String apiKey,
                      @JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> selectors,
                      @JsonSetter(contentNulls = Nulls.FAIL) List<String> userAgents,
                      @JsonSetter(contentNulls = Nulls.FAIL) List<String> allowedHosts,
                      String userAgent, String hashid, String accountId, String authKey, String domainKey,
                      String viewId, String club, FallbackEntry fallback, String source, String note) {

        StoreConfig toConfig() {
            return new StoreConfig(
                    required("id", id),
                    required("name", name),
                    url("base_url", required("base_url", baseUrl)),
                    platform,
                    active == null || active,
                    isoCurrency(currency),
                    searchPath,
                    maxResults == null ? StoreConfig.DEFAULT_MAX_RESULTS : clamped(maxResults),
                    minDelayMs == null ? null : Duration.ofMillis(minDelayMs),
                    maxConcurrency == null ? StoreConfig.DEFAULT_MAX_CONCURRENCY : clamped(maxConcurrency),
                    timeoutMs == null ? null : Duration.ofMillis(timeoutMs),
                    httpProxy(proxy),
                    searchUrl == null ? null : url("search_url", searchUrl),
                    apiKey,
                    selectors,
                    agents(userAgents, userAgent),
                    allowedHosts,
                    new StoreConfig.PlatformKeys(hashid, accountId, authKey, domainKey, viewId, club),
                    fallback == null ? null : fallback.toFallback(),
                    source,
                    note);
        }

        /** {@code user_agent} is one store's own User-Agent, {@code user_agents} a rotation; one or the other. */
        private static List<String> agents(List<String> rotation, String own) {
            if (own == null) {
                return rotation;
            }
            if (rotation != null) {
                throw new InvalidValueException("user_agent", "give user_agent (one) or user_agents (a rotation), not both");
            }
            if (own.isBlank()) {
                throw new InvalidValueException("user_agent", "must not be blank");
            }
            return List.of(own);
        }
    }

    /** A store's second way of being read, as the file spells it. */
    record FallbackEntry(Platform platform, String searchPath,
                         @JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> selectors) {
        StoreConfig.Fallback toFallback() {
            return new StoreConfig.Fallback(platform, searchPath, selectors);
        }
    }

    // the file is written by a person: "8000" for a number, 1 for true or an unknown field is a mistake to name,
    // not something to guess at
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS) // as the first parser of this file did
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private StoreCatalog() {
    }

    /** The catalog from {@code vendorsFile} when given (not null or blank), else the built-in one. */
    public static List<StoreConfig> load(String vendorsFile) {
        return vendorsFile == null || vendorsFile.isBlank() ? builtIn() : fromFile(Path.of(vendorsFile.strip()));
    }

    public static List<StoreConfig> builtIn() {
        try (InputStream in = StoreCatalog.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new StoreCatalogException("built-in stores file " + BUILT_IN_RESOURCE + " is missing from the classpath");
            }
            return parse("built-in " + BUILT_IN_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreCatalogException("built-in stores file " + BUILT_IN_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static List<StoreConfig> fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreCatalogException("stores file " + file + ": cannot be read (" + e + ")", e);
        }
        return parse(file.toString(), text);
    }

    /** Parses and checks a stores file's text; {@code source} names it in error messages. */
    public static List<StoreConfig> parse(String source, String json) {
        String prefix = "stores file " + source + ": ";
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreCatalogException(prefix + "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isArray()) {
            throw new StoreCatalogException(prefix + "must be a JSON array of store objects");
        }
        List<StoreConfig> stores = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            // one store at a time, so that a mistake is reported with the store's index and id
            JsonNode node = root.get(i);
            String id = node.isObject() && node.path("id").isTextual() ? node.get("id").asText() : null;
            String where = prefix + "store #" + (i + 1) + (id == null ? "" : " '" + id + "'") + ": ";
            try {
                StoreConfig config = entry(node).toConfig();
                Integer earlier = seen.putIfAbsent(config.id(), i + 1);
                if (earlier != null) {
                    throw new InvalidValueException("id", "duplicate of store #" + earlier);
                }
                stores.add(config);
            } catch (InvalidValueException e) {
                throw new StoreCatalogException(where + e.getMessage(), e);
            }
        }
        return List.copyOf(stores);
    }

    private static StoreEntry entry(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidValueException("store", "must be a JSON object");
        }
        try {
            return MAPPER.treeToValue(node, StoreEntry.class);
        } catch (JsonMappingException e) {
            throw explain(e, node);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("store", e.getOriginalMessage());
        }
    }

    /** Jackson's complaint in the file's words: the field at fault and what it must be. */
    private static InvalidValueException explain(JsonMappingException e, JsonNode node) {
        String where = e.getPath().size() > 1 ? e.getPath().getFirst().getFieldName() + "." : "";
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new InvalidValueException(where + unknown.getPropertyName(), "unknown field; known: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        }
        if (e instanceof InvalidFormatException bad && bad.getTargetType() == Platform.class) {
            return new InvalidValueException(where + "platform", "unknown platform '" + bad.getValue() + "'; known: "
                    + Platform.ids());
        }
        String field = e.getPath().isEmpty() ? null : e.getPath().getFirst().getFieldName();
        if (field == null) {
            return new InvalidValueException("store", e.getOriginalMessage());
        }
        return new InvalidValueException(field, "must be " + expected(field) + ", was " + node.get(field));
    }

    /** What a field's JSON value must be, in the file's words, from its type in {@link StoreEntry}. */
    private static String expected(String field) {
        Class<?> type = Arrays.stream(StoreEntry.class.getRecordComponents())
                .filter(c -> PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()).equals(field))
                .map(RecordComponent::getType).findFirst().orElse(String.class);
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == Long.class) {
            return "a whole number";
        }
        if (type == Map.class) {
            return "an object of strings";
        }
        if (type == List.class) {
            return "an array of strings";
        }
        if (type == FallbackEntry.class) {
            return "an object with platform, search_path and optional selectors";
        }
        return "a string";
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** Out-of-range numbers stay out of range, so that StoreConfig's range check names them. */
    private static int clamped(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(value, Integer.MAX_VALUE));
    }

    private static URI url(String field, String text) {
        try {
            URI uri = new URI(text.strip());
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new InvalidValueException(field, "must be an absolute http(s) URL, was '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidValueException(field, "must be an absolute http(s) URL, was '" + text + "'");
        }
    }

    private static Currency isoCurrency(String code) {
        if (code == null) {
            return null;
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("currency", "must be an ISO 4217 code such as GTQ, was '" + code + "'");
        }
    }

    /** {@code proxy} as {@code host:port} or {@code http://host:port}. */
    private static InetSocketAddress httpProxy(String text) {
        if (text == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.contains("://") ? text : "http://" + text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new InvalidValueException("proxy", "must be an HTTP proxy as host:port or http://host:port, was '" + text + "'");
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
    }
}
