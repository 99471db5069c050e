package gt.dondelocompro.application.port.out;

/**
 * The store of record cannot be reached right now: refused, timed out, or its connection lost. Thrown by the
 * persistence adapters instead of their driver's exceptions, so that the core and the transports can tell
 * "try again later" (a read answers 503, the recorder retries) from any other failure.
 */
public final class StoreOfRecordUnavailableException extends RuntimeException {

    public StoreOfRecordUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
