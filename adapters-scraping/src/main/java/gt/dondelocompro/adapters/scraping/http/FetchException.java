package gt.dondelocompro.adapters.scraping.http;

import gt.dondelocompro.domain.FailureKind;

import java.util.Objects;

/** A fetch that could not give a usable answer, already typed the way a store failure is typed. */
public final class FetchException extends Exception {

    private final FailureKind kind;
    private final int status;

    public FetchException(FailureKind kind, String message) {
        this(kind, 0, message);
    }

    /** {@code status}: the HTTP status that ended the fetch, 0 when it did not end in one. */
    public FetchException(FailureKind kind, int status, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The HTTP status that ended the fetch (404, 503 ...), or 0 when there was none (timeout, robots, refused). */
    public int status() {
        return status;
    }
}
