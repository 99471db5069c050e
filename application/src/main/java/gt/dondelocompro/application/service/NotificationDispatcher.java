package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.out.AlertRepository;
import gt.dondelocompro.application.port.out.NotificationChannel;
import gt.dondelocompro.application.port.out.NotificationOutbox;
import gt.dondelocompro.application.port.out.NotificationOutbox.OutboxEntry;
import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;
import gt.dondelocompro.domain.alert.Alert;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers the outbox: each alert's undelivered notifications in order, the next one only once the one before it
 * arrived; a failed delivery is tried again with doubling backoff, and nothing is given up on. Also sends the
 * confirmation mails e-mail alerts are owed. Run by the scheduler on one instance at a time.
 */
public final class NotificationDispatcher {

    private static final System.Logger LOG = System.getLogger(NotificationDispatcher.class.getName());
    static final int BATCH = 200;

    private final AlertRepository alerts;
    private final NotificationOutbox outbox;
    private final NotificationChannel channel;
    private final AlertSettings settings;
    private final Clock clock;

    public NotificationDispatcher(AlertRepository alerts, NotificationOutbox outbox, NotificationChannel channel,
                                  AlertSettings settings, Clock clock) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One round: the confirmation mails due, then each alert's notifications due; returns how many arrived. While the
     * store of record does not answer, nothing is delivered (and nothing lost): the next round tries again.
     */
    public int deliverDue() {
        try {
            return deliverDueNow();
        } catch (StoreOfRecordUnavailableException down) {
            LOG.log(Level.DEBUG, "the outbox cannot be read now: {0}", down.getMessage());
            return 0;
        }
    }

    private int deliverDueNow() {
        int delivered = 0;
        Instant now = clock.instant();
        for (Alert alert : alerts.confirmationsDue(now, BATCH)) {
            try {
                channel.sendConfirmation(alert, AlertService.confirmLink(settings.publicBaseUrl(), alert));
                alerts.confirmationMailed(alert.id(), clock.instant());
                delivered++;
            } catch (NotificationChannel.DeliveryException e) {
                LOG.log(Level.WARNING, "the confirmation mail of alert {0} did not go out: {1}", alert.id(), e.getMessage());
                alerts.confirmationFailed(alert.id(), clock.instant().plus(settings.backoffAfter(4)));
            }
        }
        Map<UUID, List<OutboxEntry>> byAlert = new LinkedHashMap<>();
        for (OutboxEntry entry : outbox.deliverable(now, BATCH)) {
            byAlert.computeIfAbsent(entry.notification().alertId(), k -> new ArrayList<>()).add(entry);
        }
        for (Map.Entry<UUID, List<OutboxEntry>> e : byAlert.entrySet()) {
            Optional<Alert> alert = alerts.findById(e.getKey());
            if (alert.isEmpty()) {
                continue; // deleted meanwhile: its notifications go with it
            }
            delivered += deliverInOrder(alert.get(), e.getValue());
        }
        return delivered;
    }

    private int deliverInOrder(Alert alert, List<OutboxEntry> entries) {
        int delivered = 0;
        for (OutboxEntry entry : entries) {
            if (entry.nextAttemptAt() != null && entry.nextAttemptAt().isAfter(clock.instant())) {
                return delivered; // the one before the rest is backing off: they wait behind it
            }
            try {
                channel.send(alert, entry.notification());
                outbox.markSent(entry.notification().id(), clock.instant());
                delivered++;
            } catch (NotificationChannel.DeliveryException ex) {
                int attempts = entry.attempts() + 1;
                Instant next = clock.instant().plus(settings.backoffAfter(attempts));
                LOG.log(Level.WARNING, "notification {0} of alert {1} not delivered (attempt {2}): {3}; next attempt at {4}",
                        entry.notification().id(), alert.id(), attempts, ex.getMessage(), next);
                outbox.markFailed(entry.notification().id(), attempts, next, ex.getMessage());
                return delivered;
            } catch (RuntimeException bug) {
                LOG.log(Level.ERROR, "delivering notification " + entry.notification().id() + " failed unexpectedly", bug);
                int attempts = entry.attempts() + 1;
                outbox.markFailed(entry.notification().id(), attempts, clock.instant().plus(settings.backoffAfter(attempts)),
                        bug.getClass().getSimpleName());
                return delivered;
            }
        }
        return delivered;
    }
}
