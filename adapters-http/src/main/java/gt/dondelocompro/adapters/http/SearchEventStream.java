package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.domain.RecordedEvent;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a search's events as {@code text/event-stream}, flushing each one: {@code connected} first, then every
 * logged event after the subscriber's position with its sequence number as {@code id:}, then live ones as they
 * happen, a {@code heartbeat} after each silent interval, and the end of the stream after {@code completed} or
 * {@code error}; a client resuming after the last event gets 204 No Content, which tells an EventSource not to
 * reconnect. {@code connected} and {@code heartbeat} belong to the connection, not to the search, so they
 * carry no {@code id:} and do not move a client's Last-Event-ID. Runs on the request's virtual thread; a client
 * that went away makes a write fail, which ends the loop and closes the subscription.
 */
final class SearchEventStream {

    private static final System.Logger LOG = System.getLogger(SearchEventStream.class.getName());

    private final Duration heartbeatInterval;
    private final Clock clock;

    SearchEventStream(Duration heartbeatInterval, Clock clock) {
        this.heartbeatInterval = heartbeatInterval;
        this.clock = clock;
    }

    SearchEventStream(Duration heartbeatInterval) {
        this(heartbeatInterval, Clock.systemUTC());
    }

    void send(UUID searchId, EventSubscription subscription, ServerResponse res) {
        Optional<RecordedEvent> first;
        try {
            first = subscription.next(Duration.ZERO);
        } catch (InterruptedException e) {
            subscription.close();
            Thread.currentThread().interrupt();
            return;
        }
        if (first.isEmpty() && subscription.isFinished()) {
            // resumed after the last event: 204 tells an EventSource to stop reconnecting
            subscription.close();
            res.status(Status.NO_CONTENT_204);
            res.send();
            return;
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=UTF-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        try (subscription; OutputStream out = res.outputStream()) {
            write(out, null, "connected", new EventJson.ConnectedData(searchId, "Connected to search " + searchId));
            Optional<RecordedEvent> next = first;
            while (true) {
                if (next.isEmpty()) {
                    next = subscription.next(heartbeatInterval);
                }
                if (next.isPresent()) {
                    RecordedEvent recorded = next.get();
                    write(out, recorded.sequence(), recorded.event().name(), EventJson.data(recorded.event()));
                    if (recorded.event().isTerminal()) {
                        return;
                    }
                } else if (subscription.isFinished()) {
                    return;
                } else {
                    write(out, null, "heartbeat", new EventJson.HeartbeatData(Instant.now(clock)));
                }
                next = Optional.empty();
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "event stream of search {0} ended: the client went away ({1})", searchId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, Long id, String name, Object data) throws IOException {
        StringBuilder frame = new StringBuilder(256);
        frame.append("event: ").append(name).append('\n');
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        // Jackson writes no raw line breaks, so the payload is always one data line
        frame.append("data: ").append(Json.text(data)).append("\n\n");
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
