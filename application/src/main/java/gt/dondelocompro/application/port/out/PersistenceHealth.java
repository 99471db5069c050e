package gt.dondelocompro.application.port.out;

/** Whether a store of record is configured, and whether it answers right now. */
public interface PersistenceHealth {

    /** False when running on the in-memory adapters ({@code DATABASE_ENABLED=false}). */
    boolean enabled();

    /** A cheap round trip to the store of record; false when it does not answer. */
    boolean reachable();
}
