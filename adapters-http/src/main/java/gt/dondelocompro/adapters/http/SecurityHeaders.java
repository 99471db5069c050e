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

    private SecurityHeaders() {
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
