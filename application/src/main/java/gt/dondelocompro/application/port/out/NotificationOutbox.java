package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.alert.AlertNotification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The notifications to deliver, written in the transaction of the observation that triggered them (an outbox), and
 * kept after delivery as the alert's history.
 */
public interface NotificationOutbox {

    /** Adds a notification, giving it the next sequence number of its alert; returns it as stored. */
    AlertNotification add(AlertNotification notification);

    /**
     * The undelivered notifications that may be attempted at {@code now}, ordered by alert then sequence, at most
     * {@code limit}: each one whose next attempt is due, unless an earlier undelivered one of its alert is still
     * backing off (the alert's order holds), so alerts whose receiver is down do not fill the batch.
     */
    List<OutboxEntry> deliverable(Instant now, int limit);

    void markSent(UUID notificationId, Instant at);

    /** A failed attempt: {@code attempts} so far, the next at {@code nextAttempt}; {@code error} is for operators. */
    void markFailed(UUID notificationId, int attempts, Instant nextAttempt, String error);

    /** An alert's notifications, oldest first. */
    List<AlertNotification> forAlert(UUID alertId);

    /** A notification waiting for delivery, with the attempts made so far and when the next may be made. */
    record OutboxEntry(AlertNotification notification, int attempts, Instant nextAttemptAt) {
    }
}
