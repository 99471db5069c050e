package gt.dondelocompro.application.port.in;

/**
 * The core was closed (the service is shutting down) and takes no new work. Transports answer it as "try again
 * shortly" (HTTP 503); any other exception from the core is a fault, not a shutdown.
 */
public final class ServiceClosedException extends RuntimeException {

    public ServiceClosedException(String message) {
        super(message);
    }
}
