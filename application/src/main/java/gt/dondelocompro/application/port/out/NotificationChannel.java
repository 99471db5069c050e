package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertNotification;

import java.net.URI;

/** Delivers to an alert's channel (webhook, ntfy, e-mail). Throws {@link DeliveryException} when it did not arrive. */
public interface NotificationChannel {

    void send(Alert alert, AlertNotification notification) throws DeliveryException;

    /** The mail that asks an e-mail address to confirm its alert by opening {@code confirmLink}. */
    void sendConfirmation(Alert alert, URI confirmLink) throws DeliveryException;

    /** Whether a webhook or ntfy URL may be used now; a reason for the client when not (e.g. a private address). */
    java.util.Optional<String> refusal(URI url);

    /** Whether e-mail can be sent at all (an SMTP server is configured); e-mail alerts are refused when not. */
    default boolean sendsEmail() {
        return true;
    }

    /** Nothing configured to deliver with: every delivery fails and waits, nothing is lost. */
    NotificationChannel NONE = new NotificationChannel() {
        @Override
        public void send(Alert alert, AlertNotification notification) throws DeliveryException {
            throw new DeliveryException("no notification channel is configured");
        }

        @Override
        public void sendConfirmation(Alert alert, URI confirmLink) throws DeliveryException {
            throw new DeliveryException("no notification channel is configured");
        }

        @Override
        public java.util.Optional<String> refusal(URI url) {
            return java.util.Optional.empty();
        }
    };

    /** A delivery that did not arrive; the message is for operators and holds nothing secret. */
    final class DeliveryException extends Exception {
        public DeliveryException(String message) {
            super(message);
        }

        public DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
