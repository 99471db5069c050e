package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.PersistenceHealth;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import static org.jooq.impl.DSL.inline;

/** PostgreSQL is configured; it is reachable when a {@code select 1} answers within a couple of seconds. */
public final class JooqPersistenceHealth implements PersistenceHealth {

    private static final int TIMEOUT_SECONDS = 2;

    private final DSLContext dsl;

    JooqPersistenceHealth(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean reachable() {
        try {
            return dsl.select(inline(1)).queryTimeout(TIMEOUT_SECONDS).fetchOne(0, Integer.class) == 1;
        } catch (DataAccessException down) {
            return false;
        }
    }
}
