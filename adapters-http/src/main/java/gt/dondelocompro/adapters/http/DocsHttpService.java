package gt.dondelocompro.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /docs}: redirects to the interactive documentation of {@code /openapi} under {@code /docs/ui/}, Swagger
 * UI served from the {@code org.webjars:swagger-ui} jar on the classpath (no CDN) with the adapter's own page and
 * initializer script, so the strict Content-Security-Policy holds. Only the files the page needs are served; the
 * webjar's own page and initializer (which point at the Petstore) are not.
 */
final class DocsHttpService implements HttpService {

    static final String UI = "/docs/ui/";
    static final String PAGE = "docs/index.html";
    static final String INITIALIZER = "docs/docs.js";

    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /** The webjar's files the page loads, and their types. */
    private static final Map<String, String> WEBJAR_FILES = Map.of(
            "swagger-ui.css", "text/css; charset=UTF-8",
            "index.css", "text/css; charset=UTF-8",
            "swagger-ui-bundle.js", "text/javascript; charset=UTF-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=UTF-8",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png");

    private final String webjar;

    DocsHttpService() {
        this.webjar = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    }

    private static String webjarVersion() {
        try (InputStream in = resource(WEBJAR_PROPERTIES)) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/docs", this::redirect)
                .any("/docs", Problems.methodNotAllowed("GET"))
                .get(UI, (req, res) -> send(res, PAGE, "text/html; charset=UTF-8"))
                .any(UI, Problems.methodNotAllowed("GET"))
                .get(UI + "{file}", this::file)
                .any(UI + "{file}", Problems.methodNotAllowed("GET"));
    }

    private void redirect(ServerRequest req, ServerResponse res) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, UI);
        res.send();
    }

    private void file(ServerRequest req, ServerResponse res) {
        String name = Requests.pathParam(req, "file");
        if (name.equals("docs.js")) {
            send(res, INITIALIZER, "text/javascript; charset=UTF-8");
        } else if (WEBJAR_FILES.containsKey(name)) {
            send(res, webjar + name, WEBJAR_FILES.get(name));
        } else {
            throw ProblemException.notFound("nothing at " + Requests.printable(req.path().path()));
        }
    }

    private static void send(ServerResponse res, String resource, String contentType) {
        try (InputStream in = resource(resource)) {
            res.header(HeaderNames.CONTENT_TYPE, contentType);
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DocsHttpService.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath");
        }
        return in;
    }
}
