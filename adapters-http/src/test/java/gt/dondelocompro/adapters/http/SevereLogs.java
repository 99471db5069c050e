package gt.dondelocompro.adapters.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the SEVERE records logged anywhere (the service's and Helidon's) while a test runs. */
final class SevereLogs extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    private SevereLogs() {
        setLevel(Level.SEVERE);
        root.addHandler(this);
    }

    static SevereLogs collect() {
        return new SevereLogs();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            records.add(record);
        }
    }

    /** Each record as {@code logger: message (thrown)}, for an assertion message. */
    List<String> messages() {
        return records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()
                + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")")).toList();
    }

    void clear() {
        records.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
