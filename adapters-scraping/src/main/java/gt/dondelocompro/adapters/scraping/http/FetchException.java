package gt.dondelocompro.adapters.scraping.http;

import gt.dondelocompro.domain.FailureKind;

import java.util.Objects;

/** A fetch that could not give a usable answer, already typed the way a store failure is typed. */
public final class FetchException extends Exception {

    private final FailureKind kind;

    public FetchException(FailureKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FailureKind kind() {
        return kind;
    }
}
