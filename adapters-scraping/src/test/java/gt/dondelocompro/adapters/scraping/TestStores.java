package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Money;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/** Store configs and clients for tests: no spacing, short timeouts, quick retries, so the suite stays fast. */
final class TestStores {

    private TestStores() {
    }

    static StoreConfig config(String platform, String baseUrl) {
        return config(platform, baseUrl, platform.equals("html") ? "/search?q={query}" : null, null, null);
    }

    static StoreConfig config(String platform, String baseUrl, String searchPath, String searchUrl, String apiKey) {
        return config(platform, baseUrl, searchPath, searchUrl, apiKey, null);
    }

    static StoreConfig config(String platform, String baseUrl, String searchPath, String searchUrl, String apiKey,
                              StoreConfig.PlatformKeys keys) {
        return new StoreConfig("test-" + platform.replace('_', '-'), "Test " + platform, URI.create(baseUrl),
                Platform.valueOf(platform.toUpperCase(Locale.ROOT)), true, Money.GTQ, searchPath, StoreConfig.DEFAULT_MAX_RESULTS, Duration.ZERO, 4, Duration.ofSeconds(3),
                null, searchUrl == null ? null : URI.create(searchUrl), apiKey, null, null, null, keys, null, null, null);
    }

    /** A store of the built-in catalog as it is, but without spacing and with a short timeout (tests point it at loopback). */
    static StoreConfig fromCatalog(String id) {
        return StoreCatalog.builtIn().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow()
                .withPoliteness(Duration.ZERO, 4, Duration.ofSeconds(3));
    }

    static PoliteHttpClient client() {
        return client(Clock.systemUTC());
    }

    static PoliteHttpClient client(Clock clock) {
        return new PoliteHttpClient(PoliteHttpClient.Settings.defaults().withBackoffBase(Duration.ofMillis(20)), clock);
    }
}
