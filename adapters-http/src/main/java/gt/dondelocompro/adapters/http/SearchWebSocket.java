package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.ServiceClosedException;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.in.StartSearchUseCase;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.RecordedEvent;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket transport of a search's events (DESIGN.md, "WebSocket"). {@code /ws/search/{id}} follows a search,
 * from the start or after {@code ?last_event_id=N}; {@code /ws/search} starts one from its first text frame
 * {@code {query, max_results?, use_cache?}} (validated and rate limited as {@code POST /search}), answers
 * {@code search_started} and follows it. Every event is one text frame {@code {event, id, data}} with the names and
 * data of the event stream, a {@code heartbeat} frame follows each silent interval, and the server closes normally
 * after {@code completed} or {@code error}. An unknown search, or a bad frame, closes with a code and a reason.
 * Frames after the first are ignored.
 *
 * <p>Each session reads its subscription on its own virtual thread, which closes the subscription when it ends: after
 * the last event, when the client closes or fails (the listener interrupts it), or when a send fails (a client gone
 * without a close frame is noticed at the next heartbeat, as on the event stream).
 */
public final class SearchWebSocket {

    static final String START_PATH = "/ws/search";
    static final String FOLLOW_PATH = "/ws/search/{id}";
    private static final String FOLLOW_PREFIX = "/ws/search/";
    /** A close frame carries at most 125 bytes, two of them the code. */
    private static final int MAX_REASON_BYTES = 123;
    private static final System.Logger LOG = System.getLogger(SearchWebSocket.class.getName());

    private final StartSearchUseCase startSearch;
    private final SubscribeToSearchUseCase subscribe;
    private final RateLimiter rateLimiter;
    private final TrustedProxies trustedProxies;
    private final int maxFrameBytes;
    private final Duration heartbeatInterval;
    private final Clock clock;
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();

    SearchWebSocket(StartSearchUseCase startSearch, SubscribeToSearchUseCase subscribe, HttpSettings settings, Clock clock) {
        this.startSearch = startSearch;
        this.subscribe = subscribe;
        // its own buckets at the rate of POST /search: a client may start that many searches a minute on each transport
        this.rateLimiter = new RateLimiter(settings.searchesPerMinute(), settings.sharedRateLimits(), "ws-search");
        this.trustedProxies = settings.trustedProxies();
        this.maxFrameBytes = settings.maxBodyBytes();
        this.heartbeatInterval = settings.heartbeatInterval();
        this.clock = clock;
    }

    public static SearchWebSocket create(HttpUseCases useCases, HttpSettings settings) {
        return new SearchWebSocket(useCases.startSearch(), useCases.subscribeToSearch(), settings, Clock.systemUTC());
    }

    /** Both endpoints, for {@code WebServer.builder().addRouting(...)}; each session gets its own listener. */
    public WsRouting.Builder routing() {
        return WsRouting.builder()
                .endpoint(START_PATH, () -> new Session(true))
                .endpoint(FOLLOW_PATH, () -> new Session(false));
    }

    /** How many sessions are reading a subscription now; each ends its reader when it ends. */
    int activeReaders() {
        return readers.size();
    }

    /** One WebSocket connection; Helidon calls it on the connection's thread, one call at a time. */
    private final class Session implements WsListener {

        private final boolean starts;
        private final StringBuilder firstFrame = new StringBuilder();
        private int firstFrameBytes;
        private boolean frameReceived;
        private HttpPrologue prologue;
        private Optional<String> host = Optional.empty();
        private Headers upgradeHeaders;
        private volatile Thread reader;

        Session(boolean starts) {
            this.starts = starts;
        }

        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
            // the listener sees neither path parameters nor a ServerRequest: keep what it needs for onOpen
            this.prologue = prologue;
            this.host = headers.first(HeaderNames.HOST);
            this.upgradeHeaders = headers;
            return Optional.empty();
        }

        @Override
        public void onOpen(WsSession session) {
            if (starts) {
                return;
            }
            String raw = prologue.uriPath().path().substring(FOLLOW_PREFIX.length());
            UUID id;
            try {
                id = UUID.fromString(raw);
            } catch (IllegalArgumentException e) {
                close(session, WsCloseCodes.VIOLATED_POLICY, "no search with id '" + Requests.printable(raw) + "'");
                return;
            }
            Optional<Long> after = lastEventId(prologue);
            if (after.isEmpty()) {
                close(session, WsCloseCodes.VIOLATED_POLICY,
                        SearchHttpService.LAST_EVENT_ID_PARAM + " must be the id of an event already received");
                return;
            }
            Optional<EventSubscription> subscription = subscribe.subscribe(id, after.get());
            if (subscription.isEmpty()) {
                close(session, WsCloseCodes.VIOLATED_POLICY, "no search with id '" + id + "' (unknown or expired)");
                return;
            }
            follow(session, id, subscription.get());
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            if (!starts || frameReceived) {
                return;
            }
            firstFrameBytes += text.getBytes(StandardCharsets.UTF_8).length;
            if (firstFrameBytes > maxFrameBytes) {
                frameReceived = true;
                refuse(session, WsCloseCodes.TOO_BIG, "body", "must be at most " + maxFrameBytes + " bytes");
                return;
            }
            firstFrame.append(text);
            if (last) {
                frameReceived = true;
                start(session, firstFrame.toString());
            }
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            stopReading();
        }

