package gt.dondelocompro.adapters.notify;

import gt.dondelocompro.application.port.out.NotificationChannel.DeliveryException;
import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertNotification;
import gt.dondelocompro.domain.alert.AlertRule;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * An ntfy delivery (https://docs.ntfy.sh/publish/): the message as a plain-text POST to the topic URL, with its title,
 * tags (shown as emoji), a click-through to the product and the delivery id. Headers are ASCII: a title with accents
 * is sent RFC 2047-encoded, which ntfy decodes.
 */
final class NtfySender {

    private final HttpPoster poster;

    NtfySender(HttpPoster poster) {
        this.poster = poster;
    }

    void send(AlertChannel.Ntfy ntfy, AlertNotification n) throws DeliveryException {
        String tags = n.rule() instanceof AlertRule.BackInStock ? "package,white_check_mark" : "moneybag,chart_with_downwards_trend";
        poster.post(ntfy.url(), "text/plain; charset=utf-8", Messages.text(n).getBytes(StandardCharsets.UTF_8), Map.of(
                "Title", header(Messages.title(n)),
                "Tags", tags,
                "Click", n.product().url(),
                WebhookSender.DELIVERY, n.id().toString()));
    }

    /** The text as it is when ASCII, else as an RFC 2047 encoded word. */
    static String header(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ascii ? text : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
