package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.CatalogProductUseCase;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /catalog-products/{id}} and {@code GET /catalog-products/{id}/price-history?days=30}: 404 for an unknown
 * catalog product (or an id that is not a number), 400 naming {@code days} when it is out of range.
 */
final class CatalogProductHttpService implements HttpService {

    private final CatalogProductUseCase catalog;

    CatalogProductHttpService(CatalogProductUseCase catalog) {
        this.catalog = catalog;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/catalog-products/{id}", this::product)
                .any("/catalog-products/{id}", Problems.methodNotAllowed("GET"))
                .get("/catalog-products/{id}/price-history", this::priceHistory)
                .any("/catalog-products/{id}/price-history", Problems.methodNotAllowed("GET"));
    }

    private void product(ServerRequest req, ServerResponse res) {
        String raw = Requests.pathParam(req, "id");
        var product = catalog.catalogProduct(id(raw)).orElseThrow(() -> noSuchProduct(raw));
        Json.send(res, CatalogProductJson.from(product));
    }

    private void priceHistory(ServerRequest req, ServerResponse res) {
        String raw = Requests.pathParam(req, "id");
        int days = Requests.intParam(req, "days", ProductHttpService.DEFAULT_DAYS);
        long id = id(raw);
        var history = catalog.priceHistory(id, days).orElseThrow(() -> noSuchProduct(raw));
        Json.send(res, CatalogPriceHistoryJson.from(history, days));
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw noSuchProduct(raw);
        }
    }

    private static ProblemException noSuchProduct(String raw) {
        return ProblemException.notFound("no catalog product with id '" + Requests.printable(raw) + "'");
    }
}
