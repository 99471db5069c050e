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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The web page in a real headless Chromium against the real service with demo stores: a shopper types a
 * query, watches offers arrive from several stores, sees the broken store reported and the cheapest offer
 * highlighted, opens a price history, and a hostile product name stays text. Needs Debian's chromium and
 * chromium-driver (.ci/run installs them).
 */
class WebPageBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "browser");
    private static DondeLoComproApp app;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        app = DondeLoComproApp.startWithFastDemo(AppConfig.from(Map.of("PORT", "0", "DLC_DEMO", "true")));
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
        return new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100));
    }

    private static void search(String query) {
        WebElement box = browser.findElement(By.id("query"));
        box.clear();
        box.sendKeys(query);
        browser.findElement(By.id("search-button")).click();
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void a_shopper_searches_sees_live_offers_the_failed_store_the_cheapest_offer_and_a_price_history() throws Exception {
        browser.get(base + "/");
        assertThat(browser.getTitle()).contains("DondeLoCompro");

        search("licuadora oster");

        // offers from several stores arrive
        waiting().until(d -> d.findElements(By.cssSelector("#offers li.offer")).stream()
                .map(e -> e.getAttribute("data-vendor")).distinct().count() >= 3);
        // the store that is down is reported in plain words
        WebElement broken = waiting().until(d -> d.findElement(By.cssSelector("#stores li[data-store='demo-caida'].failed")));
        assertThat(broken.getText()).contains("falló").contains("error");
        // the search completes and one offer is highlighted as the cheapest: the one the service calls cheapest
        waiting().until(d -> d.findElement(By.id("summary")).getText().startsWith("Listo"));
        List<WebElement> cheapest = browser.findElements(By.cssSelector("#offers li.offer.is-cheapest"));
        assertThat(cheapest).hasSize(1);
        String searchId = (String) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).find(n => n.includes('/events'));");
        JsonNode results = results(searchId.replaceAll(".*/search/([^/]+)/events.*", "$1"));
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
        screenshot("price-history.png");

        assertNoConsoleErrorsAndNoOutsideRequests();
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
    void a_hostile_product_name_is_shown_as_text_and_runs_nothing() throws Exception {
        browser.get(base + "/");
        search("prueba seguridad");

        waiting().until(d -> d.findElement(By.id("summary")).getText().startsWith("Listo"));
        // the list is redrawn as offers arrive: read it once the search is done
        WebElement offer = browser.findElement(By.cssSelector("#offers li.offer .offer-name"));

        assertThat(offer.getText()).isEqualTo("Prueba de seguridad <img src=x onerror=alert(1)>");
        assertThat(browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#offers b"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("hostile-name.png");
        assertNoConsoleErrorsAndNoOutsideRequests();
    }

    private static JsonNode results(String searchId) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/search/" + searchId + "/results")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    @SuppressWarnings("unchecked")
    private static void assertNoConsoleErrorsAndNoOutsideRequests() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors").isEmpty();
        List<String> requested = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(requested).isNotEmpty().allSatisfy(url -> assertThat(url).satisfiesAnyOf(
                u -> assertThat(u).startsWith(base + "/"),
                u -> assertThat(u).startsWith("data:")));
    }
}
