package gt.dondelocompro.adapters.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.webserver.websocket.WsConfig;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The HTTP/1.1 connections of the server (it wraps Helidon's own HTTP/1.1 selector, WebSocket upgrades included, and
 * is placed before it), with two limits Helidon 4.5 does not give:
 * <ul>
 *     <li>at most {@code max} at once: the one over the cap is answered {@code 503} with a problem body and
 *     {@code Retry-After}, then closed. (Helidon's {@code maxTcpConnections} only stops accepting, which leaves the
 *     next client in the kernel's backlog with no answer.)</li>
 *     <li>a read timeout: a connection that has sent part of a request (half its headers, a body shorter than its
 *     {@code Content-Length}) and then nothing for {@code readTimeout} is closed. (Helidon's socket read timeout is
 *     not applied to the channels its server reads.) A connection waiting between requests is Helidon's idle
 *     timeout's; an upgraded one (WebSocket) and one being answered (an event stream) are not waiting to read.</li>
 * </ul>
 * It also answers what Helidon's selector turns away without a word, each with a problem body before closing: a
 * first request line of another HTTP version ({@code HTTP/1.0}, {@code HTTP/2.0} in text) {@code 426 Upgrade
 * Required} with {@code Upgrade: HTTP/1.1}, one outside HTTP's grammar {@code 400}, one longer than the prologue
 * limit {@code 414}.
 */
final class ConnectionGuard implements ServerConnectionSelector {

    static final int RETRY_AFTER_SECONDS = 5;
    private static final System.Logger LOG = System.getLogger(ConnectionGuard.class.getName());
    /** A request line of HTTP's grammar (RFC 9112 section 3) with a version other than 1.1. */
    private static final Pattern OTHER_VERSION = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+ \\S+ HTTP/\\d\\.\\d");

    private final ServerConnectionSelector http1;
    private final int max;
    private final long readTimeoutNanos;
    private final byte[] refusal;
    private final int maxPrologueLength;
    private final Map<ConnectionContext, Watched> open = new ConcurrentHashMap<>();
    private final AtomicBoolean watching = new AtomicBoolean();

    ConnectionGuard(int max, Duration readTimeout) {
        this.max = max;
        this.readTimeoutNanos = readTimeout.toNanos();
        this.refusal = refusal(max);
        Http1Config http1Config = Http1Config.builder()
                .addReceiveListener(new Received())
                .addSendListener(new Sent())
                .build();
        this.maxPrologueLength = http1Config.maxPrologueLength();
        this.http1 = new Http1ConnectionProvider().create("@default", http1Config,
                ProtocolConfigs.create(List.of(WsConfig.create())));
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    /** Helidon's answer, except that what it would refuse silently is taken, to be answered 505 or 414. */
    @Override
    public Support supports(BufferData data) {
        Support http11 = http1.supports(data);
        return http11 == Support.UNSUPPORTED ? Support.SUPPORTED : http11;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        byte[] notHttp11 = notHttp11(ctx.dataReader().getBuffer(ctx.dataReader().available()));
        if (notHttp11 != null) {
            return new Refused(ctx, notHttp11, "a request that is not HTTP/1.1", Level.DEBUG);
        }
        Watched watched = new Watched(ctx);
        if (open.putIfAbsent(ctx, watched) != null || open.size() > max) {
            open.remove(ctx, watched);
            return new Refused(ctx, refusal, max + " connections open", Level.WARNING);
        }
        watched.delegate = http1.connection(ctx);
        startWatching();
        return watched;
    }

    private void startWatching() {
        if (watching.compareAndSet(false, true)) {
            Thread.ofVirtual().name("connection-read-timeout").start(this::watch);
        }
    }

    /** Runs while connections are open, closing those that stopped sending halfway through a request. */
    private void watch() {
        long period = Math.max(Duration.ofMillis(50).toNanos(), readTimeoutNanos / 4);
        try {
            while (true) {
                Thread.sleep(Duration.ofNanos(period));
                long now = System.nanoTime();
                open.values().stream().filter(w -> w.stalled(now)).forEach(Watched::cutOff);
                if (open.isEmpty()) {
                    watching.set(false);
                    if (open.isEmpty() || !watching.compareAndSet(false, true)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            watching.set(false);
        }
    }

    /**
     * The answer to a connection whose first bytes Helidon's HTTP/1.1 selector refused, or null when it takes them:
     * {@code 426} with {@code Upgrade: HTTP/1.1} for a well-formed request line of another version ({@code HTTP/1.0},
     * {@code HTTP/2.0} in text), {@code 400} for a request line that does not match HTTP's grammar (no version, a
     * lowercase one), {@code 414} for one longer than the prologue limit.
     */
    private byte[] notHttp11(BufferData first) {
        if (http1.supports(first) != Support.UNSUPPORTED) {
            return null;
        }
        first.rewind();
        int lf = first.indexOf((byte) '\n');
        if (lf < 0) {
            return answer(Status.REQUEST_URI_TOO_LONG_414, "the request line is longer than " + maxPrologueLength + " bytes", "");
        }
        String line = first.readString(lf, StandardCharsets.ISO_8859_1).stripTrailing();
        if (OTHER_VERSION.matcher(line).matches()) {
            return answer(Status.UPGRADE_REQUIRED_426, "this server speaks HTTP/1.1: send the request as HTTP/1.1",
                    "Upgrade: HTTP/1.1\r\n");
        }
        return answer(Status.BAD_REQUEST_400,
                "the request line must be a method, a target and HTTP/1.1, separated by single spaces", "");
    }

    private static byte[] refusal(int max) {
        return answer(Status.SERVICE_UNAVAILABLE_503,
                "the server has " + max + " connections open, its most; try again in " + RETRY_AFTER_SECONDS + " s",
                "Retry-After: " + RETRY_AFTER_SECONDS + "\r\n");
    }

    /** A complete answer that closes the connection: status line, headers (and {@code extraHeaders}), a problem body. */
    private static byte[] answer(Status status, String detail, String extraHeaders) {
        byte[] body = Json.bytes(ProblemJson.of(status, detail, null, ""));
        String head = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
                + "Content-Type: " + ProblemJson.MEDIA_TYPE + "\r\n"
                + extraHeaders
                + "X-Content-Type-Options: nosniff\r\n"
                + "Content-Security-Policy: " + SecurityHeaders.CONTENT_SECURITY_POLICY + "\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** An open connection under the cap: counted until it ends, and whether it is waiting for the rest of a request. */
    private final class Watched implements ServerConnection {
        private final ConnectionContext ctx;
        private volatile ServerConnection delegate;
        private volatile long lastReceived = System.nanoTime();
        // accepted: the first request is under way until it is complete (its first bytes may already have been read
        // while the connection was identified, before the listeners see any)
        private volatile boolean partialRequest = true;
        private volatile boolean upgraded;

        Watched(ConnectionContext ctx) {
            this.ctx = ctx;
        }

        boolean stalled(long now) {
            return partialRequest && !upgraded && now - lastReceived > readTimeoutNanos;
        }

        void cutOff() {
            LOG.log(Level.DEBUG, "closing a connection from {0}: half a request and nothing more for {1} ms",
                    ctx.remotePeer().host(), readTimeoutNanos / 1_000_000);
            open.remove(ctx, this);
            delegate.close(true);
        }

        @Override
        public void handle(Limit limit) throws InterruptedException {
            try {
                delegate.handle(limit);
            } finally {
                open.remove(ctx, this);
            }
        }

        /**
         * An upgraded connection (a WebSocket following a search) is never idle to Helidon's idle timeout: the client
         * may never send a frame while the server sends events and heartbeats, and a client gone is noticed when a
         * heartbeat cannot be sent.
         */
        @Override
        public Duration idleTime() {
            return upgraded ? Duration.ZERO : delegate.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            delegate.close(interrupt);
        }
    }

    /** Bytes of a request arrived: it is under way until its headers say it has no body, or it is answered. */
    private final class Received implements Http1ConnectionListener {
        @Override
        public void data(ConnectionContext ctx, BufferData data) {
            received(ctx);
        }

        @Override
        public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
            received(ctx);
        }

        private void received(ConnectionContext ctx) {
            Watched watched = open.get(ctx);
            if (watched != null) {
                watched.lastReceived = System.nanoTime();
                watched.partialRequest = true;
            }
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            Watched watched = open.get(ctx);
            if (watched == null) {
                return;
            }
            if (headers.contains(HeaderNames.UPGRADE)) {
                watched.upgraded = true;
            }
            boolean body = headers.contains(HeaderNames.TRANSFER_ENCODING)
                    || headers.first(HeaderNames.CONTENT_LENGTH).filter(length -> !length.strip().equals("0")).isPresent();
            if (!body) {
                watched.partialRequest = false;
            }
        }
    }

    /** The server answers: whatever it was reading is over. */
    private final class Sent implements Http1ConnectionListener {
        @Override
        public void data(ConnectionContext ctx, BufferData data) {
            sent(ctx);
        }

        @Override
        public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
            sent(ctx);
        }

        private void sent(ConnectionContext ctx) {
            Watched watched = open.get(ctx);
            if (watched != null) {
                watched.partialRequest = false;
            }
        }
    }

    /**
     * A connection over the cap, or one that does not speak HTTP/1.1: its answer is written at once, and the handler
     * then closes the socket.
     */
    private static final class Refused implements ServerConnection {
        private final ConnectionContext ctx;
        private final byte[] answer;
        private final String why;
        private final Level level;

        Refused(ConnectionContext ctx, byte[] answer, String why, Level level) {
            this.ctx = ctx;
            this.answer = answer;
            this.why = why;
            this.level = level;
        }

        @Override
        public void handle(Limit limit) {
            LOG.log(level, "refused a connection from {0}: {1}", ctx.remotePeer().host(), why);
            // what the client sent so far is read, so that closing does not reset the connection before it reads
            if (ctx.dataReader().available() > 0) {
                ctx.dataReader().skip(ctx.dataReader().available());
            }
            ctx.dataWriter().writeNow(BufferData.create(answer));
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
        }
    }
}
