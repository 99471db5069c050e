package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.ListVendorsUseCase;
import gt.dondelocompro.domain.StoreHealth;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/** {@code GET /vendors}: every configured store, active or not, with its health. */
final class VendorHttpService implements HttpService {

    private final ListVendorsUseCase vendors;

    private final boolean demo;

    VendorHttpService(ListVendorsUseCase vendors, boolean demo) {
        this.vendors = vendors;
        this.demo = demo;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/vendors", this::list)
                .any("/vendors", Problems.methodNotAllowed("GET"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Map<String, StoreHealth> health = vendors.storeHealth();
        Json.send(res, vendors.vendors().stream()
                .map(v -> VendorJson.from(v, health.getOrDefault(v.id(), StoreHealth.UNKNOWN), demo)).toList());
    }
}
