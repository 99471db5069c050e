package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;
import gt.dondelocompro.domain.InvalidValueException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Turns every failure into an {@code application/problem+json} answer with the common headers: refused input
 * (400 naming the field), what the adapter refuses ({@link ProblemException}), Helidon's own HTTP errors, and a
 * catch-all 500 that logs the exception and tells the client nothing of it.
 */
final class Problems {

    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    /** The recorder's retries and the health probe run about every second; a few seconds is an honest guess. */
    static final String STORE_OF_RECORD_RETRY_AFTER_SECONDS = "5";

    static void registerErrorHandlers(HttpRouting.Builder routing) {
        routing.error(InvalidValueException.class,
                        (req, res, e) -> send(req, res, Status.BAD_REQUEST_400, e.reason(), e.field(), Map.of()))
                .error(ProblemException.class,
                        (req, res, e) -> send(req, res, e.status(), e.detail(), e.field(), e.headers()))
                // a read that needs the database while it is unreachable: worth trying again shortly
                .error(StoreOfRecordUnavailableException.class,
                        (req, res, e) -> send(req, res, Status.SERVICE_UNAVAILABLE_503,
                                "the database is unreachable just now; try again shortly", null,
                                Map.of("Retry-After", STORE_OF_RECORD_RETRY_AFTER_SECONDS)))
                // Helidon's static content parses If-Modified-Since / If-Unmodified-Since and lets a bad date escape
                .error(java.time.format.DateTimeParseException.class, Problems::badConditionalDate)
                .error(HttpException.class, Problems::helidonError)
                .error(Exception.class, Problems::unexpected);
    }

    private static void helidonError(ServerRequest req, ServerResponse res, HttpException e) {
        Status status = e.status();
        if (status.code() < 400) {
            // not a failure: the static files answer a matching If-None-Match with 304, which has no body
            SecurityHeaders.apply(res);
            res.status(status);
            res.send();
            return;
        }
        if (status.code() >= 500) {
            unexpected(req, res, e);
            return;
        }
        // Helidon's own messages are not part of the contract; the status says enough
        String detail = status == Status.NOT_FOUND_404
                ? "nothing at " + Requests.printable(req.path().path())
                : "the request could not be handled: " + status.reasonPhrase().toLowerCase(java.util.Locale.ROOT);
        send(req, res, status, detail, null, Map.of());
    }

    private static void badConditionalDate(ServerRequest req, ServerResponse res, Exception e) {
        String named = java.util.stream.Stream.of(HeaderNames.IF_MODIFIED_SINCE, HeaderNames.IF_UNMODIFIED_SINCE)
                .filter(req.headers()::contains).map(h -> h.defaultCase())
                .collect(java.util.stream.Collectors.joining(" or "));
        send(req, res, Status.BAD_REQUEST_400,
                (named.isEmpty() ? "a date header" : named) + ": not an HTTP date (RFC 9110, section 5.6.7)", null, Map.of());
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.ERROR, "unexpected failure answering " + req.prologue().method().text() + " "
                + req.path().path(), e);
        send(req, res, Status.INTERNAL_SERVER_ERROR_500,
                "something went wrong on our side; it has been logged", null, Map.of());
    }

    static void send(ServerRequest req, ServerResponse res, Status status, String detail, String field,
              Map<String, String> extraHeaders) {
        if (res.isSent()) {
            LOG.log(Level.DEBUG, "answer already sent, cannot report {0} {1}", status.code(), detail);
            return;
        }
        SecurityHeaders.apply(res);
        extraHeaders.forEach((name, value) -> res.header(HeaderNames.create(name), value));
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, ProblemJson.MEDIA_TYPE);
        res.send(Json.bytes(ProblemJson.of(status, detail, field, Requests.printable(req.path().path()))));
    }

    /** The route after a path's own routes: the path exists, the method does not. */
    static Handler methodNotAllowed(String allowed) {
        return (req, res) -> {
            if (req.prologue().method() == io.helidon.http.Method.OPTIONS && req.headers().contains(HeaderNames.ORIGIN)) {
                res.next(); // a CORS preflight: Helidon's CORS feature answers it after these routes
                return;
            }
            throw new ProblemException(Status.METHOD_NOT_ALLOWED_405,
                    req.prologue().method().text() + " is not supported here; use " + allowed, null,
                    Map.of("Allow", allowed));
        };
    }
}
