package gt.dondelocompro.adapters.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Puts the common headers on every answer before routing, and answers CORS preflights itself. Error answers get
 * the headers again from {@link Problems}, since Helidon resets a response before its error handlers run.
 */
final class ResponseHeadersFilter implements Filter {

    private final ResponseHeaders headers;
    private final Cors cors;
    private final Problems problems;

    ResponseHeadersFilter(ResponseHeaders headers, Cors cors, Problems problems) {
        this.headers = headers;
        this.cors = cors;
        this.problems = problems;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        headers.apply(req, res);
        // the last word on the headers, whatever another filter or feature did meanwhile
        res.beforeSend(() -> headers.apply(req, res));
        if (Cors.isPreflight(req)) {
            try {
                cors.answerPreflight(req, res);
            } catch (ProblemException e) {
                problems.send(req, res, e.status(), e.detail(), e.field(), e.headers());
            }
            return;
        }
        chain.proceed();
    }
}
