package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.NotificationOutbox;
import gt.dondelocompro.domain.alert.AlertNotification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The outbox in memory, lost at restart. */
public final class InMemoryNotificationOutbox implements NotificationOutbox {

    private final Map<UUID, Stored> byId = new LinkedHashMap<>();
    private long nextSequence = 1;

    private record Stored(AlertNotification notification, int attempts, Instant nextAttemptAt, String lastError) {
    }

    @Override
    public synchronized AlertNotification add(AlertNotification notification) {
        AlertNotification stored = notification.withSequence(nextSequence++);
        byId.put(stored.id(), new Stored(stored, 0, null, null));
        return stored;
    }

    @Override
    public synchronized List<OutboxEntry> deliverable(Instant now, int limit) {
        List<Stored> undelivered = byId.values().stream()
                .filter(s -> s.notification().sentAt() == null)
                .sorted(Comparator.comparing((Stored s) -> s.notification().alertId()).thenComparingLong(s -> s.notification().sequence()))
                .toList();
        List<OutboxEntry> due = new ArrayList<>();
        java.util.Set<java.util.UUID> waiting = new java.util.HashSet<>();
        for (Stored s : undelivered) {
            UUID alert = s.notification().alertId();
            if (waiting.contains(alert)) {
                continue;
            }
            if (s.nextAttemptAt() != null && s.nextAttemptAt().isAfter(now)) {
                waiting.add(alert); // backing off: the alert's later ones wait behind it
                continue;
            }
            due.add(new OutboxEntry(s.notification(), s.attempts(), s.nextAttemptAt()));
            if (due.size() == limit) {
                break;
            }
        }
        return due;
    }

    @Override
    public synchronized void markSent(UUID notificationId, Instant at) {
        byId.computeIfPresent(notificationId, (id, s) -> new Stored(s.notification().sent(at), s.attempts(), null, null));
    }

    @Override
    public synchronized void markFailed(UUID notificationId, int attempts, Instant nextAttempt, String error) {
        byId.computeIfPresent(notificationId, (id, s) -> new Stored(s.notification(), attempts, nextAttempt, error));
    }

    @Override
    public synchronized List<AlertNotification> forAlert(UUID alertId) {
        List<AlertNotification> of = new ArrayList<>();
        byId.values().forEach(s -> {
            if (s.notification().alertId().equals(alertId)) {
                of.add(s.notification());
            }
        });
        of.sort(Comparator.comparingLong(AlertNotification::sequence));
        return of;
    }

    /** Forgets an alert's notifications, as the database's cascade does. */
    synchronized void deleteFor(UUID alertId) {
        byId.values().removeIf(s -> s.notification().alertId().equals(alertId));
    }
}
