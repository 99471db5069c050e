package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.AlertLimitException;
import gt.dondelocompro.application.port.in.AlertNotFoundException;
import gt.dondelocompro.application.port.in.AlertUseCase;
import gt.dondelocompro.domain.alert.Alert;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Price alerts: {@code POST /alerts} (201, rate-limited per client like searches), and with
 * {@code Authorization: Bearer <token>} {@code GET /alerts/{id}}, {@code GET /alerts/{id}/notifications} and
 * {@code DELETE /alerts/{id}} (401 without a token, 404 for a wrong one or an unknown id);
 * {@code GET /alerts/{id}/confirm?code=} is the link an e-mail alert is confirmed with.
 */
final class AlertsHttpService implements HttpService {

    private final AlertUseCase alerts;
    private final RateLimiter rateLimiter;

    AlertsHttpService(AlertUseCase alerts, HttpSettings settings) {
        this.alerts = alerts;
        this.rateLimiter = new RateLimiter(settings.searchesPerMinute());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/alerts", this::create)
                .any("/alerts", Problems.methodNotAllowed("POST"))
                .get("/alerts/{id}", this::show)
                .delete("/alerts/{id}", this::delete)
                .any("/alerts/{id}", Problems.methodNotAllowed("GET, DELETE"))
                .get("/alerts/{id}/notifications", this::notifications)
                .any("/alerts/{id}/notifications", Problems.methodNotAllowed("GET"))
                .get("/alerts/{id}/confirm", this::confirm)
                .any("/alerts/{id}/confirm", Problems.methodNotAllowed("GET"));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<Duration> wait = rateLimiter.tryAcquire(Requests.client(req));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ProblemException(Status.TOO_MANY_REQUESTS_429,
                    "too many alerts from this client; try again in " + seconds + " s", null, Map.of("Retry-After", Long.toString(seconds)));
        }
        var command = Requests.readJson(Requests.jsonBody(req), AlertRequestJson.class).toCommand();
        var created = handled(() -> alerts.create(command));
        String base = Requests.baseUrl(req);
        res.header(HeaderNames.LOCATION, base + "/alerts/" + created.alert().id());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, Status.CREATED_201, AlertJson.created(created.alert(), created.token(), base));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Alert alert = handled(() -> alerts.alert(id(req), token(req)));
        Json.send(res, AlertJson.shown(alert));
    }

    private void notifications(ServerRequest req, ServerResponse res) {
        var list = handled(() -> alerts.notifications(id(req), token(req)));
        Json.send(res, AlertJson.NotificationJson.all(list));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        handled(() -> {
            alerts.delete(id(req), token(req));
            return null;
        });
        res.status(Status.NO_CONTENT_204).send();
    }

    private void confirm(ServerRequest req, ServerResponse res) {
        String code = Requests.stringParam(req, "code").orElseThrow(() -> ProblemException.badRequest("code", "is required"));
        Alert alert = handled(() -> alerts.confirm(id(req), code));
        boolean html = req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains("text/html")).orElse(false);
        if (html) {
            res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/web/alerta.html?confirmada=1").send();
            return;
        }
        Json.send(res, Map.of("alert_id", alert.id(), "status", alert.status().wireName()));
    }

    /** The alert id of the path; one that is not a UUID names no alert. */
    private static UUID id(ServerRequest req) {
        String raw = Requests.pathParam(req, "id");
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw noSuchAlert();
        }
    }

    /** The bearer token, or a 401 saying how to give it. */
    private static String token(ServerRequest req) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isPresent() && header.get().regionMatches(true, 0, "Bearer ", 0, 7) && header.get().length() > 7) {
            return header.get().substring(7).strip();
        }
        throw new ProblemException(Status.UNAUTHORIZED_401, "this alert is managed with the token given when it was made:"
                + " send it as 'Authorization: Bearer <token>'", null, Map.of("WWW-Authenticate", "Bearer"));
    }

    private static <T> T handled(Supplier<T> work) {
        try {
            return work.get();
        } catch (AlertNotFoundException e) {
            throw noSuchAlert();
        } catch (AlertLimitException e) {
            throw new ProblemException(Status.CONFLICT_409, e.getMessage());
        }
    }

    private static ProblemException noSuchAlert() {
        return ProblemException.notFound("no such alert, or not with this token");
    }
}
