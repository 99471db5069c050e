package gt.dondelocompro.domain;

/** Whether a store says it can sell an offer now. */
public enum Availability {
    IN_STOCK, OUT_OF_STOCK, UNKNOWN;

    /** The name on the wire and in the database: {@code in_stock}, {@code out_of_stock}, {@code unknown}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Availability fromWireName(String name) {
        for (Availability a : values()) {
            if (a.wireName().equals(name)) {
                return a;
            }
        }
        throw new InvalidValueException("availability", "unknown value '" + name + "'");
    }

    public static Availability of(boolean available) {
        return available ? IN_STOCK : OUT_OF_STOCK;
    }
}
