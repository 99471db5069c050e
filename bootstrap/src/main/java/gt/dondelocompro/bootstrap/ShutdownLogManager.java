package gt.dondelocompro.bootstrap;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager closes every handler in its own shutdown hook, which runs at the same time as ours, so
 * the lines that say how the shutdown went (searches finished, recorder flushed) would be lost. This one
 * keeps logging until {@link #shutdownDone()} is called.
 */
public final class ShutdownLogManager extends LogManager {

    private volatile boolean shutdownDone;

    @Override
    public void reset() {
        if (shutdownDone || !shuttingDown()) {
            super.reset();
        }
    }

    /** Called by our shutdown hook once it has logged its last line. */
    static void shutdownDone() {
        if (LogManager.getLogManager() instanceof ShutdownLogManager manager) {
            manager.shutdownDone = true;
            manager.reset();
        }
    }

    private static boolean shuttingDown() {
        // reset() during shutdown comes from the JDK's Cleaner thread; at any other time (readConfiguration) it must work
        return Thread.currentThread().getName().contains("Cleaner") || isShutdownHookThread();
    }

    private static boolean isShutdownHookThread() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }
}
