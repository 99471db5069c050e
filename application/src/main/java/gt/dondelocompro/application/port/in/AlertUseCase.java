package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertNotification;

import java.util.List;
import java.util.UUID;

/**
 * Price alerts: made by anyone (rate-limited by the adapter), managed with the token shown once at creation. A wrong
 * token and an unknown id are the same {@link AlertNotFoundException}, so a token cannot be told apart from an id.
 */
public interface AlertUseCase {

    /**
     * Makes an alert (validated by the command's values) and starts re-checking its target.
     *
     * @throws gt.dondelocompro.domain.InvalidValueException naming the field: an unknown target, a refused channel URL
     * @throws AlertLimitException when the channel's address already has the most alerts allowed on the target
     */
    CreatedAlert create(CreateAlertCommand command);

    /** @throws AlertNotFoundException for an unknown id or a wrong token */
    Alert alert(UUID id, String token);

    /** The alert's notifications, oldest first, with when each was delivered. */
    List<AlertNotification> notifications(UUID id, String token);

    /** Deletes the alert and its notifications; afterwards it is unknown. */
    void delete(UUID id, String token);

    /** Confirms an e-mail alert with the code of the link mailed to it; confirming twice is harmless. */
    Alert confirm(UUID id, String code);

    /** False when alerts live in memory only and are lost at restart. */
    boolean durable();
}
