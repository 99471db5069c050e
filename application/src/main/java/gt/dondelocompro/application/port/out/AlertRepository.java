package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertState;
import gt.dondelocompro.domain.alert.AlertTarget;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Price alerts, and the confirmation mail each e-mail alert is owed. */
public interface AlertRepository {

    void save(Alert alert);

    Optional<Alert> findById(UUID id);

    /** Deletes the alert and its notifications; false when there was none. */
    boolean delete(UUID id);

    /** How many alerts, active or pending, this channel address has on this target. */
    int countFor(String channelAddress, AlertTarget target);

    /** The active alerts on a target. */
    List<Alert> activeOn(AlertTarget target);

    /** Every target with at least one active alert. */
    List<AlertTarget> activeTargets();

    void updateState(UUID id, AlertState state);

    /** Marks the alert active and forgets its confirmation code; false when there was none. */
    boolean confirm(UUID id, Instant at);

    /** Pending e-mail alerts whose confirmation mail is not yet sent and due now, oldest first. */
    List<Alert> confirmationsDue(Instant now, int limit);

    void confirmationMailed(UUID id, Instant at);

    /** The mail failed; try again at {@code nextAttempt}. */
    void confirmationFailed(UUID id, Instant nextAttempt);
}
