package gt.dondelocompro.domain;

import java.time.Instant;
import java.util.Objects;

/** One store's answer to one search, as store health counts it: when, and the failure's kind and message (null when it answered). */
public record StoreAttempt(String vendorId, Instant at, FailureKind failure, String error) {

    public StoreAttempt {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(at, "at");
        if ((failure == null) != (error == null)) {
            throw new IllegalArgumentException("a failed attempt has a kind and a message, a successful one neither");
        }
    }

    public static StoreAttempt succeeded(String vendorId, Instant at) {
        return new StoreAttempt(vendorId, at, null, null);
    }

    public static StoreAttempt failed(String vendorId, Instant at, FailureKind kind, String error) {
        return new StoreAttempt(vendorId, at, Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(error, "error"));
    }

    public boolean succeeded() {
        return failure == null;
    }
}
