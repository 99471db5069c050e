package gt.dondelocompro.adapters.scraping.http;

import gt.dondelocompro.domain.FailureKind;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * The one way store adapters reach the network, polite by construction: robots.txt obeyed, per-host spacing
 * and concurrency shared by all searches, timeouts, retries with backoff and jitter that honour
 * {@code Retry-After}, a body-size cap, gzip, TLS verification (the JDK default, never turned off), redirects
 * followed by hand under {@link RedirectRule}, and a truthful User-Agent. Share one instance per process.
 */
public final class PoliteHttpClient implements AutoCloseable {

    public static final String DEFAULT_USER_AGENT = "DondeLoCompro/0.1 (+https://dondelocompro.gt/bot)";
    /** The product token matched against robots.txt groups, whatever User-Agent a store rotates. */
    public static final String ROBOTS_AGENT = "DondeLoCompro";

    /**
     * Client-wide behaviour. {@code maxAttempts} counts the first try; {@code backoffBase} doubles per retry with
     * random jitter of up to the same amount; a {@code Retry-After} longer than {@code maxRetryAfter} is not
     * waited for (the search would be over by then) and the status is reported instead.
     */
    public record Settings(String userAgent, int maxAttempts, Duration backoffBase, Duration maxRetryAfter,
                           Duration robotsTtl, Duration robotsUnreachableTtl) {
        public Settings {
            Objects.requireNonNull(userAgent, "userAgent");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            Objects.requireNonNull(backoffBase, "backoffBase");
            Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            Objects.requireNonNull(robotsTtl, "robotsTtl");
            Objects.requireNonNull(robotsUnreachableTtl, "robotsUnreachableTtl");
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_USER_AGENT, 3, Duration.ofMillis(250), Duration.ofSeconds(5),
                    Duration.ofHours(24), Duration.ofMinutes(2));
        }

        public Settings withMaxAttempts(int attempts) {
            return new Settings(userAgent, attempts, backoffBase, maxRetryAfter, robotsTtl, robotsUnreachableTtl);
        }

