package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.PersistenceHealth;
import org.jooq.DSLContext;

import java.time.Duration;

import static org.jooq.impl.DSL.inline;

/**
 * PostgreSQL is configured; whether it is reachable is the last answer of a background probe (a
 * {@code select 1} every second, bounded by the pool's connection timeout and a one-second query timeout), so
 * that asking never waits on the database: {@code /health} answers at once whatever state it is in.
 */
public final class JooqPersistenceHealth implements PersistenceHealth, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JooqPersistenceHealth.class.getName());
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    private static final int TIMEOUT_SECONDS = 1;

    private final DSLContext dsl;
    private volatile boolean reachable;
    private volatile boolean closed;
    private Thread probe;

    private JooqPersistenceHealth(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Probes once now (so the first answer is a real one), then every second on a virtual thread until closed. */
    static JooqPersistenceHealth start(DSLContext dsl) {
        JooqPersistenceHealth health = new JooqPersistenceHealth(dsl);
        health.reachable = health.check();
        health.probe = Thread.ofVirtual().name("database-probe").start(health::probeLoop);
        return health;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** The last probe's answer, at most about a second old (two while the database does not answer). */
    @Override
    public boolean reachable() {
        return reachable;
    }

    /** A round trip now: true when {@code select 1} answers. */
    boolean check() {
        try {
            return dsl.select(inline(1)).queryTimeout(TIMEOUT_SECONDS).fetchOne(0, Integer.class) == 1;
        } catch (RuntimeException down) {
            return false;
        }
    }

    private void probeLoop() {
        while (!closed) {
            try {
                Thread.sleep(PROBE_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            boolean now = check();
            if (now != reachable) {
                LOG.log(now ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                        now ? "the database answers again" : "the database does not answer");
            }
            reachable = now;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (probe != null) {
            probe.interrupt();
        }
    }
}
