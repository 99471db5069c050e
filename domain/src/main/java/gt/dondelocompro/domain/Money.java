package gt.dondelocompro.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in an ISO currency, held as {@link BigDecimal} at the currency's minor unit
 * (GTQ 1299 is kept as 1299.00). Never negative: stores do not pay shoppers.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public static final Currency GTQ = Currency.getInstance("GTQ");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new InvalidValueException("price", "must not be negative, was " + amount.toPlainString());
        }
        // float noise such as 2128.3011583011585 is rounded half-up to the minor unit
        amount = amount.setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_UP);
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public static Money gtq(String amount) {
        return new Money(new BigDecimal(amount), GTQ);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** The signed difference {@code this - other} as a plain number (money is never negative, changes can be). */
    public BigDecimal difference(Money other) {
        requireSameCurrency(other);
        return amount.subtract(other.amount);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot compare " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }
}
