package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.PriceHistoryUseCase;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /products/{id}/price-history?days=30}: 404 for an unknown product (or an id that is not a number). */
final class ProductHttpService implements HttpService {

    static final int DEFAULT_DAYS = 30;

    private final PriceHistoryUseCase priceHistory;

    ProductHttpService(PriceHistoryUseCase priceHistory) {
        this.priceHistory = priceHistory;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/products/{id}/price-history", this::priceHistory)
                .any("/products/{id}/price-history", Problems.methodNotAllowed("GET"));
    }

    private void priceHistory(ServerRequest req, ServerResponse res) {
        String raw = Requests.pathParam(req, "id");
        int days = Requests.intParam(req, "days", DEFAULT_DAYS);
        long productId;
        try {
            productId = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw noSuchProduct(raw);
        }
        var history = priceHistory.priceHistory(productId, days).orElseThrow(() -> noSuchProduct(raw));
        Json.send(res, PriceHistoryJson.from(history, days));
    }

    private static ProblemException noSuchProduct(String raw) {
        return ProblemException.notFound("no product with id '" + Requests.printable(raw) + "'");
    }
}
