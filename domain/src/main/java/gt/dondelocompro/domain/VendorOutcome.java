package gt.dondelocompro.domain;

import java.time.Duration;
import java.util.Objects;

/** How one store did in one search: still waiting, answered with N offers, or failed and why. */
public record VendorOutcome(String vendorId, String vendorName, Status status, int productsFound, Duration duration,
                            String error, FailureKind kind) {

    /** The state of one store within a search. */
    public enum Status {
        PENDING, COMPLETED, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public VendorOutcome {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(status, "status");
        if (productsFound < 0) {
            throw new IllegalArgumentException("productsFound must not be negative");
        }
        if (status == Status.FAILED && (kind == null || error == null)) {
            throw new IllegalArgumentException("a failed store needs an error and a kind");
        }
    }

    public static VendorOutcome pending(String vendorId, String vendorName) {
        return new VendorOutcome(vendorId, vendorName, Status.PENDING, 0, null, null, null);
    }

    public static VendorOutcome completed(String vendorId, String vendorName, int productsFound, Duration duration) {
        return new VendorOutcome(vendorId, vendorName, Status.COMPLETED, productsFound, duration, null, null);
    }

    public static VendorOutcome failed(String vendorId, String vendorName, FailureKind kind, String error, Duration duration) {
        return new VendorOutcome(vendorId, vendorName, Status.FAILED, 0, duration, error, kind);
    }

    public boolean succeeded() {
        return status == Status.COMPLETED;
    }

    /**
     * Whether this outcome says how the store did, for its daily performance: it answered or failed, except
     * {@link FailureKind#BUSY} (the store was not asked: our queue in front of it was too long), as in its health.
     */
    public boolean countsForStore() {
        return status == Status.COMPLETED || status == Status.FAILED && (kind == null || kind.isStoresTrouble());
    }
}
