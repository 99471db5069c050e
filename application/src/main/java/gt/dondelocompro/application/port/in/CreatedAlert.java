package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.alert.Alert;

/** A new alert and its management token, which exists nowhere else once this is answered. */
public record CreatedAlert(Alert alert, String token) {
}
