package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The alerts' persistence adapters whose database does not answer: every call throws as the jOOQ adapters do then. */
final class UnreachableAlertStore implements gt.dondelocompro.application.port.out.AlertRepository,
        gt.dondelocompro.application.port.out.NotificationOutbox, gt.dondelocompro.application.port.out.TrackedProductRepository {

    private static StoreOfRecordUnavailableException down() {
        return new StoreOfRecordUnavailableException("connection refused", null);
    }

    @Override
    public void save(gt.dondelocompro.domain.alert.Alert alert) {
        throw down();
    }

    @Override
    public Optional<gt.dondelocompro.domain.alert.Alert> findById(UUID id) {
        throw down();
    }

    @Override
    public boolean delete(UUID id) {
        throw down();
    }

    @Override
    public int countFor(String channelAddress, gt.dondelocompro.domain.alert.AlertTarget target) {
        throw down();
    }

    @Override
    public List<gt.dondelocompro.domain.alert.Alert> activeOn(gt.dondelocompro.domain.alert.AlertTarget target) {
        throw down();
    }

    @Override
    public List<gt.dondelocompro.domain.alert.AlertTarget> activeTargets() {
        throw down();
    }

    @Override
    public void updateState(UUID id, gt.dondelocompro.domain.alert.AlertState state) {
        throw down();
    }

    @Override
    public boolean confirm(UUID id, Instant at) {
        throw down();
    }

    @Override
    public List<gt.dondelocompro.domain.alert.Alert> confirmationsDue(Instant now, int limit) {
        throw down();
    }

    @Override
    public void confirmationMailed(UUID id, Instant at) {
        throw down();
    }

    @Override
    public void confirmationFailed(UUID id, Instant nextAttempt) {
        throw down();
    }

    @Override
    public gt.dondelocompro.domain.alert.AlertNotification add(gt.dondelocompro.domain.alert.AlertNotification notification) {
        throw down();
    }

    @Override
    public List<OutboxEntry> deliverable(Instant now, int limit) {
        throw down();
    }

    @Override
    public void markSent(UUID notificationId, Instant at) {
        throw down();
    }

    @Override
    public void markFailed(UUID notificationId, int attempts, Instant nextAttempt, String error) {
        throw down();
    }

    @Override
    public List<gt.dondelocompro.domain.alert.AlertNotification> forAlert(UUID alertId) {
        throw down();
    }

    @Override
    public List<TrackedProduct> productsOf(gt.dondelocompro.domain.alert.AlertTarget target) {
        throw down();
    }
}
