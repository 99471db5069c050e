package gt.dondelocompro.adapters.scraping;

/** A stores file that cannot be used; the message names the file, the store (index and id) and the field. */
public final class StoreCatalogException extends RuntimeException {

    public StoreCatalogException(String message) {
        super(message);
    }

    public StoreCatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
