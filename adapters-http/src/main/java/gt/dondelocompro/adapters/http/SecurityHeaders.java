package gt.dondelocompro.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * The headers every answer carries, errors included: a Content-Security-Policy that allows only the page's own
 * scripts and styles (no inline script) and images from any https store, no MIME sniffing, no referrer.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' https: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    /**
     * The documentation UI's page: the same policy, plus the one {@code <style>} element the Swagger UI bundle
     * (org.webjars:swagger-ui 5.34.1) inserts, allowed by its hash; scripts stay {@code 'self'} only.
     */
    static final String DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self';",
            "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';");

    private SecurityHeaders() {
    }

    /** As {@link #apply(ServerResponse)}, with the documentation UI's policy under {@code /docs/}. */
    static void apply(String path, ServerResponse res) {
        apply(res);
        if (path.startsWith(DocsHttpService.UI)) {
            res.header(HeaderNames.create("Content-Security-Policy"), DOCS_CONTENT_SECURITY_POLICY);
        }
    }

    static void apply(ServerResponse res) {
        apply(res.headers());
    }

    static void apply(io.helidon.http.WritableHeaders<?> headers) {
        headers.set(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        headers.set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        headers.set(HeaderNames.create("Referrer-Policy"), "no-referrer");
        headers.set(HeaderNames.create("X-Frame-Options"), "DENY");
    }
}
