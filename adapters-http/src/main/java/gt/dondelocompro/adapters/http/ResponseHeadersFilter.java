package gt.dondelocompro.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Puts the security headers on every answer. Error answers get them again from {@link Problems}, since Helidon
 * resets a response before its error handlers run. CORS is Helidon's ({@link DondeLoComproHttp#serverFeatures}).
 */
final class ResponseHeadersFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        SecurityHeaders.apply(path, res);
        // the last word on the headers, whatever another filter or feature did meanwhile
        res.beforeSend(() -> {
            SecurityHeaders.apply(path, res);
            varyByOrigin(res);
        });
        chain.proceed();
    }

    /** An answer that names the origin allowed to read it differs by origin, so caches must key on it. */
    private static void varyByOrigin(RoutingResponse res) {
        if (res.headers().first(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN).filter(o -> !o.equals("*")).isEmpty()) {
            return;
        }
        String vary = res.headers().first(HeaderNames.VARY).orElse("");
        if (!vary.contains("Origin")) {
            res.header(HeaderNames.VARY, vary.isEmpty() ? "Origin" : vary + ", Origin");
        }
    }
}