        @Override
        public void onError(WsSession session, Throwable t) {
            LOG.log(Level.DEBUG, "WebSocket session failed: {0}", t.toString());
            stopReading();
        }

        private void start(WsSession session, String frame) {
            Optional<Duration> wait = rateLimiter.tryAcquire(origin(session).client());
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                refuse(session, WsCloseCodes.TRY_AGAIN_LATER, null,
                        "too many searches from this client; try again in " + seconds + " s");
                return;
            }
            StartSearchCommand command;
            try {
                command = Requests.readJson(frame.getBytes(StandardCharsets.UTF_8), SearchFrameJson.class).toCommand();
            } catch (ProblemException e) {
                refuse(session, isJson(frame) ? WsCloseCodes.VIOLATED_POLICY : WsCloseCodes.CANNOT_ACCEPT,
                        e.field(), e.detail());
                return;
            } catch (InvalidValueException e) {
                refuse(session, WsCloseCodes.VIOLATED_POLICY, e.field(), e.reason());
                return;
            }
            SearchTicket ticket;
            try {
                ticket = startSearch.startSearch(command);
            } catch (ServiceClosedException shuttingDown) {
                refuse(session, WsCloseCodes.TRY_AGAIN_LATER, null, "the service is shutting down; try again shortly");
                return;
            }
            send(session, WsFrameJson.connection("search_started", SearchStartedJson.from(ticket, baseUrl(session))));
            Optional<EventSubscription> subscription = subscribe.subscribe(ticket.searchId(), 0);
            if (subscription.isEmpty()) {
                // the search was just started: only a core that already forgot it could get here
                close(session, WsCloseCodes.UNEXPECTED_CONDITION, "the search " + ticket.searchId() + " is gone");
                return;
            }
            follow(session, ticket.searchId(), subscription.get());
        }

        private void follow(WsSession session, UUID searchId, EventSubscription subscription) {
            Thread thread = Thread.ofVirtual().name("ws-search-" + searchId)
                    .unstarted(() -> read(session, searchId, subscription));
            readers.add(thread);
            reader = thread;
            thread.start();
        }

        private void stopReading() {
            Thread thread = reader;
            if (thread != null) {
                thread.interrupt();
            }
        }

        private String baseUrl(WsSession session) {
            PeerInfo local = session.socketContext().localPeer();
            String localHost = local.host().contains(":") ? "[" + local.host() + "]" : local.host();
            TrustedProxies.Origin origin = origin(session);
            return Requests.baseUrl(origin.scheme().orElse(session.socketContext().isSecure() ? "https" : "http"),
                    origin.host().or(() -> host), localHost + ":" + local.port());
        }

        /** Where the upgrade request came from, believing its forwarding headers only from a trusted proxy. */
        private TrustedProxies.Origin origin(WsSession session) {
            String peer = session.socketContext().remotePeer().host();
            return upgradeHeaders == null ? new TrustedProxies.Origin(peer, Optional.empty(), Optional.empty())
                    : trustedProxies.origin(peer, upgradeHeaders);
        }
    }

    /** Runs on the session's reader thread until the search ends, the client leaves or a send fails. */
    private void read(WsSession session, UUID searchId, EventSubscription subscription) {
        try (subscription) {
            while (true) {
                Optional<RecordedEvent> next = subscription.next(heartbeatInterval);
                if (next.isPresent()) {
                    RecordedEvent recorded = next.get();
                    send(session, new WsFrameJson(recorded.event().name(), recorded.sequence(), EventJson.data(recorded.event())));
                    if (recorded.event().isTerminal()) {
                        close(session, WsCloseCodes.NORMAL_CLOSE, "search " + recorded.event().name());
                        return;
                    }
                } else if (subscription.isFinished()) {
                    // resumed after the last event: nothing more will come
                    close(session, WsCloseCodes.NORMAL_CLOSE, "search already ended");
                    return;
                } else {
                    send(session, WsFrameJson.connection("heartbeat", new EventJson.HeartbeatData(Instant.now(clock))));
                }
            }
        } catch (InterruptedException e) {
            LOG.log(Level.DEBUG, "WebSocket of search {0} ended: the client closed it", searchId);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "WebSocket of search {0} ended: the client went away ({1})", searchId, e.toString());
        } finally {
            readers.remove(Thread.currentThread());
        }
    }

    private static Optional<Long> lastEventId(HttpPrologue prologue) {
        Optional<String> raw = prologue.query().first(SearchHttpService.LAST_EVENT_ID_PARAM).asOptional()
                .map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.of(0L);
        }
        try {
            long id = Long.parseLong(raw.get());
            return id < 0 ? Optional.empty() : Optional.of(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isJson(String frame) {
        try {
            return !Json.MAPPER.readTree(frame).isMissingNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** An error frame naming what is wrong, then the close. */
    private static void refuse(WsSession session, int code, String field, String detail) {
        send(session, WsFrameJson.connection("error", new WsFrameJson.RefusalData(field, detail)));
        close(session, code, (field == null ? "" : field + " ") + detail);
    }

    private static void send(WsSession session, WsFrameJson frame) {
        session.send(Json.text(frame), true);
    }

    private static void close(WsSession session, int code, String reason) {
        session.close(code, fitReason(reason));
    }

    /** A reason cut to what a close frame can carry, on a character boundary. */
    static String fitReason(String reason) {
        String clean = Requests.printable(reason);
        while (clean.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            clean = clean.substring(0, clean.offsetByCodePoints(clean.length(), -2)) + "…";
        }
        return clean;
    }
}
