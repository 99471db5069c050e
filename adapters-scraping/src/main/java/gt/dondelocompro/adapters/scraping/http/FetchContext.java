package gt.dondelocompro.adapters.scraping.http;

import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * On whose behalf a fetch is made: the store ({@code storeId}, for its queue's meters), the instant after which the
 * answer is of no use ({@code deadline}; null: none, and then a request must start within the store's own timeout of
 * arriving at its host's gate)
 * and whether it is still wanted. A request waiting at a host's gate leaves the queue, unsent, as soon as either
 * says it is no longer of use.
 */
public record FetchContext(String storeId, Instant deadline, BooleanSupplier wanted) {

    private static final BooleanSupplier ALWAYS = () -> true;

    public FetchContext {
        Objects.requireNonNull(storeId, "storeId");
        wanted = wanted == null ? ALWAYS : wanted;
    }

    /** Always wanted, bounded only by the store's timeout. */
    public static FetchContext unbounded(String storeId) {
        return new FetchContext(storeId, null, ALWAYS);
    }

    public boolean stillWanted() {
        return wanted.getAsBoolean();
    }
}
