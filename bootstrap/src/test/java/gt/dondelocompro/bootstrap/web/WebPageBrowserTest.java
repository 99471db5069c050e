package gt.dondelocompro.bootstrap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.bootstrap.AppConfig;
import gt.dondelocompro.bootstrap.DondeLoComproApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The web page in a real headless Chromium against the real service with demo stores: a shopper types a
 * query, watches offers arrive from several stores, sees the broken store reported and the cheapest offer
 * highlighted, opens a price history, and a hostile product name stays text; the same product at several stores
 * is one group in the service's order, opens to every store's offer and to a chart with one line per store;
 * facet filters narrow the list; on a phone-sized screen the first offers show while the search runs and
 * nothing is wider than the screen. Needs Debian's chromium and chromium-driver (.ci/run installs them).
 */
class WebPageBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "browser");
    private static DondeLoComproApp app;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        // private targets allowed: the alert test's ntfy topic is on loopback (nothing listens there; nothing is sent)
        app = DondeLoComproApp.startWithFastDemo(AppConfig.from(Map.of("PORT", "0", "DLC_DEMO", "true",
                "ALERT_ALLOW_PRIVATE_TARGETS", "true")));
        base = "http://127.0.0.1:" + app.port();
        browser = HeadlessChromium.start("dlc-chromium", "1280,1600");
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    private static WebDriverWait waiting() {
        return waiting(browser);
    }

    private static WebDriverWait waiting(WebDriver driver) {
        // the page redraws its lists as events arrive: an element found a moment ago may be gone; look again
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static void search(String query) {
        search(browser, query);
    }

    private static void search(WebDriver driver, String query) {
        WebElement box = driver.findElement(By.id("query"));
        box.clear();
        box.sendKeys(query);
        driver.findElement(By.id("search-button")).click();
    }

    private static void screenshot(String name) throws Exception {
        screenshot(browser, name);
    }

    private static void screenshot(WebDriver driver, String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void searchDone(WebDriver driver) {
        waiting(driver).until(d -> d.findElement(By.id("summary")).getText().startsWith("Listo"));
    }

    /** The id of the search the page follows (its event stream's URL names it). */
    private static String searchId(WebDriver driver) {
        String events = (String) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).find(n => n.includes('/events'));");
        return events.replaceAll(".*/search/([^/]+)/events.*", "$1");
    }

    @Test
    void a_shopper_searches_sees_live_offers_the_failed_store_the_cheapest_offer_and_a_price_history() throws Exception {
        browser.get(base + "/");
        assertThat(browser.getTitle()).contains("DondeLoCompro");

        search("licuadora oster");

        // offers from several stores arrive
        waiting().until(d -> d.findElements(By.cssSelector("#offers li.offer")).stream()
                .map(e -> e.getAttribute("data-vendor")).distinct().count() >= 3);
        // the stores' progress is one line; the store that is down is counted there and, opened, reported in plain words
        waiting().until(d -> d.findElement(By.id("progress")).getText().matches("\\d+ de \\d+ tiendas respond.* · \\d+ (falló|fallaron).*"));
        assertThat(browser.findElement(By.cssSelector("#stores li[data-store='demo-caida']")).isDisplayed()).isFalse();
        browser.findElement(By.id("progress")).click();
        WebElement broken = waiting().until(d -> d.findElement(By.cssSelector("#stores li[data-store='demo-caida'].failed")));
        assertThat(broken.getText()).contains("falló").contains("error");
        // the search completes and one offer is highlighted as the cheapest: the one the service calls cheapest
        searchDone(browser);
        List<WebElement> cheapest = browser.findElements(By.cssSelector("#offers li.offer.is-cheapest"));
        assertThat(cheapest).hasSize(1);
        JsonNode results = results(searchId(browser));
        assertThat(cheapest.getFirst().getText()).contains(results.at("/cheapest/name").asText());
        assertThat(cheapest.getFirst().getAttribute("data-vendor")).isEqualTo(results.at("/cheapest/vendor_id").asText());
        screenshot("search.png");

        // the cheapest product's price history opens as a chart with its figures
        cheapest.getFirst().findElement(By.cssSelector("button.history-button")).click();
        waiting().until(d -> d.findElement(By.id("history-figures")).isDisplayed());
        assertThat(browser.findElements(By.cssSelector("#history-chart svg polyline")))
                .as("the chart; the page said '%s', console %s", browser.findElement(By.id("history-message")).getText(),
                        browser.manage().logs().get(LogType.BROWSER).getAll())
                .hasSize(1);
        assertThat(browser.findElement(By.id("history-current")).getText()).contains("Q");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('history').scrollIntoView()");
        screenshot("price-history.png");

        assertNoConsoleErrorsAndNoOutsideRequests();
    }

    @Test
    void from_a_price_history_a_shopper_asks_to_be_told_when_it_drops_then_manages_and_deletes_the_alert() throws Exception {
        browser.get(base + "/");
        search("licuadora oster");
        searchDone(browser);
        browser.findElements(By.cssSelector("#offers li.offer.is-cheapest")).getFirst()
                .findElement(By.cssSelector("button.history-button")).click();
        waiting().until(d -> d.findElement(By.id("alert-form")).isDisplayed());

        browser.findElement(By.id("alert-price")).sendKeys("400");
        browser.findElement(By.cssSelector("input[name='alert-channel'][value='ntfy']")).click();
        browser.findElement(By.id("alert-ntfy")).sendKeys("http://127.0.0.1:9/dlc-prueba");
        browser.findElement(By.id("alert-create")).click();
        waiting().until(d -> d.findElement(By.id("alert-done")).isDisplayed());
        assertThat(browser.findElement(By.id("alert-done-text")).getText()).contains("Te avisaremos");
        String manage = browser.findElement(By.id("alert-manage")).getAttribute("href");
        assertThat(manage).startsWith(base + "/web/alerta.html#id=").contains("&token=");
        screenshot("alert-created.png");

        browser.get(manage);
        waiting().until(d -> d.findElement(By.id("alert")).isDisplayed());
        assertThat(browser.findElement(By.id("alert-status")).getText()).isEqualTo("activa");
        assertThat(browser.findElement(By.id("alert-rule")).getText()).contains("400").contains("o menos");
        assertThat(browser.findElement(By.id("no-notifications")).isDisplayed()).isTrue();
        screenshot("alert-page.png");
        browser.findElement(By.id("delete")).click();
        waiting().until(d -> d.findElement(By.id("message")).getText().startsWith("Alerta borrada"));
        assertNoConsoleErrorsAndNoOutsideRequests();
        browser.navigate().refresh();
        waiting().until(d -> d.findElement(By.id("message")).getText().contains("no existe"));
        // the only errors now: the browser noting the deleted alert's 404s
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .allSatisfy(e -> assertThat(e.getMessage()).contains("/alerts/").contains("404"));
    }

    @Test
    void a_popular_search_is_one_click_away_and_a_repeated_search_is_marked_cached_with_its_age() throws Exception {
        browser.get(base + "/");
        search("plancha");
        waiting().until(d -> d.findElement(By.id("summary")).getText().startsWith("Listo"));

        browser.get(base + "/");
        WebElement chip = waiting().until(d -> d.findElement(By.cssSelector("#popular-list button.chip[data-query='plancha']")));
        chip.click();

        WebElement cached = waiting().until(d -> {
            WebElement box = d.findElement(By.id("cached"));
            return box.isDisplayed() && box.getText().contains("hace") ? box : null;
        });
        assertThat(cached.getText()).startsWith("Resultado guardado de una búsqueda de hace");
        waiting().until(d -> d.findElement(By.id("summary")).getText().startsWith("Listo"));
        assertThat(browser.findElements(By.cssSelector("#offers li.offer"))).isNotEmpty();
        assertThat(browser.findElement(By.id("query")).getAttribute("value")).isEqualTo("plancha");
        screenshot("cached.png");
        assertNoConsoleErrorsAndNoOutsideRequests();
    }

    @Test
    void a_stale_answer_shows_its_old_prices_at_once_says_so_and_shows_the_refreshed_ones_when_they_arrive() throws Exception {
        // a cache age of 0: any earlier answer is stale (within CACHE_STALE_MINUTES), and is refreshed
        DondeLoComproApp staleApp = DondeLoComproApp.startWithFastDemo(AppConfig.from(Map.of("PORT", "0", "DLC_DEMO", "true",
                "CACHE_MAX_AGE_MINUTES", "0")));
        try {
            String staleBase = "http://127.0.0.1:" + staleApp.port();
            browser.get(staleBase + "/");
            search("plancha");
            searchDone(browser);
            browser.executeScript("""
                    window.cachedTexts = [];
                    const box = document.getElementById('cached');
                    new MutationObserver(() => { if (!box.hidden) window.cachedTexts.push(box.textContent); })
                      .observe(box, { childList: true, characterData: true, subtree: true, attributes: true });
                    """);
            search("plancha");

            waiting().until(d -> d.findElement(By.id("cached")).getText().equals("Precios actualizados."));
            searchDone(browser);
            @SuppressWarnings("unchecked")
            List<String> said = (List<String>) browser.executeScript("return window.cachedTexts");
            assertThat(said).anySatisfy(t -> assertThat(t).startsWith("precios de hace ").endsWith(", actualizando…"));
            assertThat(offers(browser)).isNotEmpty();
            List<String> followed = requested(browser).stream().filter(u -> u.contains("/events"))
                    .map(u -> u.replaceAll(".*/search/([^/]+)/events.*", "$1")).distinct().toList();
            assertThat(followed).as("the first search, the stale answer, its refresh").hasSize(3);
            HttpResponse<String> refreshed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(staleBase + "/search/" + followed.getLast() + "/results")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode results = new ObjectMapper().readTree(refreshed.body());
            assertThat(results.get("cached").asBoolean()).isFalse();
            assertThat(results.get("status").asText()).isEqualTo("completed");
            screenshot("stale-refreshed.png");
        } finally {
            staleApp.close();
        }
    }

    @Test
    void a_hostile_product_name_is_shown_as_text_and_runs_nothing() throws Exception {
        browser.get(base + "/");
        search("prueba seguridad");

        searchDone(browser);
        // the list is redrawn as offers arrive: read it once the search is done
        WebElement offer = browser.findElement(By.cssSelector("#offers li.offer .offer-name"));

        assertThat(offer.getText()).isEqualTo("Prueba de seguridad <img src=x onerror=alert(1)>");
        assertThat(browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#offers b"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("hostile-name.png");
        assertNoConsoleErrorsAndNoOutsideRequests();
    }

    @Test
    void the_same_product_at_several_stores_is_one_group_that_opens_to_each_store_and_to_a_chart_with_one_line_per_store() throws Exception {
        browser.get(base + "/");
        search("licuadora oster");
        searchDone(browser);
        String searchId = searchId(browser);
        JsonNode results = results(searchId);

        // the page keeps the service's order of groups (relevance, then price): an accessory never above the product
        List<String> serverOrder = stream(results.get("groups")).map(g -> g.get("group_id").asText()).toList();
        assertThat(browser.findElements(By.cssSelector("#offers > li.group")).stream().map(e -> e.getAttribute("data-group-id")))
                .containsExactlyElementsOf(serverOrder);

        // the demo sells at least one product at two or more stores under the same brand and model
        JsonNode group = stream(results.get("groups")).filter(g -> stores(g).size() >= 2).findFirst()
                .orElseThrow(() -> new AssertionError("no group of 2 or more stores in " + results.get("groups")));
        WebElement item = groupItem(browser, group);
        String line = item.findElement(By.cssSelector(".group-line")).getText();
        assertThat(line).startsWith(group.get("name").asText())
                .contains("en " + stores(group).size() + " tiendas")
                .contains("desde " + amount(group.get("price_min")));
        if (group.get("saving").decimalValue().signum() > 0) {
            assertThat(line).contains("ahorras " + amount(group.get("saving")));
        } else {
            assertThat(line).doesNotContain("ahorras");
        }

        // closed, the group shows its cheapest offer; opened, the offer of every store, cheapest first
        List<WebElement> offers = item.findElements(By.cssSelector("li.offer"));
        assertThat(offers).hasSize(group.get("offers").size());
        assertThat(offers.stream().filter(WebElement::isDisplayed)).hasSize(1);
        assertThat(new BigDecimal(offers.getFirst().getAttribute("data-price"))).isEqualByComparingTo(group.at("/cheapest/price").decimalValue());
        item.findElement(By.cssSelector("details.group-more > summary")).click();
        waiting().until(d -> offers.stream().allMatch(WebElement::isDisplayed));
        assertThat(offers.stream().map(e -> e.getAttribute("data-vendor")).collect(Collectors.toSet())).isEqualTo(stores(group));
        screenshot("groups.png");

        // its history at every store: one line per store, with a legend naming the stores
        item.findElement(By.cssSelector("button.group-history")).click();
        waiting().until(d -> d.findElement(By.id("history-figures")).isDisplayed());
        JsonNode history = catalogHistory(searchId, group.get("group_id").asText());
        List<String> historyStores = stream(history.get("stores")).filter(s -> !s.get("observations").isEmpty())
                .map(s -> s.get("vendor_id").asText()).toList();
        assertThat(historyStores).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#history-chart svg g.series")).stream().map(g -> g.getAttribute("data-vendor")))
                .containsExactlyElementsOf(historyStores);
        assertThat(browser.findElements(By.cssSelector("#history-chart svg polyline"))).hasSize(historyStores.size());
        assertThat(browser.findElements(By.cssSelector("#history-legend li"))).hasSize(historyStores.size())
                .allSatisfy(li -> assertThat(li.getText()).contains("Q"));
        assertThat(browser.findElement(By.id("history-current")).getText())
                .contains(amount(history.at("/current_best/price"))).contains(" en ");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('history').scrollIntoView()");
        screenshot("cross-store-history.png");
        assertNoConsoleErrorsAndNoOutsideRequests();
    }

    @Test
    void a_facet_filter_narrows_the_offers_to_one_store_and_to_a_price_range() throws Exception {
        browser.get(base + "/");
        search("licuadora oster");
        searchDone(browser);
        String searchId = searchId(browser);
        JsonNode results = results(searchId);
        int all = results.get("products").size();
        assertThat(offers(browser)).hasSize(all);
        browser.findElement(By.cssSelector("#filters-box > summary")).click();

        // the store, filtered on the page from the facets (the service takes no store filter)
        JsonNode store = results.at("/facets/vendors/0");
        new Select(browser.findElement(By.id("filter-vendor"))).selectByValue(store.get("value").asText());
        waiting().until(d -> offers(d).size() == store.get("count").asInt());
        assertThat(offers(browser)).hasSizeLessThan(all)
                .allSatisfy(o -> assertThat(o.getAttribute("data-vendor")).isEqualTo(store.get("value").asText()));
        new Select(browser.findElement(By.id("filter-vendor"))).selectByValue("");
        waiting().until(d -> offers(d).size() == all);

        // a price range, asked of the service: the results are read again with max_price
        List<BigDecimal> prices = stream(results.get("products")).map(p -> p.get("price").decimalValue()).sorted().toList();
        BigDecimal max = prices.get(prices.size() / 2);
        int expected = results(searchId, "?max_price=" + max.toPlainString()).get("products").size();
        assertThat(expected).isLessThan(all);
        browser.findElement(By.id("filter-max")).sendKeys(max.toPlainString());
        browser.findElement(By.id("filter-apply")).click();
        waiting().until(d -> offers(d).size() == expected);
        assertThat(offers(browser)).allSatisfy(o -> assertThat(new BigDecimal(o.getAttribute("data-price"))).isLessThanOrEqualTo(max));
        assertThat(browser.findElement(By.id("filters-summary")).getText()).contains("1 activo").contains(expected + " ofertas");
        assertThat(requested(browser)).anySatisfy(url -> assertThat(url).contains("/results?max_price=" + max.toPlainString()));
        screenshot("filtered.png");

        // ungrouped, the same offers are one flat list
        browser.findElement(By.id("grouped")).click();
        assertThat(browser.findElements(By.cssSelector("#offers > li.offer"))).hasSize(expected);
        assertThat(browser.findElements(By.cssSelector("#offers li.group"))).isEmpty();
        assertNoConsoleErrorsAndNoOutsideRequests();
    }

    @Test
    void on_a_phone_the_first_offers_show_while_the_search_runs_and_nothing_is_wider_than_the_screen() throws Exception {
        ChromeDriver phone = HeadlessChromium.start("dlc-phone", "500,1000");
        try {
            // headless windows are at least 500 px wide: the phone's screen is emulated
            phone.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 412, "height", 915, "deviceScaleFactor", 1, "mobile", true));
            phone.get(base + "/");
            assertThat(phone.executeScript("return [window.innerWidth, window.innerHeight]")).isEqualTo(List.of(412L, 915L));
            // where the first offer is drawn, noted as it is drawn, before the page handles the search's next event
            phone.executeScript("""
                    window.firstOffer = null;
                    new MutationObserver((changes, observer) => {
                      const offer = document.querySelector('#offers li.offer');
                      if (!offer) return;
                      observer.disconnect();
                      window.firstOffer = { top: offer.getBoundingClientRect().top, summary: document.getElementById('summary').textContent,
                        progressHeight: document.getElementById('stores-box').getBoundingClientRect().height,
                        scrollWidth: document.documentElement.scrollWidth };
                    }).observe(document.getElementById('offers'), { childList: true, subtree: true });
                    """);
            search(phone, "licuadora oster");
            @SuppressWarnings("unchecked")
            Map<String, Object> first = waiting(phone).until(d -> (Map<String, Object>) phone.executeScript("return window.firstOffer"));
            assertThat((String) first.get("summary")).as("drawn while the search runs").startsWith("Buscando");
            assertThat(((Number) first.get("top")).doubleValue()).as("first offer's top, while the search runs").isBetween(0.0, 915.0 - 100);
            assertThat(((Number) first.get("progressHeight")).doubleValue()).as("the stores' progress, closed").isLessThan(50.0);
            assertThat(((Number) first.get("scrollWidth")).intValue()).isLessThanOrEqualTo(412);

            searchDone(phone);
            assertThat(firstOfferTop(phone)).as("first offer's top, search done").isLessThan(915.0 - 100);
            assertFitsTheScreen(phone, "search done");
            screenshot(phone, "phone.png");

            phone.findElement(By.id("progress")).click();
            waiting(phone).until(d -> d.findElement(By.cssSelector("#stores li.store")).isDisplayed());
            assertFitsTheScreen(phone, "stores open");
            phone.findElement(By.id("progress")).click();
            phone.findElement(By.cssSelector("#filters-box > summary")).click();
            assertFitsTheScreen(phone, "filters open");
            WebElement group = phone.findElement(By.cssSelector("#offers > li.group:not(.single)"));
            group.findElement(By.cssSelector("details.group-more > summary")).click();
            assertFitsTheScreen(phone, "group open");
            group.findElement(By.cssSelector("button.group-history")).click();
            waiting(phone).until(d -> d.findElement(By.id("history-figures")).isDisplayed());
            assertThat(phone.findElements(By.cssSelector("#history-chart svg polyline"))).isNotEmpty();
            assertFitsTheScreen(phone, "cross-store history");
            phone.executeScript("document.getElementById('history').scrollIntoView()");
            screenshot(phone, "phone-history.png");

            // the demo's names are short: a long one without spaces, written into the page, wraps inside its box
            phone.executeScript("""
                    const long = 'LicuadoraOsterBLSTKAG'.repeat(8);
                    document.querySelector('#offers .offer-name').textContent = long;
                    document.querySelector('#offers .group-name').textContent = long;
                    window.scrollTo(0, 0);
                    """);
            assertFitsTheScreen(phone, "a long product name");
            assertThat(phone.executeScript("const n = document.querySelector('#offers .offer-name'); return n.scrollWidth <= n.clientWidth"))
                    .isEqualTo(true);
            screenshot(phone, "phone-long-name.png");
            assertNoConsoleErrorsAndNoOutsideRequests(phone);
        } finally {
            phone.quit();
        }
    }

    private static double firstOfferTop(ChromeDriver driver) {
        return ((Number) driver.executeScript("return document.querySelector('#offers li.offer').getBoundingClientRect().top")).doubleValue();
    }

    /** Nothing wider than the screen: the page never scrolls sideways. */
    private static void assertFitsTheScreen(ChromeDriver driver, String when) {
        Object widest = driver.executeScript("""
                return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                  .map(e => e.tagName + '.' + e.className).slice(0, 5);
                """);
        assertThat(((Number) driver.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("page width, %s; elements past the right edge: %s", when, widest).isLessThanOrEqualTo(412);
    }

    private static List<WebElement> offers(WebDriver driver) {
        return driver.findElements(By.cssSelector("#offers li.offer"));
    }

    private static WebElement groupItem(WebDriver driver, JsonNode group) {
        String id = group.get("group_id").asText();
        return driver.findElements(By.cssSelector("#offers > li.group")).stream()
                .filter(e -> id.equals(e.getAttribute("data-group-id"))).findFirst().orElseThrow();
    }

    private static Set<String> stores(JsonNode group) {
        return stream(group.get("stores")).map(JsonNode::asText).collect(Collectors.toSet());
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** An amount in quetzales as the page writes it (es-GT; the driver reads its no-break space as a space): Q 4,384.99. */
    private static String amount(JsonNode n) {
        return "Q " + String.format(Locale.US, "%,.2f", n.decimalValue());
    }

    @SuppressWarnings("unchecked")
    private static List<String> requested(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource').map(e => e.name);");
    }

    /** The cross-store history of a group's catalog product, once the search is recorded and the group names it. */
    private static JsonNode catalogHistory(String searchId, String groupId) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            JsonNode catalogProduct = stream(results(searchId).get("groups"))
                    .filter(g -> g.get("group_id").asText().equals(groupId)).findFirst().orElseThrow().get("catalog_product_id");
            if (!catalogProduct.isNull()) {
                return get("/catalog-products/" + catalogProduct.asText() + "/price-history?days=30");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("group " + groupId + " names no catalog product");
    }

    private static JsonNode results(String searchId) throws Exception {
        return results(searchId, "");
    }

    private static JsonNode results(String searchId, String filters) throws Exception {
        return get("/search/" + searchId + "/results" + filters);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    private static void assertNoConsoleErrorsAndNoOutsideRequests() {
        assertNoConsoleErrorsAndNoOutsideRequests(browser);
    }

    private static void assertNoConsoleErrorsAndNoOutsideRequests(WebDriver driver) {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors").isEmpty();
        assertThat(requested(driver)).isNotEmpty().allSatisfy(url -> assertThat(url).satisfiesAnyOf(
                u -> assertThat(u).startsWith(base + "/"),
                u -> assertThat(u).startsWith("data:")));
    }
}
