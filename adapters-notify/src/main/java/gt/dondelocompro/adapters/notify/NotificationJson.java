package gt.dondelocompro.adapters.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.dondelocompro.domain.alert.AlertNotification;
import gt.dondelocompro.domain.alert.AlertRule;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A notification as a webhook receives it (DESIGN.md, Alerts): {@code notification_id, alert_id, rule, reason,
 * product, previous_price, price, currency, url, at}, snake_case, prices as JSON numbers.
 */
final class NotificationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationJson() {
    }

    static byte[] body(AlertNotification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("notification_id", n.id().toString());
        root.put("alert_id", n.alertId().toString());
        ObjectNode rule = root.putObject("rule");
        switch (n.rule()) {
            case AlertRule.BelowPrice b -> rule.put("below_price", b.price());
            case AlertRule.DropPercent d -> rule.put("drop_percent", d.percent());
            case AlertRule.BackInStock b -> rule.put("back_in_stock", true);
        }
        root.put("reason", n.reason().name().toLowerCase(Locale.ROOT));
        ObjectNode product = root.putObject("product");
        product.put("product_id", n.product().productId());
        if (n.product().catalogProductId() == null) {
            product.putNull("catalog_product_id");
        } else {
            product.put("catalog_product_id", n.product().catalogProductId());
        }
        product.put("vendor_id", n.product().vendorId());
        product.put("vendor_name", n.product().vendorName());
        product.put("name", n.product().name());
        product.put("url", n.product().url());
        product.put("availability", n.product().availability().wireName());
        if (n.previousPrice() == null) {
            root.putNull("previous_price");
        } else {
            root.put("previous_price", n.previousPrice().amount());
        }
        root.put("price", n.price().amount());
        root.put("currency", n.price().currency().getCurrencyCode());
        root.put("url", n.product().url());
        root.put("at", n.at().toString());
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification is always writable as JSON", e);
        }
    }
}
