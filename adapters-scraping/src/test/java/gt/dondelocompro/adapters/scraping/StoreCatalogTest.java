package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Vendor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stores file: the built-in catalog, a replacement file, and messages that name the store and field at fault. */
class StoreCatalogTest {

    @Test
    void builtInCatalogListsTheGuatemalanStoresInQuetzalesWithPoliteSettings() {
        List<StoreConfig> stores = StoreCatalog.builtIn();

        assertThat(stores).extracting(StoreConfig::id).contains("cemaco", "walmart", "siman", "paiz", "elektra",
                "max", "lacuracao", "steren", "epa", "sears", "click").doesNotHaveDuplicates();
        assertThat(stores).allSatisfy(s -> {
            assertThat(s.currency()).isEqualTo(Money.GTQ);
            assertThat(s.baseUrl().getScheme()).isEqualTo("https");
            assertThat(s.minDelay()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(s.maxConcurrency()).isLessThanOrEqualTo(2);
        });
        assertThat(stores).filteredOn(s -> s.id().equals("max")).singleElement()
                .satisfies(max -> assertThat(max.active()).as("no public Constructor key known").isFalse());
        assertThat(stores).filteredOn(s -> s.id().equals("siman")).singleElement()
                .satisfies(s -> assertThat(s.baseUrl()).hasToString("https://gt.siman.com"));
    }

    @Test
    void storesAreCreatedForActiveConfigsAndVendorsIncludeInactiveOnes() {
        List<StoreConfig> configs = StoreCatalog.load(null);
        try (PoliteHttpClient client = PoliteHttpClient.withDefaults()) {
            List<Store> stores = Stores.create(configs, client);
            List<Vendor> vendors = Stores.vendors(configs);

            assertThat(vendors).hasSize(configs.size());
            assertThat(vendors).filteredOn(v -> v.id().equals("max")).singleElement()
                    .satisfies(v -> assertThat(v.active()).isFalse());
            assertThat(stores).hasSize((int) configs.stream().filter(StoreConfig::active).count());
            assertThat(stores).extracting(s -> s.vendor().id()).doesNotContain("max");
            Map<String, Class<?>> byId = Map.of("cemaco", VtexStore.class, "sears", WooCommerceStore.class,
                    "click", ShopifyStore.class, "epa", MagentoStore.class);
            byId.forEach((id, type) -> assertThat(stores).filteredOn(s -> s.vendor().id().equals(id))
                    .singleElement().isInstanceOf(type));
        }
    }

    @Test
    void aFileReplacesTheBuiltInCatalogAndDefaultsFillTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stores.json");
        Files.writeString(file, """
                [{"id": "demo", "name": "Demo", "base_url": "http://127.0.0.1:9999", "platform": "html",
                  "search_path": "/buscar?q={query}", "selectors": {"product": ".p", "name": ".n", "price": ".pr", "url": "a"},
                  "proxy": "proxy.local:3128", "user_agents": ["A/1"]}]
                """);

        List<StoreConfig> stores = StoreCatalog.load(file.toString());

        assertThat(stores).singleElement().satisfies(s -> {
            assertThat(s.active()).isTrue();
            assertThat(s.currency()).isEqualTo(Money.GTQ);
            assertThat(s.timeout()).isEqualTo(StoreConfig.DEFAULT_TIMEOUT);
            assertThat(s.minDelay()).isEqualTo(StoreConfig.DEFAULT_MIN_DELAY);
            assertThat(s.maxConcurrency()).isEqualTo(StoreConfig.DEFAULT_MAX_CONCURRENCY);
            assertThat(s.proxy().getHostString()).isEqualTo("proxy.local");
            assertThat(s.proxy().getPort()).isEqualTo(3128);
            assertThat(s.userAgents()).containsExactly("A/1");
            assertThat(s.selectors()).containsEntry("product", ".p");
        });
    }

    @Test
    void aBadBaseUrlNamesTheFileTheStoreIndexIdAndField() {
        String json = """
                [{"id": "cemaco", "name": "Cemaco", "base_url": "https://www.cemaco.com", "platform": "vtex"},
                 {"id": "paiz", "name": "Paiz", "base_url": "https://www.paiz.com.gt", "platform": "vtex"},
                 {"id": "siman", "name": "Siman", "base_url": "gt.siman.com", "platform": "vtex"}]
                """;

        assertThatThrownBy(() -> StoreCatalog.parse("/x.json", json))
                .isInstanceOf(StoreCatalogException.class)
                .hasMessage("stores file /x.json: store #3 'siman': base_url: must be an absolute http(s) URL, was 'gt.siman.com'");
    }

