package gt.dondelocompro.application.port.out;

import java.time.Duration;
import java.util.Objects;

/** What one store answered for one search, as the worker that asked it hands it to the search: the answer and how long it took. */
public record StoreOutcome(String vendorId, StoreResult result, Duration took) {

    public StoreOutcome {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(took, "took");
    }
}
