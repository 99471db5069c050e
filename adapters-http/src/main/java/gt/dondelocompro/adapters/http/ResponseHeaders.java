package gt.dondelocompro.adapters.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The headers of every answer: security headers, and CORS headers for an allowed origin. */
final class ResponseHeaders {

    private final Cors cors;

    ResponseHeaders(Cors cors) {
        this.cors = cors;
    }

    void apply(ServerRequest req, ServerResponse res) {
        SecurityHeaders.apply(res);
        cors.apply(req, res);
    }
}
