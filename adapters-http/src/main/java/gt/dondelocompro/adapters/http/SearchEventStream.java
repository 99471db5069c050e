package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.domain.RecordedEvent;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a search's events through Helidon's SSE sink: {@code connected} first, then every logged event after the
 * subscriber's position with its sequence number as the SSE id, then live ones as they happen, a {@code heartbeat}
 * after each silent interval, and the end of the stream after {@code completed} or {@code error}; a client
 * resuming after the last event gets 204 No Content, which tells an EventSource not to reconnect.
 * {@code connected} and {@code heartbeat} belong to the connection, not to the search, so they carry no id and do
 * not move a client's Last-Event-ID. Runs on the request's virtual thread; a client that went away makes an emit
 * fail, which ends the loop and closes the subscription.
 */
final class SearchEventStream {

    private static final System.Logger LOG = System.getLogger(SearchEventStream.class.getName());

    /** Events whose JSON is remembered; beyond this many the memory is emptied at once, which bounds it cheaply. */
    private static final int REMEMBERED = 4_096;

    private final Duration heartbeatInterval;
    private final Clock clock;
    /**
     * The {@code data:} of the events sent lately, by the event itself (the one object every subscriber of a search
     * reads from its log): each event is written as JSON once, however many clients follow its search.
     */
    private final ConcurrentHashMap<SameEvent, String> written = new ConcurrentHashMap<>();

    SearchEventStream(Duration heartbeatInterval, Clock clock) {
        this.heartbeatInterval = heartbeatInterval;
        this.clock = clock;
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
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        try (subscription; SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(connectionEvent("connected", new EventJson.ConnectedData(searchId, "Connected to search " + searchId)));
            Optional<RecordedEvent> next = first;
            while (true) {
                if (next.isEmpty()) {
                    next = subscription.next(heartbeatInterval);
                }
                if (next.isPresent()) {
                    RecordedEvent recorded = next.get();
                    sink.emit(SseEvent.builder()
                            .id(Long.toString(recorded.sequence()))
                            .name(recorded.event().name())
                            .data(data(recorded))
                            .build());
                    if (recorded.event().isTerminal()) {
                        return;
                    }
                } else if (subscription.isFinished()) {
                    return;
                } else {
                    sink.emit(connectionEvent("heartbeat", new EventJson.HeartbeatData(Instant.now(clock))));
                }
                next = Optional.empty();
            }
        } catch (UncheckedIOException e) {
            LOG.log(Level.DEBUG, "event stream of search {0} ended: the client went away ({1})", searchId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String data(RecordedEvent recorded) {
        SameEvent key = new SameEvent(recorded);
        String data = written.get(key);
        if (data == null) {
            data = Json.text(EventJson.data(recorded.event()));
            if (written.size() >= REMEMBERED) {
                written.clear();
            }
            written.put(key, data);
        }
        return data;
    }

    /** An event as a key by identity: hashing a record's whole content would cost more than it saves. */
    private record SameEvent(RecordedEvent event) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SameEvent same && same.event == event;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(event);
        }
    }

    /** Jackson writes no raw line breaks, so each payload is one {@code data:} line. */
    private static SseEvent connectionEvent(String name, Object data) {
        return SseEvent.builder().name(name).data(Json.text(data)).build();
    }
}
