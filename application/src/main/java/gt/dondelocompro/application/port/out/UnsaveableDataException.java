package gt.dondelocompro.application.port.out;

/**
 * The store of record refused what it was given for a reason retrying cannot fix: the data itself (a value
 * too long or out of range, a character it cannot hold, a broken constraint), as opposed to the store being
 * unreachable. Thrown by the persistence adapters after classifying their own errors, so the core can tell
 * the two apart without knowing the adapter's types.
 */
public class UnsaveableDataException extends RuntimeException {

    public UnsaveableDataException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnsaveableDataException(String message) {
        super(message);
    }
}
