package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.PopularSearchesUseCase;
import gt.dondelocompro.application.port.in.StorePerformanceUseCase;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /analytics/popular-searches?days=7&limit=10} and
 * {@code GET /analytics/vendor-performance?vendor_id=&days=30}. Ranges are checked by the use cases, whose
 * refusals name the field ({@code days}, {@code limit}).
 */
final class AnalyticsHttpService implements HttpService {

    private final PopularSearchesUseCase popularSearches;
    private final StorePerformanceUseCase storePerformance;

    AnalyticsHttpService(PopularSearchesUseCase popularSearches, StorePerformanceUseCase storePerformance) {
        this.popularSearches = popularSearches;
        this.storePerformance = storePerformance;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/popular-searches", this::popularSearches)
                .any("/popular-searches", Problems.methodNotAllowed("GET"))
                .get("/vendor-performance", this::vendorPerformance)
                .any("/vendor-performance", Problems.methodNotAllowed("GET"));
    }

    private void popularSearches(ServerRequest req, ServerResponse res) {
        int days = Requests.intParam(req, "days", 7);
        int limit = Requests.intParam(req, "limit", 10);
        Json.send(res, popularSearches.popularSearches(days, limit).stream()
                .map(AnalyticsJson.PopularSearchJson::from).toList());
    }

    private void vendorPerformance(ServerRequest req, ServerResponse res) {
        int days = Requests.intParam(req, "days", 30);
        Json.send(res, storePerformance.storePerformance(Requests.stringParam(req, "vendor_id"), days).stream()
                .map(AnalyticsJson.StorePerformanceJson::from).toList());
    }
}
