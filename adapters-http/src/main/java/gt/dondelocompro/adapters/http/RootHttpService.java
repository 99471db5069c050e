package gt.dondelocompro.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /}: the web page for a browser (a client that names {@code text/html} in Accept), otherwise the
 * service's name, version and status as JSON, as the original API answered. The page's own files are under
 * {@code /web}.
 */
final class RootHttpService implements HttpService {

    static final String PAGE = "web/index.html";

    private final String version;
    private final byte[] page;

    RootHttpService(String version) {
        this.version = version;
        this.page = load(PAGE);
    }

    private static byte[] load(String resource) {
        try (InputStream in = RootHttpService.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the web page " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::root)
                .any("/", Problems.methodNotAllowed("GET"));
    }

    private void root(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.VARY, "Accept");
        if (wantsHtml(req)) {
            res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.send(page);
        } else {
            Json.send(res, new RootJson("DondeLoCompro API: where is it cheapest in Guatemala right now", version, "running"));
        }
    }

    /** Browsers name text/html; API clients and {@code Accept: *}{@code /*} get JSON. */
    private static boolean wantsHtml(ServerRequest req) {
        return req.headers().acceptedTypes().stream()
                .filter(t -> t.qualityFactor() > 0)
                .map(HttpMediaType::mediaType)
                .anyMatch(t -> (t.type().equals("text") && t.subtype().equals("html"))
                        || (t.type().equals("application") && t.subtype().equals("xhtml+xml")));
    }

    record RootJson(String message, String version, String status) {
    }
}
