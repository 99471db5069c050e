package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.AlertRepository;
import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertState;
import gt.dondelocompro.domain.alert.AlertTarget;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Alerts in memory, lost at restart; deleting one forgets its notifications in {@code outbox}. */
public final class InMemoryAlertRepository implements AlertRepository {

    private final InMemoryNotificationOutbox outbox;
    private final Map<UUID, Stored> byId = new LinkedHashMap<>();

    private record Stored(Alert alert, Instant mailedAt, Instant nextMailAt) {
    }

    public InMemoryAlertRepository(InMemoryNotificationOutbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public synchronized void save(Alert alert) {
        byId.put(alert.id(), new Stored(alert, null, null));
    }

    @Override
    public synchronized Optional<Alert> findById(UUID id) {
        return Optional.ofNullable(byId.get(id)).map(Stored::alert);
    }

    @Override
    public synchronized boolean delete(UUID id) {
        outbox.deleteFor(id);
        return byId.remove(id) != null;
    }

    @Override
    public synchronized int countFor(String channelAddress, AlertTarget target) {
        return (int) byId.values().stream().map(Stored::alert)
                .filter(a -> a.channel().address().equals(channelAddress) && a.target().equals(target)).count();
    }

    @Override
    public synchronized List<Alert> activeOn(AlertTarget target) {
        return byId.values().stream().map(Stored::alert).filter(a -> a.active() && a.target().equals(target))
                .sorted(Comparator.comparing(Alert::createdAt)).toList();
    }

    @Override
    public synchronized List<AlertTarget> activeTargets() {
        return byId.values().stream().map(Stored::alert).filter(Alert::active).map(Alert::target).distinct().toList();
    }

    @Override
    public synchronized void updateState(UUID id, AlertState state) {
        byId.computeIfPresent(id, (k, s) -> new Stored(s.alert().withState(state), s.mailedAt(), s.nextMailAt()));
    }

    @Override
    public synchronized boolean confirm(UUID id, Instant at) {
        Stored s = byId.get(id);
        if (s == null) {
            return false;
        }
        byId.put(id, new Stored(s.alert().confirmed(), s.mailedAt(), s.nextMailAt()));
        return true;
    }

    @Override
    public synchronized List<Alert> confirmationsDue(Instant now, int limit) {
        return byId.values().stream()
                .filter(s -> !s.alert().active() && s.alert().confirmationCode() != null && s.mailedAt() == null
                        && (s.nextMailAt() == null || !s.nextMailAt().isAfter(now)))
                .map(Stored::alert).sorted(Comparator.comparing(Alert::createdAt)).limit(limit).toList();
    }

    @Override
    public synchronized void confirmationMailed(UUID id, Instant at) {
        byId.computeIfPresent(id, (k, s) -> new Stored(s.alert(), at, null));
    }

    @Override
    public synchronized void confirmationFailed(UUID id, Instant nextAttempt) {
        byId.computeIfPresent(id, (k, s) -> new Stored(s.alert(), null, nextAttempt));
    }
}
