package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.domain.InvalidValueException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the stores file (the format of DESIGN.md, "stores file": a JSON array of snake_case objects) into
 * checked {@link StoreConfig}s: the built-in catalog of Guatemalan stores, or a file such as
 * {@code DLC_VENDORS_FILE} that replaces it. Any mistake stops loading with a message such as
 * {@code stores file /x.json: store #3 'siman': base_url: must be an absolute http(s) URL}.
 */
public final class StoreCatalog {

    /** Where the built-in catalog lives on the classpath. */
    public static final String BUILT_IN_RESOURCE = "/gt/dondelocompro/adapters/scraping/stores.json";

    private static final Set<String> FIELDS = Set.of("id", "name", "base_url", "platform", "active", "currency",
            "search_path", "max_results", "min_delay_ms", "max_concurrency", "timeout_ms", "proxy", "search_url",
            "api_key", "selectors", "user_agents");

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
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreCatalogException(prefix + "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isArray()) {
            throw new StoreCatalogException(prefix + "must be a JSON array of store objects");
        }
        List<StoreConfig> stores = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String id = node.isObject() && node.path("id").isTextual() ? node.get("id").asText() : null;
            String where = prefix + "store #" + (i + 1) + (id == null ? "" : " '" + id + "'") + ": ";
            try {
                StoreConfig config = toConfig(node);
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

    private static StoreConfig toConfig(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidValueException("store", "must be a JSON object");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new InvalidValueException(field, "unknown field; known: " + FIELDS.stream().sorted().toList());
            }
        }
        Long delay = whole(node, "min_delay_ms");
        Long timeout = whole(node, "timeout_ms");
        Long maxResults = whole(node, "max_results");
        Long concurrency = whole(node, "max_concurrency");
        String searchUrl = string(node, "search_url", false);
        return new StoreConfig(
                string(node, "id", true),
                string(node, "name", true),
                url("base_url", string(node, "base_url", true)),
                string(node, "platform", true),
                bool(node, "active", true),
                currency(node),
                string(node, "search_path", false),
                maxResults == null ? StoreConfig.DEFAULT_MAX_RESULTS : Math.toIntExact(Math.min(maxResults, Integer.MAX_VALUE)),
                delay == null ? null : Duration.ofMillis(delay),
                concurrency == null ? StoreConfig.DEFAULT_MAX_CONCURRENCY : Math.toIntExact(Math.min(concurrency, Integer.MAX_VALUE)),
                timeout == null ? null : Duration.ofMillis(timeout),
                proxy(node),
                searchUrl == null ? null : url("search_url", searchUrl),
                string(node, "api_key", false),
                selectors(node),
                userAgents(node));
    }

    private static String string(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidValueException(field, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidValueException(field, "must be a string, was " + v);
        }
        return v.asText();
    }

    private static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new InvalidValueException(field, "must be true or false, was " + v);
        }
        return v.booleanValue();
    }

    private static Long whole(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidValueException(field, "must be a whole number, was " + v);
        }
        return v.longValue();
    }

    private static URI url(String field, String text) {
        try {
            URI uri = new URI(text.strip());
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new InvalidValueException(field, "must be an absolute http(s) URL, was '" + text + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new InvalidValueException(field, "must be an absolute http(s) URL, was '" + text + "'");
        }
    }

    private static Currency currency(JsonNode node) {
        String code = string(node, "currency", false);
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
    private static InetSocketAddress proxy(JsonNode node) {
        String text = string(node, "proxy", false);
        if (text == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.contains("://") ? text : "http://" + text);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new InvalidValueException("proxy", "must be an HTTP proxy as host:port or http://host:port, was '" + text + "'");
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
    }

    private static Map<String, String> selectors(JsonNode node) {
        JsonNode v = node.get("selectors");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new InvalidValueException("selectors", "must be an object of CSS selectors, was " + v);
        }
        Map<String, String> selectors = new LinkedHashMap<>();
        for (var entry : v.properties()) {
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw new InvalidValueException("selectors", "'" + entry.getKey() + "' must be a non-blank CSS selector");
            }
            selectors.put(entry.getKey(), entry.getValue().asText());
        }
        return selectors;
    }

    private static List<String> userAgents(JsonNode node) {
        JsonNode v = node.get("user_agents");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidValueException("user_agents", "must be an array of strings, was " + v);
        }
        List<String> agents = new ArrayList<>();
        for (JsonNode agent : v) {
            if (!agent.isTextual()) {
                throw new InvalidValueException("user_agents", "must be an array of strings, found " + agent);
            }
            agents.add(agent.asText());
        }
        return agents;
    }
}
