package gt.dondelocompro.adapters.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Works out once per request where it came from ({@link TrustedProxies}), for {@link Requests#client} and {@link Requests#baseUrl}. */
final class ClientOriginFilter implements Filter {

    private final TrustedProxies proxies;

    ClientOriginFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(proxies.origin(req.remotePeer().host(), req.headers()));
        chain.proceed();
    }
}