    @Test
    void eachKindOfMistakeIsNamed() {
        assertError("{}", "stores file t.json: must be a JSON array of store objects");
        assertError("[{", "stores file t.json: not valid JSON");
        assertError("[{\"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\"}]",
                "stores file t.json: store #1: id: is required");
        assertError("[{\"id\": \"Bad Id\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\"}]",
                "store #1 'Bad Id': id: a store id is 1-50 characters");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"prestashop\"}]",
                "store #1 'x': platform: unknown platform 'prestashop'");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\", \"min_delay\": 5}]",
                "store #1 'x': min_delay: unknown field");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\", \"timeout_ms\": \"8s\"}]",
                "store #1 'x': timeout_ms: must be a whole number");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\", \"max_concurrency\": 0}]",
                "store #1 'x': max_concurrency: must be 1-16, was 0");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\", \"currency\": \"QQQ\"}]",
                "store #1 'x': currency: must be an ISO 4217 code");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"constructor\"}]",
                "store #1 'x': search_url: an active constructor store needs search_url and api_key");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"html\"}]",
                "store #1 'x': search_path: is required for platform html");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"magento\", \"search_path\": \"/buscar\"}]",
                "store #1 'x': search_path: must contain {query}");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\", \"proxy\": \"socks5://p:1080\"}]",
                "store #1 'x': proxy: must be an HTTP proxy");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\", \"allowed_hosts\": [\"https://cdn.x.gt/\"]}]",
                "store #1 'x': allowed_hosts: entries are host names without scheme, port or path");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"html\", "
                        + "\"search_path\": \"/s?q={query}\", \"selectors\": {\"product\": \"li[\"}}]",
                "store #1 'x': selectors: 'product' is not a valid CSS selector");
        assertError("""
                [{"id": "x", "name": "X", "base_url": "https://x.gt", "platform": "vtex"},
                 {"id": "x", "name": "Y", "base_url": "https://y.gt", "platform": "vtex"}]""",
                "store #2 'x': id: duplicate of store #1");
    }

    @Test
    void anUnknownPlatformNamesEveryAllowedOne() {
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"Magento\"}]",
                "stores file t.json: store #1 'x': platform: unknown platform 'Magento'; known: "
                        + "[constructor, html, magento, shopify, vtex, vtex_is, woocommerce]");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": 0}]",
                "store #1 'x': platform: unknown platform '0'; known: [constructor,");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldAndWhatItMustBe() {
        String store = "[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\", ";
        assertError(store + "\"max_results\": \"20\"}]", "store #1 'x': max_results: must be a whole number, was \"20\"");
        assertError(store + "\"min_delay_ms\": 500.5}]", "store #1 'x': min_delay_ms: must be a whole number, was 500.5");
        assertError(store + "\"max_concurrency\": true}]", "store #1 'x': max_concurrency: must be a whole number, was true");
        assertError(store + "\"active\": \"yes\"}]", "store #1 'x': active: must be true or false, was \"yes\"");
        assertError(store + "\"currency\": 320}]", "store #1 'x': currency: must be a string, was 320");
        assertError(store + "\"user_agents\": \"A/1\"}]", "store #1 'x': user_agents: must be an array of strings, was \"A/1\"");
        assertError(store + "\"user_agents\": [null]}]", "store #1 'x': user_agents: must be an array of strings, was [null]");
        assertError("[{\"id\": 7, \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\"}]",
                "stores file t.json: store #1: id: must be a string, was 7");
    }

    @Test
    void anUnknownFieldIsRefusedByNameWithTheKnownOnes() {
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\", \"timeout\": 8000}]",
                "store #1 'x': timeout: unknown field; known: [active, allowed_hosts, api_key, base_url, currency, id, max_concurrency, "
                        + "max_results, min_delay_ms, name, platform, proxy, search_path, search_url, selectors, "
                        + "timeout_ms, user_agents]");
    }

    @Test
    void everyFieldOfTheFormatIsReadIntoTheConfig() {
        List<StoreConfig> stores = StoreCatalog.parse("t.json", """
                [{"id": "x", "name": "X", "base_url": " https://x.gt/gt ", "platform": "shopify", "active": false,
                  "currency": "USD", "search_path": "/es/search/suggest.json", "max_results": 20, "min_delay_ms": 0,
                  "max_concurrency": 3, "timeout_ms": 1500, "proxy": "http://p.local:8080",
                  "search_url": "https://searchserverapi.com/getresults", "api_key": "k", "selectors": null,
                  "user_agents": ["A/1", "B/2"], "allowed_hosts": [" CDN.x.gt", "[2001:db8::1]"]}]
                """);

        assertThat(stores).singleElement().isEqualTo(new StoreConfig("x", "X", java.net.URI.create("https://x.gt/gt"),
                Platform.SHOPIFY, false, java.util.Currency.getInstance("USD"), "/es/search/suggest.json", 20,
                Duration.ZERO, 3, Duration.ofMillis(1500), java.net.InetSocketAddress.createUnresolved("p.local", 8080),
                java.net.URI.create("https://searchserverapi.com/getresults"), "k", Map.of(), List.of("A/1", "B/2"), List.of("cdn.x.gt", "[2001:db8::1]")));
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> StoreCatalog.load("/no/such/stores.json"))
                .isInstanceOf(StoreCatalogException.class)
                .hasMessageStartingWith("stores file /no/such/stores.json: cannot be read");
    }

    private static void assertError(String json, String expected) {
        assertThatThrownBy(() -> StoreCatalog.parse("t.json", json))
                .isInstanceOf(StoreCatalogException.class)
                .hasMessageContaining(expected);
    }
}
