package gt.dondelocompro.domain.alert;

import gt.dondelocompro.domain.InvalidValueException;

import java.math.BigDecimal;
import java.util.Objects;

/** What a shopper wants to be told: the price at or below an amount, a drop of some percent, or back in stock. */
public sealed interface AlertRule {

    /** {@code below_price}, {@code drop_percent}, {@code back_in_stock}: the rule's name on the wire and in the database. */
    String wireName();

    /** The rule's number (the price, the percent), null for {@code back_in_stock}. */
    BigDecimal value();

    /** Told when the price is at or below {@code price} (in the product's currency) and the product can be bought. */
    record BelowPrice(BigDecimal price) implements AlertRule {
        public static final BigDecimal MAX = new BigDecimal("10000000");

        public BelowPrice {
            Objects.requireNonNull(price, "price");
            if (price.signum() <= 0 || price.compareTo(MAX) >= 0) {
                throw new InvalidValueException("rule.below_price", "must be a price above 0 and below " + MAX.toPlainString());
            }
            if (price.stripTrailingZeros().scale() > 2) {
                throw new InvalidValueException("rule.below_price", "must have at most 2 decimals");
            }
            price = price.setScale(2);
        }

        @Override
        public String wireName() {
            return "below_price";
        }

        @Override
        public BigDecimal value() {
            return price;
        }
    }

    /** Told when the price is at least {@code percent} % below the price when the alert was made. */
    record DropPercent(BigDecimal percent) implements AlertRule {
        public DropPercent {
            Objects.requireNonNull(percent, "percent");
            if (percent.signum() <= 0 || percent.compareTo(new BigDecimal("100")) >= 0) {
                throw new InvalidValueException("rule.drop_percent", "must be a percentage above 0 and below 100");
            }
            if (percent.stripTrailingZeros().scale() > 2) {
                throw new InvalidValueException("rule.drop_percent", "must have at most 2 decimals");
            }
            percent = percent.stripTrailingZeros().scale() < 0 ? percent.setScale(0) : percent.stripTrailingZeros();
        }

        @Override
        public String wireName() {
            return "drop_percent";
        }

        @Override
        public BigDecimal value() {
            return percent;
        }
    }

    /** Told when the product, out of stock, can be bought again. */
    record BackInStock() implements AlertRule {
        @Override
        public String wireName() {
            return "back_in_stock";
        }

        @Override
        public BigDecimal value() {
            return null;
        }
    }

    /** From its name and number, as stored or sent. */
    static AlertRule of(String wireName, BigDecimal value) {
        return switch (wireName) {
            case "below_price" -> new BelowPrice(value);
            case "drop_percent" -> new DropPercent(value);
            case "back_in_stock" -> new BackInStock();
            default -> throw new InvalidValueException("rule", "unknown rule '" + wireName + "'");
        };
    }
}
