package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.HealthReport;
import gt.dondelocompro.application.port.in.HealthUseCase;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /health}: 200 when healthy, 503 when degraded (the database is enabled but unreachable, the recorder cannot
 * drain its backlog, or more than half of the active stores failed their last three searches).
 */
final class HealthHttpService implements HttpService {

    private final HealthUseCase health;

    private final boolean demo;

    /** Whether alerts survive a restart; null when the service has no alerts. */
    private Boolean alertsDurable;

    HealthHttpService withAlerts(gt.dondelocompro.application.port.in.AlertUseCase alerts) {
        this.alertsDurable = alerts == null ? null : alerts.durable();
        return this;
    }

    HealthHttpService(HealthUseCase health, boolean demo) {
        this.health = health;
        this.demo = demo;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health)
                .any("/health", Problems.methodNotAllowed("GET"));
    }

    private void health(ServerRequest req, ServerResponse res) {
        HealthReport report = health.health();
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, report.healthy() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, HealthJson.from(report, demo, alertsDurable));
    }
}
