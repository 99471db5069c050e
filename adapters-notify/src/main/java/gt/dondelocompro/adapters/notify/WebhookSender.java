package gt.dondelocompro.adapters.notify;

import gt.dondelocompro.application.port.out.NotificationChannel.DeliveryException;
import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertNotification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A webhook delivery: the notification as JSON, POSTed with {@code X-DLC-Signature: sha256=<hex HMAC-SHA256 of the
 * raw body, keyed with the UTF-8 bytes of the alert's secret>} and {@code X-DLC-Delivery: <notification_id>}, the
 * same on every attempt, so a receiver drops duplicates by it.
 */
final class WebhookSender {

    static final String SIGNATURE = "X-DLC-Signature";
    static final String DELIVERY = "X-DLC-Delivery";

    private final HttpPoster poster;

    WebhookSender(HttpPoster poster) {
        this.poster = poster;
    }

    void send(Alert alert, AlertChannel.Webhook webhook, AlertNotification n) throws DeliveryException {
        if (alert.secret() == null) {
            throw new DeliveryException("the alert has no signing secret");
        }
        byte[] body = NotificationJson.body(n);
        poster.post(webhook.url(), "application/json", body,
                Map.of(SIGNATURE, "sha256=" + sign(body, alert.secret()), DELIVERY, n.id().toString()));
    }

    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
