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
        List<String> allowedHosts,
        PlatformKeys keys,
        Fallback fallback,
        String source,
        String note) {

    public static final Set<String> SELECTOR_KEYS = Set.of("product", "name", "price", "list_price", "url", "image",
            "brand", "id", "out_of_stock", "no_results", "gtin", "model", "category");

    /**
     * The public keys of a search service that is configuration, never code: Doofinder's {@code hashid}; Bloomreach's
     * {@code account_id}, {@code auth_key}, {@code domain_key}, {@code view_id} and {@code club} (the price field is
     * {@code price_<view>_<club>}). Each null when absent.
     */
    public record PlatformKeys(String hashid, String accountId, String authKey, String domainKey, String viewId,
                               String club) {
        public static final PlatformKeys NONE = new PlatformKeys(null, null, null, null, null, null);

        boolean anyBloomreach() {
            return accountId != null || authKey != null || domainKey != null || viewId != null || club != null;
        }
    }

    /**
     * A second way to read the store, tried when the first answers 404/410 or a body that cannot be read: an HTML
     * platform ({@code magento} or {@code html}) with its {@code search_path} and optional {@code selectors}.
     */
    public record Fallback(Platform platform, String searchPath, Map<String, String> selectors) {
        public Fallback {
            if (platform == null) {
                throw new InvalidValueException("fallback", "platform is required; known: [html, magento]");
            }
            if (!platform.templatedPath()) {
                throw new InvalidValueException("fallback", "platform must be an HTML search (html or magento), was '"
                        + platform + "'");
            }
            selectors = selectors == null ? Map.of() : Map.copyOf(selectors);
        }
    }

    /** A store without platform keys, fallback, source or note (the shape before those fields existed). */
    public StoreConfig(String id, String name, URI baseUrl, Platform platform, boolean active, Currency currency,
                       String searchPath, int maxResults, Duration minDelay, int maxConcurrency, Duration timeout,
                       InetSocketAddress proxy, URI searchUrl, String apiKey, Map<String, String> selectors,
                       List<String> userAgents, List<String> allowedHosts) {
        this(id, name, baseUrl, platform, active, currency, searchPath, maxResults, minDelay, maxConcurrency, timeout,
                proxy, searchUrl, apiKey, selectors, userAgents, allowedHosts, null, null, null, null);
    }

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
        selectors = checkedSelectors("selectors", selectors);
        keys = keys == null ? PlatformKeys.NONE : keys;
        if (keys.hashid() != null && platform != Platform.DOOFINDER) {
            throw new InvalidValueException("hashid", "is only for platform doofinder, this store is " + platform);
        }
        if (keys.anyBloomreach() && platform != Platform.BLOOMREACH) {
            throw new InvalidValueException("account_id", "account_id, auth_key, domain_key, view_id and club are only"
                    + " for platform bloomreach, this store is " + platform);
        }
        if (platform == Platform.DOOFINDER && active && blank(keys.hashid())) {
            throw new InvalidValueException("hashid", "an active doofinder store needs hashid (its search engine's id)");
        }
        if (platform == Platform.BLOOMREACH && active) {
            String missing = blank(keys.accountId()) ? "account_id" : blank(keys.authKey()) ? "auth_key"
                    : blank(keys.domainKey()) ? "domain_key" : null;
            if (missing != null) {
                throw new InvalidValueException(missing, "an active bloomreach store needs account_id, auth_key and domain_key");
            }
        }
        if (fallback != null) {
            if (fallback.platform() == platform) {
                throw new InvalidValueException("fallback", "must be another way to read the store than its platform "
                        + platform);
            }
            if (fallback.searchPath() == null || !fallback.searchPath().startsWith("/") || !fallback.searchPath().contains("{query}")) {
                throw new InvalidValueException("fallback", "search_path must start with '/' and contain {query}, was '"
                        + fallback.searchPath() + "'");
            }
            checkedSelectors("fallback.selectors", fallback.selectors());
        }
        source = blank(source) ? null : source.strip();
        note = blank(note) ? null : note.strip();
        userAgents = userAgents == null ? List.of() : List.copyOf(userAgents);
        if (userAgents.stream().anyMatch(String::isBlank)) {
            throw new InvalidValueException("user_agents", "must not contain blank entries");
        }
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(StoreConfig::hostName).toList();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Map<String, String> checkedSelectors(String field, Map<String, String> selectors) {
        Map<String, String> copy = selectors == null ? Map.of() : Map.copyOf(selectors);
        for (var selector : copy.entrySet()) {
            if (!SELECTOR_KEYS.contains(selector.getKey())) {
                throw new InvalidValueException(field, "unknown selector '" + selector.getKey() + "'; known: "
                        + SELECTOR_KEYS.stream().sorted().toList());
            }
            String css = cssOf(selector.getValue());
            String attribute = attributeOf(selector.getValue());
            if (attribute != null && attribute.isBlank()) {
                throw new InvalidValueException(field, "'" + selector.getKey() + "' names an empty attribute: "
                        + selector.getValue());
            }
            if (css.isEmpty() && (attribute == null || selector.getKey().equals("product"))) {
                throw new InvalidValueException(field, "'" + selector.getKey() + "' is empty");
            }
            try {
                if (!css.isEmpty()) {
                    QueryParser.parse(css);
                }
            } catch (RuntimeException e) {
                throw new InvalidValueException(field, "'" + selector.getKey() + "' is not a valid CSS selector: "
                        + selector.getValue());
            }
        }
        return copy;
    }

    /** The CSS part of a selector that may end in {@code @attr} ("a.title @title", "@title": the card itself). */
    static String cssOf(String selector) {
        int at = attributeStart(selector);
        return (at < 0 ? selector : selector.substring(0, at)).strip();
    }

    /** The attribute a selector ends in ({@code @title}), or null when it reads the element's text. */
    static String attributeOf(String selector) {
        int at = attributeStart(selector);
        return at < 0 ? null : selector.substring(at + 1).strip();
    }

    private static int attributeStart(String selector) {
        int at = selector.lastIndexOf('@');
        // an @ inside brackets or quotes is part of the CSS ([href^=mailto:a@b])
        return at >= 0 && selector.indexOf(']', at) < 0 && selector.indexOf('"', at) < 0 && selector.indexOf('\'', at) < 0
                && (at == 0 || Character.isWhitespace(selector.charAt(at - 1))) ? at : -1;
    }

    /** This store read its second way: the fallback's platform, path and selectors, with the same politeness. */
    public StoreConfig asFallback() {
        if (fallback == null) {
            throw new IllegalStateException("store '" + id + "' has no fallback");
        }
        return new StoreConfig(id, name, baseUrl, fallback.platform(), active, currency, fallback.searchPath(),
                maxResults, minDelay, maxConcurrency, timeout, proxy, null, null, fallback.selectors(), userAgents,
                allowedHosts, null, null, source, note);
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
        return new Vendor(id, name, baseUrl.toString(), platform.id(), active, source, note);
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
                newMaxConcurrency, newTimeout, proxy, searchUrl, apiKey, selectors, userAgents, allowedHosts, keys, fallback, source, note);
    }

    public StoreConfig withSelectors(Map<String, String> newSelectors) {
        return new StoreConfig(id, name, baseUrl, platform, active, currency, searchPath, maxResults, minDelay,
                maxConcurrency, timeout, proxy, searchUrl, apiKey, newSelectors, userAgents, allowedHosts, keys, fallback,
                source, note);
    }

    public StoreConfig withAllowedHosts(List<String> newAllowedHosts) {
        return new StoreConfig(id, name, baseUrl, platform, active, currency, searchPath, maxResults, minDelay,
                maxConcurrency, timeout, proxy, searchUrl, apiKey, selectors, userAgents, newAllowedHosts, keys, fallback,
                source, note);
    }

    /** The same store with its API endpoint at {@code newSearchUrl} (tests point it at loopback). */
    public StoreConfig withSearchUrl(URI newSearchUrl) {
        return new StoreConfig(id, name, baseUrl, platform, active, currency, searchPath, maxResults, minDelay,
                maxConcurrency, timeout, proxy, newSearchUrl, apiKey, selectors, userAgents, allowedHosts, keys, fallback,
                source, note);
    }

    /** The same store at {@code newBaseUrl} (its search URL unchanged). */
    public StoreConfig withBaseUrl(URI newBaseUrl) {
        return new StoreConfig(id, name, newBaseUrl, platform, active, currency, searchPath, maxResults, minDelay,
                maxConcurrency, timeout, proxy, searchUrl, apiKey, selectors, userAgents, allowedHosts, keys, fallback,
                source, note);
    }
}
