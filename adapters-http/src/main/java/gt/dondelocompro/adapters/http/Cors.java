package gt.dondelocompro.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-origin access for the configured origins only ({@code "*"} allows any). Simple requests get
 * {@code Access-Control-Allow-Origin}; preflights ({@code OPTIONS} with {@code Access-Control-Request-Method})
 * are answered here, before routing.
 */
final class Cors {

    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Content-Type, Accept, Last-Event-ID";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;
    private final boolean anyOrigin;

    Cors(List<String> origins) {
        this.anyOrigin = origins.contains("*");
        this.origins = Set.copyOf(origins.stream().map(Cors::withoutTrailingSlash).toList());
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    /** The request's origin, when it is allowed to read the answer. */
    Optional<String> allowedOrigin(ServerRequest req) {
        return req.headers().first(HeaderNames.ORIGIN).filter(o -> anyOrigin || origins.contains(o));
    }

    static boolean isPreflight(ServerRequest req) {
        return req.prologue().method() == Method.OPTIONS
                && req.headers().contains(HeaderNames.ORIGIN)
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /**
     * Sets the CORS answer headers for an allowed origin, and removes any another filter put there: Helidon's own
     * CORS feature, when it is discovered unconfigured, would allow every origin.
     */
    void apply(ServerRequest req, ServerResponse res) {
        res.headers().remove(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN);
        res.headers().remove(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS);
        res.headers().remove(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS);
        allowedOrigin(req).ifPresent(origin -> {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            String vary = res.headers().first(HeaderNames.VARY).orElse("");
            if (!vary.contains("Origin")) {
                res.header(HeaderNames.VARY, vary.isEmpty() ? "Origin" : vary + ", Origin");
            }
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After");
        });
    }

    /** Answers a preflight: 204 with what is allowed, or 403 for an origin not configured. */
    void answerPreflight(ServerRequest req, ServerResponse res) {
        if (allowedOrigin(req).isEmpty()) {
            res.headers().remove(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS);
            res.headers().remove(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS);
            res.headers().remove(HeaderNames.ACCESS_CONTROL_MAX_AGE);
            throw new ProblemException(io.helidon.http.Status.FORBIDDEN_403,
                    "cross-origin requests from this origin are not allowed");
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        res.status(io.helidon.http.Status.NO_CONTENT_204);
        res.send();
    }
}
