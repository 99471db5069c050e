package gt.dondelocompro.application.contract;

import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the persistence contract suites: each test gets a fresh, empty set of adapters from
 * {@link #newPersistence()}. Subclassed once per adapter (in-memory, jOOQ on PostgreSQL).
 */
public abstract class PersistenceContract {

    protected Persistence persistence;

    /** A fresh, empty store of record for one test. */
    protected abstract Persistence newPersistence();

    @BeforeEach
    void freshPersistence() {
        persistence = newPersistence();
    }
}
