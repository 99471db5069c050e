package gt.dondelocompro.domain.alert;

import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What an alert tells: the product as seen, its price and the price of its previous observation (null when it had
 * none). {@code id} is the delivery id a receiver drops duplicates by ({@code X-DLC-Delivery}); {@code sequence}
 * orders an alert's notifications. {@code sentAt} is null until delivered.
 */
public record AlertNotification(UUID id, UUID alertId, long sequence, AlertRule rule, AlertRules.Reason reason,
                                NotifiedProduct product, Money previousPrice, Money price, Instant at, Instant sentAt) {

    public AlertNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(at, "at");
    }

    /** The store product the notification is about. */
    public record NotifiedProduct(long productId, Long catalogProductId, String vendorId, String vendorName, String name,
                                  String url, Availability availability) {
        public NotifiedProduct {
            Objects.requireNonNull(vendorId, "vendorId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            availability = availability == null ? Availability.UNKNOWN : availability;
        }
    }

    public AlertNotification sent(Instant when) {
        return new AlertNotification(id, alertId, sequence, rule, reason, product, previousPrice, price, at, when);
    }

    public AlertNotification withSequence(long seq) {
        return new AlertNotification(id, alertId, seq, rule, reason, product, previousPrice, price, at, sentAt);
    }
}
