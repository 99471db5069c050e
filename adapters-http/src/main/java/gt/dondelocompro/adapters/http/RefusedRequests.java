package gt.dondelocompro.adapters.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Problem answers for requests the server refuses before routing: a body over the cap (413), a malformed request
 * line or header (400), too many requests at once (503). Helidon reports a request line it cannot parse (a method
 * name with a control character: its token check throws) as an internal error of a request without a path; nothing
 * but the bytes sent fails there, so that is answered as the client's fault, a 400.
 */
final class RefusedRequests implements DirectHandler {

    private static final System.Logger LOG = System.getLogger(RefusedRequests.class.getName());

    private final HttpSettings settings;

    private RefusedRequests(HttpSettings settings) {
        this.settings = settings;
    }

    static DirectHandlers handlers(HttpSettings settings) {
        RefusedRequests refused = new RefusedRequests(settings);
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, refused);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType type, Status status,
                                    ServerResponseHeaders headers, String message) {
        if (type == EventType.INTERNAL_ERROR && request.path().isEmpty()) {
            // failed before the request line was understood: only the bytes sent can cause that
            LOG.log(Level.DEBUG, "malformed request line refused: {0}", message);
            return answer(request, Status.BAD_REQUEST_400, headers, "the request line is malformed");
        }
        String detail = switch (status.code()) {
            case 413 -> "the body must be at most " + settings.maxBodyBytes() + " bytes";
            case 503 -> "the server is busy; try again shortly";
            default -> "the request could not be handled: " + status.reasonPhrase().toLowerCase(Locale.ROOT);
        };
        return answer(request, status, headers, detail);
    }

    private static TransportResponse answer(TransportRequest request, Status status, ServerResponseHeaders headers,
                                            String detail) {
        headers.set(HeaderNames.CONTENT_TYPE, ProblemJson.MEDIA_TYPE);
        SecurityHeaders.apply(headers);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(Json.bytes(ProblemJson.of(status, detail, null, Requests.printable(request.path()))))
                .build();
    }
}
