package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.FetchOptions;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Vendor;
import org.jsoup.select.QueryParser;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One store as the stores file describes it, checked on construction. Optional settings arrive as null and
 * take their defaults here. Errors are {@link InvalidValueException}s naming the snake_case field.
 */
public record StoreConfig(
        String id,
        String name,
        URI baseUrl,
        Platform platform,
        boolean active,
        Currency currency,
        String searchPath,
        int maxResults,
        Duration minDelay,
        int maxConcurrency,
        Duration timeout,
        InetSocketAddress proxy,
        URI searchUrl,
        String apiKey,
        Map<String, String> selectors,
        List<String> userAgents,
        List<String> allowedHosts) {

    public static final Set<String> SELECTOR_KEYS =
            Set.of("product", "name", "price", "list_price", "url", "image", "brand", "id", "out_of_stock", "no_results");

    public static final int DEFAULT_MAX_RESULTS = 50;
    public static final Duration DEFAULT_MIN_DELAY = Duration.ofMillis(500);
    public static final int DEFAULT_MAX_CONCURRENCY = 2;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(8);

    public StoreConfig {
        // Vendor holds the rules for id and name; build it once to check them with the same words
        new Vendor(id, name, String.valueOf(baseUrl), String.valueOf(platform), active);
        if (baseUrl == null || !baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
            throw new InvalidValueException("base_url", "must be an absolute http(s) URL, was '" + baseUrl + "'");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new InvalidValueException("base_url", "must not have a query or fragment, was '" + baseUrl + "'");
        }
        if (platform == null) {
            throw new InvalidValueException("platform", "is required; known: " + Platform.ids());
        }
        currency = currency == null ? Money.GTQ : currency;
        if (maxResults < 1 || maxResults > 50) {
            throw new InvalidValueException("max_results", "must be 1-50, was " + maxResults);
        }
        minDelay = minDelay == null ? DEFAULT_MIN_DELAY : minDelay;
        if (minDelay.isNegative() || minDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidValueException("min_delay_ms", "must be 0-60000, was " + minDelay.toMillis());
        }
        if (maxConcurrency < 1 || maxConcurrency > 16) {
            throw new InvalidValueException("max_concurrency", "must be 1-16, was " + maxConcurrency);
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new InvalidValueException("timeout_ms", "must be 1-120000, was " + timeout.toMillis());
        }
        if (searchPath != null) {
            if (!searchPath.startsWith("/")) {
                throw new InvalidValueException("search_path", "must start with '/', was '" + searchPath + "'");
            }
            boolean templated = platform.templatedPath();
            if (templated && !searchPath.contains("{query}")) {
                throw new InvalidValueException("search_path", "must contain {query} for platform " + platform
                        + ", was '" + searchPath + "'");
            }
            if (!templated && (searchPath.contains("?") || searchPath.contains("{query}"))) {
                throw new InvalidValueException("search_path", "must be a plain path for platform " + platform
                        + " (its query parameters are added to it), was '" + searchPath + "'");
            }
        }
        if (platform == Platform.HTML && searchPath == null) {
            throw new InvalidValueException("search_path", "is required for platform html (a path containing {query})");
        }
        if (searchUrl != null && (!searchUrl.isAbsolute() || searchUrl.getHost() == null
                || !(searchUrl.getScheme().equals("http") || searchUrl.getScheme().equals("https")))) {
            throw new InvalidValueException("search_url", "must be an absolute http(s) URL, was '" + searchUrl + "'");
        }
        if (platform == Platform.CONSTRUCTOR && active && (searchUrl == null || apiKey == null || apiKey.isBlank())) {
            throw new InvalidValueException(searchUrl == null ? "search_url" : "api_key",
                    "an active constructor store needs search_url and api_key (its public front-end key)");
        }
        if (platform == Platform.SHOPIFY && searchUrl != null && (apiKey == null || apiKey.isBlank())) {
            throw new InvalidValueException("api_key", "a shopify store searched through Searchanise (search_url) needs api_key");
        }
        selectors = selectors == null ? Map.of() : Map.copyOf(selectors);
        for (var selector : selectors.entrySet()) {
            if (!SELECTOR_KEYS.contains(selector.getKey())) {
                throw new InvalidValueException("selectors", "unknown selector '" + selector.getKey() + "'; known: "
                        + SELECTOR_KEYS.stream().sorted().toList());
            }
            try {
                QueryParser.parse(selector.getValue());
            } catch (RuntimeException e) {
                throw new InvalidValueException("selectors", "'" + selector.getKey() + "' is not a valid CSS selector: "
                        + selector.getValue());
            }
        }
        userAgents = userAgents == null ? List.of() : List.copyOf(userAgents);
        if (userAgents.stream().anyMatch(String::isBlank)) {
            throw new InvalidValueException("user_agents", "must not contain blank entries");
        }
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(StoreConfig::hostName).toList();
    }

    private static String hostName(String entry) {
        String host = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
        try {
            if (!host.isEmpty() && host.equals(new URI("http", host, "/", null).getHost())) {
                return host;
            }
        } catch (URISyntaxException e) {
            // named below
        }
        throw new InvalidValueException("allowed_hosts", "entries are host names without scheme, port or path"
                + " (IPv6 in brackets), was '" + entry + "'");
    }

    public Vendor vendor() {
        return new Vendor(id, name, baseUrl.toString(), platform.id(), active);
    }

    /** What the fetcher needs from this store; its redirects may reach its own hosts and {@code allowed_hosts}. */
    public FetchOptions fetchOptions() {
        Set<String> redirectHosts = new HashSet<>(allowedHosts);
        redirectHosts.add(baseUrl.getHost());
        if (searchUrl != null) {
            redirectHosts.add(searchUrl.getHost());
        }
        return new FetchOptions(timeout, minDelay, maxConcurrency, proxy, userAgents,
                FetchOptions.DEFAULT_MAX_BODY_BYTES, redirectHosts);
    }

    public StoreConfig withPoliteness(Duration newMinDelay, int newMaxConcurrency, Duration newTimeout) {
        return new StoreConfig(id, name, baseUrl, platform, active, currency, searchPath, maxResults, newMinDelay,
                newMaxConcurrency, newTimeout, proxy, searchUrl, apiKey, selectors, userAgents, allowedHosts);
    }

    public StoreConfig withSelectors(Map<String, String> newSelectors) {
        return new StoreConfig(id, name, baseUrl, platform, active, currency, searchPath, maxResults, minDelay,
                maxConcurrency, timeout, proxy, searchUrl, apiKey, newSelectors, userAgents, allowedHosts);
    }

    public StoreConfig withAllowedHosts(List<String> newAllowedHosts) {
        return new StoreConfig(id, name, baseUrl, platform, active, currency, searchPath, maxResults, minDelay,
                maxConcurrency, timeout, proxy, searchUrl, apiKey, selectors, userAgents, newAllowedHosts);
    }
}
