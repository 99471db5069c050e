package gt.dondelocompro.domain.alert;

import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;

import java.util.Objects;

/** A target's product as a check saw it: its price and whether it can be bought. */
public record Sighting(Money price, Availability availability) {
    public Sighting {
        Objects.requireNonNull(price, "price");
        availability = availability == null ? Availability.UNKNOWN : availability;
    }
}
