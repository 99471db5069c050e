package gt.dondelocompro.application.port.out;

/**
 * The state many instances share (Redis) cannot be reached right now: refused, timed out, or its connection lost.
 * Thrown by the shared-state adapters instead of their client's exceptions, so that the core can fall back to what
 * this instance can do alone (local gates, local events) instead of failing a shopper's search.
 */
public final class SharedStateUnavailableException extends RuntimeException {

    public SharedStateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