        public Settings withBackoffBase(Duration base) {
            return new Settings(userAgent, maxAttempts, base, maxRetryAfter, robotsTtl, robotsUnreachableTtl);
        }
    }

    /** One raw exchange: status, headers and the still-encoded body. */
    record Answer(URI uri, int status, HttpHeaders headers, byte[] body) {
    }

    private record ClientKey(InetSocketAddress proxy, Duration connectTimeout) {
    }

    private final Settings settings;
    private final Clock clock;
    private final HostGates gates;
    private final GateObserver gateObserver;
    private final ConcurrentMap<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private final ConcurrentMap<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();
    private final RedirectRule redirects = RedirectRule.usingDns();
    private final RobotsCache robots;

    public PoliteHttpClient(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * {@code clock} tells the time for {@code Retry-After} dates and robots.txt expiry; the spacing between
     * requests is real waiting, so it keeps to {@link System#nanoTime()}.
     */
    public PoliteHttpClient(Settings settings, Clock clock) {
        this(settings, clock, HostGates.inProcess(clock), GateObserver.NONE);
    }

    /**
     * {@code clock} also reads the deadlines of {@link FetchContext}s; {@code gates} is where requests wait for
     * their host's turn ({@link HostGates#inProcess} for one process); {@code gateObserver} is told each wait.
     */
    public PoliteHttpClient(Settings settings, Clock clock, HostGates gates, GateObserver gateObserver) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.gateObserver = Objects.requireNonNull(gateObserver, "gateObserver");
        this.robots = new RobotsCache(ROBOTS_AGENT, settings.robotsTtl(), settings.robotsUnreachableTtl(), clock,
                (uri, options, context) -> exchange(FetchRequest.get(uri, "text/plain"), options, context), redirects);
    }

    public static PoliteHttpClient withDefaults() {
        return new PoliteHttpClient(Settings.defaults());
    }

    /** The default settings, gates in this process, each wait told to {@code gateObserver}. */
    public static PoliteHttpClient withDefaults(GateObserver gateObserver) {
        Clock clock = Clock.systemUTC();
        return new PoliteHttpClient(Settings.defaults(), clock, HostGates.inProcess(clock), gateObserver);
    }

    /**
     * The default settings, gates in this process and then {@code sharedGates}' of all instances together
     * ({@link HostGates#shared}), each wait told to {@code gateObserver}.
     */
    public static PoliteHttpClient withSharedGates(gt.dondelocompro.application.port.out.HostGates sharedGates,
                                                   GateObserver gateObserver) {
        Clock clock = Clock.systemUTC();
        return new PoliteHttpClient(Settings.defaults(), clock, HostGates.shared(clock, sharedGates), gateObserver);
    }

    /** How many requests of the store {@code storeId} are waiting at their host's gate now. */
    public int waiting(String storeId) {
        AtomicInteger n = waiting.get(storeId);
        return n == null ? 0 : n.get();
    }

    /**
     * GETs {@code uri} and returns a 2xx answer, or throws a typed failure: ROBOTS, TIMEOUT (no answer, after
     * retries), BLOCKED (401/403, a redirect {@link RedirectRule} refuses or one too many, a body over the cap,
     * headers over the JDK's limit), PARSE (not HTTP at all), HTTP_STATUS (anything else).
     * Throws {@link InterruptedException} as soon as the calling thread is interrupted.
     */
    public FetchResponse get(URI uri, FetchOptions options, String accept) throws FetchException, InterruptedException {
        return fetch(FetchRequest.get(uri, accept), options);
    }

    /**
     * Sends {@code request} (GET or POST) under the same rules as {@link #get}: robots.txt is asked about its path
     * and query whatever the method, and the answer is typed the same way. Also UNREACHABLE: the host refused the
     * connection, is unknown to DNS, or failed the TLS handshake.
     */
    public FetchResponse fetch(FetchRequest request, FetchOptions options) throws FetchException, InterruptedException {
        String host = request.uri().getHost();
        return fetch(request, options, FetchContext.unbounded(host == null ? "?" : host));
    }

    /**
     * {@link #fetch(FetchRequest, FetchOptions)} on behalf of {@code context}: every request it makes (robots.txt,
     * retries, redirects) waits at its host's gate only while the context still wants the answer, and is refused
     * BUSY at once when the host cannot answer before the context's deadline (see {@link HostGates#await}).
     */
    public FetchResponse fetch(FetchRequest request, FetchOptions options, FetchContext context)
            throws FetchException, InterruptedException {
        URI uri = request.uri();
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + uri);
        }
        Objects.requireNonNull(context, "context");
        FetchRequest call = request;
        for (int hop = 0; ; hop++) {
            URI current = call.uri();
            robots.check(current, options, context);
            Answer answer = withRetries(call, options, context);
            int status = answer.status();
            if (status >= 300 && status < 400 && status != 304) {
                call = call.redirectedTo(followRedirect(request, call, answer, hop, options), status);
                continue;
            }
            if (status >= 200 && status < 300) {
                byte[] body;
                try {
                    body = decode(answer, options.maxBodyBytes());
                } catch (CappedBodySubscriber.BodyTooLargeException e) {
                    throw new FetchException(FailureKind.BLOCKED, call + " sent a body of "
                            + answer.body().length + " bytes that is larger than the cap of " + options.maxBodyBytes()
                            + " bytes once inflated; inflating was stopped there");
                } catch (IOException e) {
                    throw new FetchException(FailureKind.PARSE, call + " answered a body that could not be decoded ("
                            + describe(e) + ")");
                }
                return new FetchResponse(current, status, answer.headers().firstValue("content-type").orElse(""), body);
            }
            throw statusFailure(call, answer);
        }
    }

    private URI followRedirect(FetchRequest original, FetchRequest call, Answer answer, int hop, FetchOptions options)
            throws FetchException {
        URI current = call.uri();
        String location = answer.headers().firstValue("location").orElseThrow(() -> new FetchException(
                FailureKind.HTTP_STATUS, answer.status(), call + " answered HTTP " + answer.status() + " without a Location header"));
        URI next;
        try {
            next = redirects.next(current, location, options.redirectHosts());
        } catch (RedirectRule.Refused refused) {
            throw new FetchException(FailureKind.BLOCKED, call + " redirected to " + refused.target
                    + ", which is not followed: " + refused.getMessage()
                    + " (often a captcha or a moved store: check the store's base_url and allowed_hosts)");
        }
        if (hop >= RedirectRule.MAX_HOPS) {
            throw new FetchException(FailureKind.BLOCKED, original + " redirected more than "
                    + RedirectRule.MAX_HOPS + " times");
        }
        return next;
    }

    private Answer withRetries(FetchRequest call, FetchOptions options, FetchContext context)
            throws FetchException, InterruptedException {
        URI uri = call.uri();
        int attempts = settings.maxAttempts();
        // what a retry the gate refuses (busy, no time left) leaves as the answer: the last attempt's own outcome
        Answer retriedAnswer = null;
        FetchException retriedFailure = null;
        for (int attempt = 1; ; attempt++) {
            Answer answer;
            try {
                answer = exchange(call, options, context);
            } catch (FetchException refusedAtGate) {
                if (retriedAnswer != null) {
                    return retriedAnswer;
                }
                if (retriedFailure != null) {
                    throw new FetchException(retriedFailure.kind(), retriedFailure.getMessage()
                            + "; not tried again: " + refusedAtGate.getMessage());
                }
                throw refusedAtGate;
            } catch (CappedBodySubscriber.BodyTooLargeException e) {
                throw tooLarge(uri, options.maxBodyBytes());
            } catch (HttpTimeoutException e) {
                FetchException timedOut = new FetchException(FailureKind.TIMEOUT, call + " got no complete answer within "
                        + options.timeout().toMillis() + " ms (" + attempt + " attempts); raise timeout_ms or try later");
                if (attempt >= attempts) {
                    throw timedOut;
                }
                retriedFailure = timedOut;
                retriedAnswer = null;
                Thread.sleep(backoff(attempt).toMillis());
                continue;
            } catch (IOException e) {
                Optional<FetchException> refused = refusedAnswer(call, e);
                if (refused.isPresent()) {
                    throw refused.get();
                }
                Unreachable unreachable = unreachable(e);
                FetchException failed = unreachable == Unreachable.NO
                        // the connection was made but dropped or reset: closest to "did not answer in time"
                        ? new FetchException(FailureKind.TIMEOUT, call + " could not be completed: "
                                + describe(e) + " (" + attempt + " attempts)")
                        : new FetchException(FailureKind.UNREACHABLE, call + " could not reach the store: "
                                + describe(rootCause(e)) + (unreachable == Unreachable.AT_ONCE ? "" : " (" + attempt + " attempts)")
                                + "; check the store's base_url, or whether the site is down");
                if (unreachable == Unreachable.AT_ONCE || attempt >= attempts) {
                    throw failed;
                }
                retriedFailure = failed;
                retriedAnswer = null;
                Thread.sleep(backoff(attempt).toMillis());
                continue;
            }
            if (isRetryable(answer.status()) && attempt < attempts) {
                Optional<Duration> retryAfter = retryAfter(answer.headers(), clock.instant());
                if (retryAfter.isPresent() && retryAfter.get().compareTo(settings.maxRetryAfter()) > 0) {
                    return answer;
                }
                retriedAnswer = answer;
                retriedFailure = null;
                Thread.sleep(retryAfter.isPresent() ? retryAfter.get().toMillis() : backoff(attempt).toMillis());
                continue;
            }
            return answer;
        }
    }

    /**
     * An answer the JDK client refused to read (headers over its limit, no HTTP status line, broken framing): the
     * store did answer, so it is typed at once and not retried; the same request would get the same answer.
     */
    /** How an I/O failure says the host cannot be reached: not at all, at once (DNS, TLS), or after retries (refused). */
    enum Unreachable { NO, AT_ONCE, AFTER_RETRIES }

    static Unreachable unreachable(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof javax.net.ssl.SSLException) {
                return Unreachable.AT_ONCE; // asking again gets the same answer
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException) {
                return Unreachable.AFTER_RETRIES;
            }
        }
        return Unreachable.NO;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null && t != e ? e : t;
    }

    private static Optional<FetchException> refusedAnswer(FetchRequest uri, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProtocolException protocol) {
                String message = String.valueOf(protocol.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("header") && (message.contains("size") || message.contains("too")
                        || message.contains("exceed") || message.contains("limit"))) {
                    return Optional.of(new FetchException(FailureKind.BLOCKED, uri
                            + " answered with response headers larger than we accept (" + describe(protocol) + ")"));
                }
                return Optional.of(new FetchException(FailureKind.PARSE, uri
                        + " answered something that is not a valid HTTP answer (" + describe(protocol) + ")"));
            }
        }
        return Optional.empty();
    }

    private static boolean isRetryable(int status) {
        return status == 429 || (status >= 500 && status <= 599 && status != 501);
    }

    private Duration backoff(int attempt) {
        long base = settings.backoffBase().toMillis() << Math.min(attempt - 1, 10);
        // jitter keeps many searches that failed together from retrying together
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base + 1));
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date ({@code now} until then); a date in the past means "now". */
    static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("retry-after").map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException tooBig) {
                return Optional.of(Duration.ofDays(1));
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * One request through the host's gate; the whole exchange (headers and body) must finish within the timeout.
     * Throws the gate's {@link FetchException} (BUSY, or TIMEOUT when it left the queue unsent).
     */
    Answer exchange(FetchRequest call, FetchOptions options, FetchContext context)
            throws IOException, InterruptedException, FetchException {
        URI uri = call.uri();
        // politeness is per host (whatever the scheme or port); robots.txt is per origin, as RFC 9309 says
        HostGates.Turn turn = awaitTurn(call, options, context);
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(options.timeout())
                    .header("User-Agent", userAgent(options))
                    .header("Accept", call.accept())
                    .header("Accept-Encoding", "gzip");
            call.headers().forEach(builder::header);
            HttpRequest request = call.method().equals("POST")
                    ? builder.POST(HttpRequest.BodyPublishers.ofByteArray(call.body())).build()
                    : builder.GET().build();
            long cap = options.maxBodyBytes();
            CompletableFuture<HttpResponse<byte[]>> future =
                    client(options).sendAsync(request, info -> new CappedBodySubscriber(cap));
            HttpResponse<byte[]> response;
            try {
                response = future.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new HttpTimeoutException("no complete answer within " + options.timeout().toMillis() + " ms");
            } catch (InterruptedException e) {
                future.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                throw rethrowable(e.getCause());
            }
            return new Answer(uri, response.statusCode(), response.headers(), response.body());
        } finally {
            turn.close();
        }
    }

    /** The host's turn for {@code call}, counted in its store's queue while it waits and told to the observer after. */
    private HostGates.Turn awaitTurn(FetchRequest call, FetchOptions options, FetchContext context)
            throws FetchException, InterruptedException {
        AtomicInteger queued = waiting.computeIfAbsent(context.storeId(), id -> new AtomicInteger());
        queued.incrementAndGet();
        long since = System.nanoTime();
        GateObserver.Outcome outcome = GateObserver.Outcome.DROPPED;
        try {
            HostGates.Turn turn = gates.await(call.uri().getHost(), options, context);
            outcome = GateObserver.Outcome.SENT;
            return turn;
        } catch (FetchException refused) {
            outcome = refused.kind() == FailureKind.BUSY ? GateObserver.Outcome.BUSY : GateObserver.Outcome.DROPPED;
            throw new FetchException(refused.kind(), call + ": " + refused.getMessage());
        } finally {
            queued.decrementAndGet();
            try {
                gateObserver.waited(context.storeId(), Duration.ofNanos(System.nanoTime() - since), outcome);
            } catch (RuntimeException ignored) {
                // meters must never fail a fetch
            }
        }
    }

    private static IOException rethrowable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CappedBodySubscriber.BodyTooLargeException tooLarge) {
                throw tooLarge;
            }
            if (t instanceof IOException io) {
                return io;
            }
        }
        return new IOException(cause);
    }

    /** The body without its transfer compression, still within the cap once inflated. */
    static byte[] decode(Answer answer, long cap) throws IOException {
        String encoding = answer.headers().firstValue("content-encoding").orElse("identity").strip().toLowerCase(Locale.ROOT);
        if (encoding.equals("identity") || encoding.isEmpty()) {
            return answer.body();
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw new IOException("unsupported Content-Encoding '" + encoding + "' (we ask for gzip only)");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
            byte[] inflated = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (inflated.length > cap) {
                throw new CappedBodySubscriber.BodyTooLargeException(cap);
            }
            return inflated;
        }
    }

    private String userAgent(FetchOptions options) {
        var agents = options.userAgents();
        return agents.isEmpty() ? settings.userAgent() : agents.get(ThreadLocalRandom.current().nextInt(agents.size()));
    }

    private HttpClient client(FetchOptions options) {
        return clients.computeIfAbsent(new ClientKey(options.proxy(), options.timeout()), key -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(key.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER);
            builder.proxy(key.proxy() == null ? HttpClient.Builder.NO_PROXY : ProxySelector.of(key.proxy()));
            return builder.build();
        });
    }

    private static FetchException tooLarge(URI uri, long cap) {
        return new FetchException(FailureKind.BLOCKED, "GET " + uri + " sent a body larger than the cap of " + cap
                + " bytes; the download was stopped there");
    }

    /**
     * A non-2xx answer typed: 401/403 are the store refusing us; a 429 or 5xx that carries a bot defence's sign
     * (a challenge header or page) is that defence too, {@code blocked}; anything else is {@code http_status}.
     */
    private static FetchException statusFailure(FetchRequest call, Answer answer) {
        int status = answer.status();
        Optional<String> sign = BotDefence.inHeaders(answer.headers());
        if (sign.isEmpty()) {
            sign = BotDefence.inBody(bodyForMarkers(answer));
        }
        if (status == 401 || status == 403) {
            return new FetchException(FailureKind.BLOCKED, status, call + " answered HTTP " + status
                    + ": the store refused us (bot protection or login wall" + sign.map(m -> "; the answer shows '" + m + "'").orElse("")
                    + ")");
        }
        if ((status == 429 || status >= 500) && sign.isPresent()) {
            return new FetchException(FailureKind.BLOCKED, status, call + " answered HTTP " + status
                    + " with a bot defence's challenge ('" + sign.get() + "'): the store's bot protection refused us");
        }
        String retry = answer.headers().firstValue("retry-after").map(v -> " (Retry-After: " + v + ")").orElse("");
        return new FetchException(FailureKind.HTTP_STATUS, status, call + " answered HTTP " + status + retry
                + ", expected 200");
    }

    private static byte[] bodyForMarkers(Answer answer) {
        try {
            return decode(answer, 64 * 1024);
        } catch (IOException | RuntimeException e) {
            return answer.body();
        }
    }

    static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
    }
}
