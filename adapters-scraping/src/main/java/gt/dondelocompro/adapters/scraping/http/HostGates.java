package gt.dondelocompro.adapters.scraping.http;

/**
 * Where a request waits for its turn at a host: at most the host's concurrency in flight, its minimum delay between
 * starts, first come first served, shared by every store and search that talks to the host. A request whose
 * {@link FetchContext} says it is no longer of use leaves the queue unsent, and one that cannot be answered before its
 * deadline at the host's observed pace is refused {@code BUSY} at once. {@link #inProcess} keeps the gates in this
 * process; {@link #shared} adds to them a gate held for all instances together (Redis, with many instances).
 */
public interface HostGates {

    /**
     * Waits for {@code host}'s turn under {@code options}' spacing and concurrency. Throws a {@link FetchException} of
     * kind {@code BUSY} when the queue is longer than can be served before the context's deadline, of kind
     * {@code TIMEOUT} when the deadline passed or the answer stopped being wanted while it waited (the request is then
     * never sent), and {@link InterruptedException} at once when the thread is interrupted.
     */
    Turn await(String host, FetchOptions options, FetchContext context) throws FetchException, InterruptedException;

    /** A request's turn at its host; {@link #close()} when its exchange is over, whatever the outcome. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** Gates kept in this process, one per host; deadlines read on {@code clock}, waits on the monotonic clock. */
    static HostGates inProcess(java.time.Clock clock) {
        return new InProcessHostGates(clock);
    }

    /**
     * This process's gates ({@link #inProcess}), then {@code shared}'s lease of the same host under the same limits,
     * so that a store's {@code max_concurrency} and {@code min_delay} hold for all instances together; when
     * {@code shared} cannot be reached, this process's gates alone. Deadlines read on {@code clock}.
     */
    static HostGates shared(java.time.Clock clock, gt.dondelocompro.application.port.out.HostGates shared) {
        return new SharedHostGates(clock, new InProcessHostGates(clock), shared);
    }
}
