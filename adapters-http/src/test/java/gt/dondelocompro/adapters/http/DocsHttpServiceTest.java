package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.DondeLoCompro;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /docs} leads to Swagger UI served by the service itself: a page whose scripts and styles are files of
 * the service (no inline script, nothing from another host) under the strict Content-Security-Policy, and whose
 * initializer loads {@code /openapi}.
 */
@ServerTest
class DocsHttpServiceTest {

    static DondeLoCompro core;

    private final Http1Client client;

    DocsHttpServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpFeatures
    static List<ServerFeature> features() {
        return DondeLoComproHttp.serverFeatures(HttpSettings.defaults("test"));
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        core = DondeLoCompro.builder().build();
        DondeLoComproHttp.routing(routing, TestUseCases.of(core), HttpSettings.defaults("test"));
    }

    @AfterAll
    static void close() {
        core.close(Duration.ofSeconds(5));
    }

    @Test
    void docsRedirectsToAPageWhoseFilesAllLoadFromTheService() {
        String page;
        try (Http1ClientResponse docs = client.get("/docs").followRedirects(false).request()) {
            assertThat(docs.status().code()).isEqualTo(303);
            assertThat(docs.headers().first(io.helidon.http.HeaderNames.LOCATION)).contains("/docs/ui/");
        }
        try (Http1ClientResponse ui = client.get("/docs/ui/").request()) {
            assertThat(ui.status().code()).isEqualTo(200);
            assertThat(ui.headers().contentType().orElseThrow().mediaType().text()).isEqualTo("text/html");
            assertThat(ui.headers().first(io.helidon.http.HeaderNames.create("Content-Security-Policy")).orElseThrow())
                    .contains("script-src 'self'").doesNotContain("unsafe-inline");
            page = ui.as(String.class);
        }
        var html = Jsoup.parse(page, "http://localhost/docs/ui/");
        assertThat(html.select("script:not([src])")).as("inline scripts").isEmpty();
        assertThat(html.select("[style]")).as("inline styles").isEmpty();
        List<String> scripts = html.select("script[src]").eachAttr("abs:src");
        List<String> styles = html.select("link[rel=stylesheet]").eachAttr("abs:href");
        assertThat(scripts).containsExactly("http://localhost/docs/ui/swagger-ui-bundle.js",
                "http://localhost/docs/ui/swagger-ui-standalone-preset.js", "http://localhost/docs/ui/docs.js");
        assertThat(styles).contains("http://localhost/docs/ui/swagger-ui.css");
        for (String script : scripts) {
            assertThat(load(script, "text/javascript")).isNotBlank();
        }
        for (String style : styles) {
            assertThat(load(style, "text/css")).isNotBlank();
        }
        assertThat(load("http://localhost/docs/ui/swagger-ui-bundle.js", "text/javascript")).contains("SwaggerUIBundle");
        assertThat(load("http://localhost/docs/ui/docs.js", "text/javascript"))
                .contains("url: '/openapi'").doesNotContain("petstore");
    }

    @Test
    void onlyThePagesOwnFilesAreServed() {
        try (Http1ClientResponse petstore = client.get("/docs/ui/swagger-initializer.js").request()) {
            assertThat(petstore.status().code()).isEqualTo(404);
        }
        try (Http1ClientResponse post = client.method(Method.POST).path("/docs").request()) {
            assertThat(post.status().code()).isEqualTo(405);
        }
    }

    @Test
    void theDocumentTheInitializerLoadsIsServed() {
        try (Http1ClientResponse json = client.get("/openapi").accept(io.helidon.common.media.type.MediaTypes.APPLICATION_JSON).request()) {
            assertThat(json.status().code()).isEqualTo(200);
            assertThat(json.as(String.class)).contains("\"openapi\"").contains("/search/{id}/results");
        }
    }

    private String load(String url, String type) {
        try (Http1ClientResponse res = client.get(url.replace("http://localhost", "")).request()) {
            assertThat(res.status().code()).as(url).isEqualTo(200);
            assertThat(res.headers().contentType().orElseThrow().mediaType().text()).as(url).isEqualTo(type);
            return res.as(String.class);
        }
    }
}
