package gt.dondelocompro.adapters.notify;

import gt.dondelocompro.application.port.out.NotificationChannel;
import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertNotification;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** The notification port over the three senders, each alert to its own channel. Close it to free the HTTP client. */
public final class ChannelSenders implements NotificationChannel, AutoCloseable {

    private final PublicTargets targets;
    private final HttpPoster poster;
    private final WebhookSender webhooks;
    private final NtfySender ntfy;
    private final EmailSender email;

    private ChannelSenders(NotifySettings settings) {
        this.targets = new PublicTargets(settings.allowPrivateTargets());
        this.poster = new HttpPoster(targets, settings);
        this.webhooks = new WebhookSender(poster);
        this.ntfy = new NtfySender(poster);
        this.email = settings.smtp().map(s -> new EmailSender(s, settings)).orElse(null);
    }

    public static ChannelSenders create(NotifySettings settings) {
        return new ChannelSenders(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public void send(Alert alert, AlertNotification notification) throws DeliveryException {
        switch (alert.channel()) {
            case AlertChannel.Webhook w -> webhooks.send(alert, w, notification);
            case AlertChannel.Ntfy n -> ntfy.send(n, notification);
            case AlertChannel.Email e -> mailer().send(e, notification);
        }
    }

    @Override
    public void sendConfirmation(Alert alert, URI confirmLink) throws DeliveryException {
        if (!(alert.channel() instanceof AlertChannel.Email e)) {
            throw new DeliveryException("only e-mail alerts are confirmed");
        }
        mailer().sendConfirmation(e, confirmLink);
    }

    @Override
    public Optional<String> refusal(URI url) {
        return targets.refusal(url);
    }

    @Override
    public boolean sendsEmail() {
        return email != null;
    }

    private EmailSender mailer() throws DeliveryException {
        if (email == null) {
            throw new DeliveryException("no SMTP server is configured (SMTP_HOST)");
        }
        return email;
    }

    @Override
    public void close() {
        poster.close();
    }
}
