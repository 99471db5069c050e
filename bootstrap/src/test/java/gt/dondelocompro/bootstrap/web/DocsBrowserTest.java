package gt.dondelocompro.bootstrap.web;

import gt.dondelocompro.bootstrap.AppConfig;
import gt.dondelocompro.bootstrap.DondeLoComproApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /docs} in a real headless Chromium against the real service: Swagger UI renders this service's OpenAPI
 * document under the service's strict Content-Security-Policy, with no console error (a CSP refusal is one) and
 * nothing requested from another host. Needs Debian's chromium and chromium-driver, as {@link WebPageBrowserTest}.
 */
class DocsBrowserTest {

    private static DondeLoComproApp app;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        app = DondeLoComproApp.startWithFastDemo(AppConfig.from(Map.of("PORT", "0", "DLC_DEMO", "true")));
        base = "http://127.0.0.1:" + app.port();
        browser = HeadlessChromium.start("dlc-chromium-docs", "1280,1600");
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

    @Test
    @SuppressWarnings("unchecked")
    void docsShowsTheContractUnderTheStrictContentSecurityPolicy() {
        browser.get(base + "/docs");
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/docs/ui/");
        WebElement title = waiting.until(d -> d.findElement(By.cssSelector(".swagger-ui .info .title")));
        assertThat(title.getText()).contains("DondeLoCompro");
        waiting.until(d -> d.findElements(By.cssSelector(".swagger-ui .opblock")).size() >= 10);
        assertThat(browser.findElements(By.cssSelector(".swagger-ui .opblock-summary-path")))
                .extracting(WebElement::getText).contains("/search", "/search/{id}/results", "/vendors");

        // the bundle's one <style> element is allowed by its hash on /docs/ui/ only: no console error at all
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(errors).as("console errors").isEmpty();
        List<String> requested = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(requested).contains(base + "/openapi").allSatisfy(url -> assertThat(url).satisfiesAnyOf(
                u -> assertThat(u).startsWith(base + "/"),
                u -> assertThat(u).startsWith("data:")));
    }
}
