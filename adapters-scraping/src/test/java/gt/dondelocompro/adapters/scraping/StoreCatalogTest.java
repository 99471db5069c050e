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

        assertThat(stores).extracting(StoreConfig::id).containsExactly("cemaco", "walmart", "siman", "max",
                "lacuracao", "radioshack", "steren", "epa", "kemik", "intelaf", "novex", "sears", "pricesmart",
                "paiz", "elektra", "click");
        assertThat(stores).hasSizeGreaterThanOrEqualTo(16);
        assertThat(stores.stream().map(StoreConfig::platform).distinct().count()).isGreaterThanOrEqualTo(9);
        assertThat(stores).allSatisfy(s -> assertThat(s.source()).as(s.id() + " source").contains("STORES-GT.md"));
        assertThat(stores).filteredOn(s -> !s.active()).allSatisfy(s -> assertThat(s.note()).as(s.id() + " note")
                .startsWith("inactive: "));
        assertThat(stores).filteredOn(s -> !s.active()).extracting(StoreConfig::id)
                .as("only the stores no public source confirms").containsExactly("paiz", "elektra", "click");
        assertThat(stores).allSatisfy(s -> {
            assertThat(s.currency()).isEqualTo(Money.GTQ);
            assertThat(s.baseUrl().getScheme()).isEqualTo("https");
            assertThat(s.minDelay()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(s.maxConcurrency()).isLessThanOrEqualTo(2);
        });
        assertThat(stores).filteredOn(s -> s.id().equals("max")).singleElement()
                .satisfies(max -> assertThat(max.apiKey()).isEqualTo("key_5JqvLHPZsU80qkem"));
        assertThat(stores).filteredOn(s -> !s.userAgents().isEmpty())
                .allSatisfy(s -> assertThat(s.note()).as(s.id() + " says why it has its own user_agent").contains("user_agent"));
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
            assertThat(vendors).filteredOn(v -> v.id().equals("click")).singleElement()
                    .satisfies(v -> assertThat(v.active()).isFalse());
            assertThat(stores).hasSize((int) configs.stream().filter(StoreConfig::active).count());
            assertThat(stores).extracting(s -> s.vendor().id()).doesNotContain("click", "paiz", "elektra");
            Map<String, Class<?>> byId = Map.of("cemaco", VtexStore.class, "sears", WooCommerceStore.class,
                    "max", ConstructorStore.class, "epa", MagentoStore.class, "kemik", HtmlStore.class,
                    "intelaf", IntelafStore.class, "novex", DoofinderStore.class, "pricesmart", BloomreachStore.class);
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
                        + "[bloomreach, constructor, doofinder, html, intelaf, magento, shopify, vtex, vtex_is, woocommerce]");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": 0}]",
                "store #1 'x': platform: unknown platform '0'; known: [bloomreach,");
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
        assertError(store + "\"fallback\": \"html\"}]", "store #1 'x': fallback: must be an object with platform, search_path");
        assertError(store + "\"hashid\": 5}]", "store #1 'x': hashid: must be a string, was 5");
        assertError("[{\"id\": 7, \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\"}]",
                "stores file t.json: store #1: id: must be a string, was 7");
    }

    @Test
    void anUnknownFieldIsRefusedByNameWithTheKnownOnes() {
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"vtex\", \"timeout\": 8000}]",
                "store #1 'x': timeout: unknown field; known: [account_id, active, allowed_hosts, api_key, auth_key, base_url, "
                        + "club, currency, domain_key, fallback, hashid, id, max_concurrency, max_results, min_delay_ms, name, "
                        + "note, platform, proxy, search_path, search_url, selectors, source, timeout_ms, user_agent, "
                        + "user_agents, view_id]");
        assertError("[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", \"platform\": \"woocommerce\", "
                        + "\"fallback\": {\"platform\": \"html\", \"serch_path\": \"/?s={query}\"}}]",
                "store #1 'x': fallback.serch_path: unknown field; known: [platform, search_path, selectors]");
    }

    @Test
    void platformKeysBelongToTheirPlatformAndActiveStoresNeedThem() {
        String head = "[{\"id\": \"x\", \"name\": \"X\", \"base_url\": \"https://x.gt\", ";
        assertError(head + "\"platform\": \"vtex\", \"hashid\": \"h\"}]", "store #1 'x': hashid: is only for platform doofinder");
        assertError(head + "\"platform\": \"doofinder\"}]", "store #1 'x': hashid: an active doofinder store needs hashid");
        assertError(head + "\"platform\": \"vtex\", \"club\": \"6303\"}]", "store #1 'x': account_id: account_id, auth_key,");
        assertError(head + "\"platform\": \"bloomreach\", \"account_id\": \"1\", \"domain_key\": \"d\"}]",
                "store #1 'x': auth_key: an active bloomreach store needs account_id, auth_key and domain_key");
        assertError(head + "\"platform\": \"vtex\", \"user_agent\": \"A/1\", \"user_agents\": [\"B/2\"]}]",
                "store #1 'x': user_agent: give user_agent (one) or user_agents (a rotation), not both");
        assertError(head + "\"platform\": \"vtex\", \"fallback\": {\"platform\": \"woocommerce\", \"search_path\": \"/x\"}}]",
                "store #1 'x': fallback: platform must be an HTML search (html or magento), was 'woocommerce'");
        assertError(head + "\"platform\": \"vtex\", \"fallback\": {\"platform\": \"html\", \"search_path\": \"/s\"}}]",
                "store #1 'x': fallback: search_path must start with '/' and contain {query}");
        assertError(head + "\"platform\": \"vtex\", \"fallback\": {\"platform\": \"html\", \"search_path\": \"/s?q={query}\", "
                + "\"selectors\": {\"prodcut\": \"li\"}}}]", "store #1 'x': fallback.selectors: unknown selector 'prodcut'");
    }

    @Test
    void theNewFieldsAreReadIntoTheConfig() {
        StoreConfig pricesmart = StoreCatalog.parse("t.json", """
                [{"id": "p", "name": "P", "base_url": "https://p.gt/es-gt", "platform": "bloomreach",
                  "account_id": "7", "auth_key": "a", "domain_key": "d", "view_id": "GT", "club": "1",
                  "user_agent": "Own/1", "source": "here", "note": "why"}]
                """).getFirst();
        assertThat(pricesmart.keys()).isEqualTo(new StoreConfig.PlatformKeys(null, "7", "a", "d", "GT", "1"));
        assertThat(pricesmart.userAgents()).containsExactly("Own/1");
        assertThat(pricesmart.source()).isEqualTo("here");
        assertThat(pricesmart.note()).isEqualTo("why");
        StoreConfig sears = StoreCatalog.parse("t.json", """
                [{"id": "s", "name": "S", "base_url": "https://s.gt", "platform": "woocommerce",
                  "fallback": {"platform": "html", "search_path": "/?s={query}", "selectors": {"product": "li", "name": "@title"}}}]
                """).getFirst();
        assertThat(sears.fallback()).isEqualTo(new StoreConfig.Fallback(Platform.HTML, "/?s={query}",
                Map.of("product", "li", "name", "@title")));
        assertThat(sears.asFallback().platform()).isEqualTo(Platform.HTML);
        assertThat(sears.asFallback().searchPath()).isEqualTo("/?s={query}");
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
