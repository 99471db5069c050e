package gt.dondelocompro.domain.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One price alert. {@code tokenHash} is the SHA-256 (hex) of the management token, which is never kept;
 * {@code secret} signs webhook bodies (null for other channels); {@code confirmationCode} is the code of the link
 * sent to an e-mail address, null once confirmed and for other channels.
 */
public record Alert(UUID id, AlertTarget target, AlertRule rule, AlertChannel channel, AlertStatus status,
                    Instant createdAt, AlertState state, String tokenHash, String secret, String confirmationCode) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(tokenHash, "tokenHash");
    }

    public boolean active() {
        return status == AlertStatus.ACTIVE;
    }

    public Alert withState(AlertState next) {
        return new Alert(id, target, rule, channel, status, createdAt, next, tokenHash, secret, confirmationCode);
    }

    /** Without the token's hash, the secret or the confirmation code: an alert may end up in a log. */
    @Override
    public String toString() {
        return "Alert[id=" + id + ", target=" + target.key() + ", rule=" + rule.wireName() + ", channel=" + channel.wireName()
                + ", status=" + status.wireName() + ", createdAt=" + createdAt + ", state=" + state + "]";
    }

    public Alert confirmed() {
        return new Alert(id, target, rule, channel, AlertStatus.ACTIVE, createdAt, state, tokenHash, secret, null);
    }
}
