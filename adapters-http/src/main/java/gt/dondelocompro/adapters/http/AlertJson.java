package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertNotification;
import gt.dondelocompro.domain.alert.AlertRule;
import gt.dondelocompro.domain.alert.AlertTarget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An alert as answered: {@code alert_id, status, target, rule, channel, created_at}; at creation also the management
 * {@code token}, the webhook {@code secret} (null for other channels) and {@code manage_url}, the page that manages
 * it (the token in its fragment, which browsers never send to a server), each shown that once.
 */
final class AlertJson {

    private AlertJson() {
    }

    static Map<String, Object> created(Alert alert, String token, String baseUrl) {
        Map<String, Object> body = shown(alert);
        body.put("token", token);
        body.put("secret", alert.secret());
        body.put("manage_url", baseUrl + "/web/alerta.html#id=" + alert.id() + "&token=" + token);
        return body;
    }

    static Map<String, Object> shown(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alert_id", alert.id());
        body.put("status", alert.status().wireName());
        body.put("target", target(alert.target()));
        body.put("rule", rule(alert.rule()));
        body.put("channel", Map.of(alert.channel().wireName(), alert.channel().address()));
        body.put("created_at", alert.createdAt());
        return body;
    }

    static Map<String, Object> target(AlertTarget target) {
        return switch (target) {
            case AlertTarget.CatalogProduct c -> Map.of("catalog_product_id", c.id());
            case AlertTarget.StoreProduct p -> Map.of("product_id", p.id());
        };
    }

    static Map<String, Object> rule(AlertRule rule) {
        return switch (rule) {
            case AlertRule.BelowPrice b -> Map.of("below_price", b.price());
            case AlertRule.DropPercent d -> Map.of("drop_percent", d.percent());
            case AlertRule.BackInStock b -> Map.of("back_in_stock", true);
        };
    }

    /** A notification as {@code GET /alerts/{id}/notifications} lists it, the webhook's body plus {@code sent_at}. */
    record NotificationJson(UUID notificationId, UUID alertId, Map<String, Object> rule, String reason, Product product,
                            BigDecimal previousPrice, BigDecimal price, String currency, String url, Instant at, Instant sentAt) {

        record Product(long productId, Long catalogProductId, String vendorId, String vendorName, String name, String url,
                       String availability) {
        }

        static NotificationJson from(AlertNotification n) {
            var p = n.product();
            return new NotificationJson(n.id(), n.alertId(), AlertJson.rule(n.rule()), n.reason().name().toLowerCase(Locale.ROOT),
                    new Product(p.productId(), p.catalogProductId(), p.vendorId(), p.vendorName(), p.name(), p.url(),
                            p.availability().wireName()),
                    n.previousPrice() == null ? null : n.previousPrice().amount(), n.price().amount(),
                    n.price().currency().getCurrencyCode(), p.url(), n.at(), n.sentAt());
        }

        static List<NotificationJson> all(List<AlertNotification> ns) {
            return ns.stream().map(NotificationJson::from).toList();
        }
    }
}
