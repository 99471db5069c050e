package gt.dondelocompro.domain.alert;

import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * When an alert tells, as shoppers expect (and as the peers' most reported alert bugs say they do not):
 * <ul>
 *   <li>it tells when its rule becomes true, including at the first check when it was already true at creation;</li>
 *   <li>not again while the price stays the same or rises, the rule still true;</li>
 *   <li>again when the price drops below the last price it told about ("bajó aún más");</li>
 *   <li>once the rule stops holding (the price went back up, the product ran out), becoming true again tells again;</li>
 *   <li>{@code back_in_stock} tells on the change from out of stock to in stock, and when it is in stock at the first
 *       check; a sighting of unknown availability changes nothing.</li>
 * </ul>
 * A price rule holds only for a product that is not out of stock: a price nobody can pay is no news.
 */
public final class AlertRules {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private AlertRules() {
    }

    /** What the check decided: whether to tell, why, and the state to remember. */
    public record Decision(boolean tells, Reason reason, AlertState next) {
    }

    /** Why a notification goes out. */
    public enum Reason {
        /** The rule became true (or was true at the first check). */
        RULE_MET,
        /** Still true, and the price fell below the last one told. */
        FURTHER_DROP
    }

    public static Decision evaluate(AlertRule rule, AlertState state, Sighting seen) {
        BigDecimal base = state.basePrice() != null ? state.basePrice() : seen.price().amount();
        Optional<Boolean> holds = holds(rule, base, seen);
        if (holds.isEmpty()) {
            return new Decision(false, null, new AlertState(state.satisfied(), state.lastNotifiedPrice(), base));
        }
        BigDecimal price = seen.price().amount();
        if (!holds.get()) {
            return new Decision(false, null, new AlertState(false, null, base));
        }
        if (!state.satisfied()) {
            return new Decision(true, Reason.RULE_MET, new AlertState(true, price, base));
        }
        if (!(rule instanceof AlertRule.BackInStock) && state.lastNotifiedPrice() != null
                && price.compareTo(state.lastNotifiedPrice()) < 0) {
            return new Decision(true, Reason.FURTHER_DROP, new AlertState(true, price, base));
        }
        return new Decision(false, null, new AlertState(true, state.lastNotifiedPrice(), base));
    }

    /** Whether the rule holds for this sighting; empty when the sighting cannot tell. */
    static Optional<Boolean> holds(AlertRule rule, BigDecimal base, Sighting seen) {
        BigDecimal price = seen.price().amount();
        boolean buyable = seen.availability() != Availability.OUT_OF_STOCK;
        return switch (rule) {
            case AlertRule.BelowPrice below -> Optional.of(buyable && price.compareTo(below.price()) <= 0);
            case AlertRule.DropPercent drop -> Optional.of(buyable && price.compareTo(dropTarget(base, drop.percent())) <= 0);
            case AlertRule.BackInStock back -> seen.availability() == Availability.UNKNOWN
                    ? Optional.empty() : Optional.of(seen.availability() == Availability.IN_STOCK);
        };
    }

    /** The highest price that is {@code percent} % below {@code base}. */
    public static BigDecimal dropTarget(BigDecimal base, BigDecimal percent) {
        return base.multiply(HUNDRED.subtract(percent)).divide(HUNDRED, 2, RoundingMode.DOWN);
    }
}
