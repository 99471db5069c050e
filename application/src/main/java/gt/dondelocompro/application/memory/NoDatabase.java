package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.PersistenceHealth;

/** The persistence health of the in-memory adapters: no database is configured. */
public final class NoDatabase implements PersistenceHealth {

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public boolean reachable() {
        return true;
    }
}
