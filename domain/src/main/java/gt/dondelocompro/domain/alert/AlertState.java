package gt.dondelocompro.domain.alert;

import java.math.BigDecimal;

/**
 * What an alert remembers between checks: whether its rule held at the last sighting that could tell
 * ({@code satisfied}), the price it last told about ({@code lastNotifiedPrice}, null when none since the rule last
 * became true), and, for {@code drop_percent}, the price the drop is measured from ({@code basePrice}: the price
 * when the alert was made, or the first one seen when none was known then).
 */
public record AlertState(boolean satisfied, BigDecimal lastNotifiedPrice, BigDecimal basePrice) {

    /** A new alert: nothing told yet; a rule already true is told at the first check. */
    public static AlertState initial(BigDecimal basePrice) {
        return new AlertState(false, null, basePrice);
    }
}
