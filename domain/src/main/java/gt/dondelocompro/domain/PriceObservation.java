package gt.dondelocompro.domain;

import java.time.Instant;
import java.util.Objects;

/** One price seen for a product at one moment. */
public record PriceObservation(Money price, Availability availability, Instant scrapedAt) {
    public PriceObservation {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(scrapedAt, "scrapedAt");
        availability = availability == null ? Availability.UNKNOWN : availability;
    }
}
