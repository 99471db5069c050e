package gt.dondelocompro.adapters.scraping;

/** A response that does not have the shape its platform promises: the sign that the store's site changed. */
final class UnreadableResponseException extends RuntimeException {

    UnreadableResponseException(String message) {
        super(message);
    }

    UnreadableResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
