package gt.dondelocompro.adapters.http;

import io.helidon.http.Status;

import java.util.Map;

/**
 * A request the adapter refuses with a problem answer: the status, a detail for the client, the offending field
 * (for 400s) and any headers the status calls for ({@code Allow}, {@code Retry-After}).
 */
final class ProblemException extends RuntimeException {

    private final transient Status status;
    private final String field;
    private final transient Map<String, String> headers;

    ProblemException(Status status, String detail, String field, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    ProblemException(Status status, String detail) {
        this(status, detail, null, Map.of());
    }

    static ProblemException badRequest(String field, String detail) {
        return new ProblemException(Status.BAD_REQUEST_400, detail, field, Map.of());
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(Status.NOT_FOUND_404, detail);
    }

    Status status() {
        return status;
    }

    String detail() {
        return getMessage();
    }

    String field() {
        return field;
    }

    Map<String, String> headers() {
        return headers;
    }
}
