package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.http.RawHttp.Answer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzed requests over a bare socket against a server built as the bootstrap builds it: random methods (invalid ones
 * included), every path of the contract with mutated segments and parameters, random and invalid headers, random
 * bodies and chunking, NULs, huge values, truncated requests. No answer is a 5xx, with two exceptions counted apart:
 * 501 where HTTP prescribes it (a transfer coding or a method the server does not implement, RFC 9112 section 6.1,
 * RFC 9110 section 9.1), and a connection-cap 503 with Retry-After (not expected at this concurrency); the service is healthy
 * afterwards with its heap back near where it started. {@code -Dfuzz.requests=10000} (default 1,000),
 * {@code -Dfuzz.seed=} to replay a run, {@code -Dfuzz.debug=true} to print the requests closed without an answer.
 */
class FuzzServerTest {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 1_000);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int CLIENTS = 8;

    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "HEAD", "OPTIONS",
            "PATCH", "TRACE", "CONNECT", "BREW", "get", "G\u0000ET", "GE\u0001T", "GET\u007f", "{}", "G(T", "",
            "M".repeat(300), "POST\t", "\u00e9T"};
    private static final String[] PARAMS = {"days", "limit", "vendor_id", "last_event_id", "use_cache", "brand",
            "category", "min_price", "max_price", "in_stock", "q", "query"};
    private static final String[] VALUES = {"1", "7", "0", "-1", "366", "99999999999999999999", "abc", "%00", "%0A",
            "%ZZ", "%", "true", "false", "1.5", "1e309", "NaN", "%F0%9F%98%80", "%ED%A0%80", "cemaco", "", "+",
            "a".repeat(5_000), "%C0%AF"};
    private static final String[] HEADERS = {"Accept: */*", "Accept: application/json", "Accept: text/event-stream",
            "Accept: \u0000", "Content-Type: application/json", "Content-Type: text/plain", "Content-Type: ;;;",
            "Last-Event-ID: 3", "Last-Event-ID: -7", "Last-Event-ID: 99999999999999999999", "Last-Event-ID: x\u0001",
            "If-None-Match: *", "If-None-Match: \"x\"", "If-Match: *", "If-Modified-Since: yesterday",
            "Origin: https://evil.example", "Origin: null", "X-Forwarded-For: 1.2.3.4, ::1, garbage",
            "Forwarded: for=\"[::1]\";proto=gopher", "Connection: upgrade", "Upgrade: websocket", "Upgrade: h2c",
            "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: ???",
            "Range: bytes=5-1", "Range: bytes=0-", "Expect: 100-continue", "Expect: teapot", "Accept-Encoding: gzip",
            "Content-Encoding: gzip", "Transfer-Encoding: gzip", "Transfer-Encoding: chunked, chunked", "X-Empty:",
            "NoColonHeader", " Leading: space", "Bad Name: x", "X-Nul: a\u0000b", "X-Ctl: \u001b[31m",
            "X-Latin: \u00ff\u00fe", "Cookie: a=b; a=c", "Authorization: Bearer x", "Host: other.example",
            "Content-Length: -1", "Content-Length: 99999999999999999999", "Content-Length: 1, 2", "Content-Length: abc"};
    private static final String[] BODIES = {"{\"query\":\"licuadora\"}", "{\"query\":\"licuadora\",\"max_results\":5}",
            "{\"query\":\"licuadora\"} trailing", "{\"query\":\"a\"}{\"query\":\"b\"}", "{\"query\":\"a\",\"query\":\"b\"}",
            "{\"query\":\"a\",\"max_results\":\"5\"}", "{\"query\":\"\\ud800\"}", "{\"query\":\"a\\u0000b\"}",
            "{\"query\":null}", "{\"query\":123}", "[]", "null", "\"x\"", "{", "}", "", "{\"query\":\"" + "x".repeat(100_000)
            + "\"}", "[".repeat(20_000), "{\"a\":".repeat(5_000), "\u0000\u0000\u0000", "{\"query\":\"licuadora\",\"x\":1}",
            "{\"query\":\"licuadora\",\"max_results\":1e400}", "{\"query\":\"\u00e9\u00e8\"}"};

    @Test
    void fuzzedRequestsNeverGetA5xxAndTheServiceStaysHealthy() throws Exception {
        try (TestServer server = TestServer.start(HttpSettings.defaults("fuzz"))) {
            int port = server.port();
            Answer first = RawHttp.exchange(port, "POST /search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 20\r\nConnection: close\r\n\r\n{\"query\":\"oster 1\"}");
            JsonNode started = WebSocketConnection.JSON.readTree(first.body());
            String searchId = started.path("search_id").asText();
            List<String> templates = new ArrayList<>();
            OpenApiContract.readYaml(OpenApiContract.RESOURCE).get("paths").fieldNames().forEachRemaining(templates::add);
            templates.addAll(List.of("/observe/health", "/observe/metrics", "/nowhere", "/search/" + searchId + "/results",
                    "/search/" + searchId + "/events", "/web/index.html", "/web/app.js"));
            // warm up, so the heap figure before is not the cold one
            for (int i = 0; i < 20; i++) {
                RawHttp.exchange(port, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            }
            long heapBefore = heapAfterGc();

            Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
            Map<String, String> examples = new ConcurrentHashMap<>();
            Map<String, Boolean> examplesOfNoAnswer = new ConcurrentHashMap<>();
            AtomicLong slowest = new AtomicLong();
            long start = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    Random random = new Random(SEED + c);
                    int share = REQUESTS / CLIENTS + (c < REQUESTS % CLIENTS ? 1 : 0);
                    done.add(clients.submit(() -> {
                        for (int i = 0; i < share; i++) {
                            Fuzzed request = fuzz(random, templates, searchId);
                            Answer answer = send(port, request);
                            slowest.accumulateAndGet(answer.after().toMillis(), Math::max);
                            String key = answer.status() == 0 ? (!answer.closed() ? "no answer in 5 s"
                                    : request.halfClose() ? "closed, truncated request" : "closed without answer")
                                    : connectionCap(answer) ? "503 (connection cap, Retry-After)"
                                    : prescribed501(request, answer) ? "501 (not implemented, as HTTP prescribes)"
                                    : String.valueOf(answer.status());
                            byStatus.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                            if (answer.status() == 0 && !request.halfClose() && Boolean.getBoolean("fuzz.debug")) {
                                examplesOfNoAnswer.putIfAbsent(printable(request.bytes(), 150), true);
                            }
                            if (answer.status() >= 500 && !connectionCap(answer) && !prescribed501(request, answer)) {
                                examples.putIfAbsent(key, printable(request.bytes(), 600) + "\n→ " + printable(
                                        answer.text().getBytes(StandardCharsets.ISO_8859_1), 600));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                clients.shutdownNow();
            }
            if (Boolean.getBoolean("fuzz.debug")) {
                examplesOfNoAnswer.keySet().forEach(r -> System.out.println("closed without answer: " + r.replace("\n\n", "\n")));
            }
            long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
            Answer health = RawHttp.exchange(port, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            long heapAfter = heapAfterGc();

            Map<String, Integer> counts = new TreeMap<>();
            byStatus.forEach((k, v) -> counts.put(k, v.get()));
            System.out.printf("fuzz: %,d requests (seed %d, %d clients) in %,d ms, slowest answer %,d ms; by status: %s%n",
                    REQUESTS, SEED, CLIENTS, elapsed, slowest.get(), counts);
            System.out.printf("fuzz: heap used after GC %,d KB before, %,d KB after; /health %d%n",
                    heapBefore / 1024, heapAfter / 1024, health.status());

            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
            assertThat(examples).as("5xx answers (seed %d), one example each", SEED).isEmpty();
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(64L * 1024 * 1024);
        }
    }

    /** A request as bytes; {@code halfClose} ends it with a FIN instead of completing it (a truncated request). */
    private record Fuzzed(byte[] bytes, boolean halfClose) {
    }

    private static Fuzzed fuzz(Random random, List<String> templates, String searchId) {
        String method = pick(random, METHODS);
        String path = mutate(random, pick(random, templates), searchId);
        if (random.nextInt(3) == 0) {
            StringBuilder query = new StringBuilder("?");
            for (int i = random.nextInt(4); i >= 0; i--) {
                query.append(pick(random, PARAMS)).append('=').append(pick(random, VALUES)).append('&');
            }
            path += query;
        }
        String version = switch (random.nextInt(20)) {
            case 0 -> "HTTP/1.0";
            case 1 -> "HTTP/2.0";
            case 2 -> "HTTP/9.9";
            case 3 -> "http/1.1";
            case 4 -> "";
            default -> "HTTP/1.1";
        };
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(' ').append(version).append("\r\n");
        if (random.nextInt(10) != 0) {
            head.append("Host: localhost\r\n");
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            head.append(pick(random, HEADERS)).append("\r\n");
        }
        if (random.nextInt(40) == 0) {
            head.append("X-Huge: ").append("h".repeat(random.nextInt(200_000))).append("\r\n");
        }
        if (random.nextInt(40) == 0) {
            head.append("X-Folded: a\r\n  folded\r\n");
        }
        byte[] body = random.nextInt(3) == 0 ? randomBytes(random) : pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
        boolean hasBody = method.startsWith("P") || random.nextInt(5) == 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (hasBody && random.nextInt(3) == 0) {
            head.append("Transfer-Encoding: chunked\r\n");
            closeAndEnd(random, head);
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(chunked(random, body));
        } else {
            if (hasBody) {
                int length = switch (random.nextInt(8)) {
                    case 0 -> body.length + 1 + random.nextInt(10);
                    case 1 -> Math.max(0, body.length - 1 - random.nextInt(10));
                    default -> body.length;
                };
                head.append("Content-Length: ").append(length).append("\r\n");
            }
            closeAndEnd(random, head);
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (hasBody) {
                out.writeBytes(body);
            }
        }
        byte[] bytes = out.toByteArray();
        if (random.nextInt(10) == 0) {
            // truncated: the client sends part of it and stops sending
            byte[] cut = new byte[random.nextInt(Math.max(1, bytes.length))];
            System.arraycopy(bytes, 0, cut, 0, cut.length);
            return new Fuzzed(cut, true);
        }
        return new Fuzzed(bytes, false);
    }

    private static void closeAndEnd(Random random, StringBuilder head) {
        if (random.nextInt(8) != 0) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
    }

    private static String mutate(Random random, String template, String searchId) {
        String path = template.replace("{id}", switch (random.nextInt(8)) {
            case 0, 1 -> searchId;
            case 2 -> UUID.randomUUID().toString();
            case 3 -> "1";
            default -> pick(random, new String[]{"%00", "%ZZ", "..%2F..%2Fetc%2Fpasswd", "x".repeat(10_000), "%F0%9F%98%80",
                    "", "-1", "99999999999999999999", "%0D%0AX:%20y", "a b", "\u00e9", "..", "%2e%2e"});
        }).replace("{file}", pick(random, new String[]{"index.html", "app.js", "../../etc/passwd", "%2e%2e/x", "x%00.js",
                "a".repeat(3_000), "", "swagger-ui.css"}));
        return switch (random.nextInt(12)) {
            case 0 -> path + "/";
            case 1 -> "/" + path;
            case 2 -> path.replace("/", "//");
            case 3 -> path + "/extra/segments";
            case 4 -> path.toUpperCase();
            case 5 -> path.isEmpty() ? "*" : path.substring(0, random.nextInt(path.length()));
            case 6 -> "http://localhost" + path;
            case 7 -> path + "#fragment";
            default -> path;
        };
    }

    private static byte[] chunked(Random random, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + random.nextInt(64));
            String size = switch (random.nextInt(30)) {
                case 0 -> "zz";
                case 1 -> "-" + Integer.toHexString(n);
                case 2 -> Integer.toHexString(n) + ";ext=x";
                case 3 -> "ffffffffffffffffff";
                case 4 -> Integer.toHexString(n + 5);
                default -> Integer.toHexString(n);
            };
            out.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes(random.nextInt(30) == 0 ? "XX".getBytes() : "\r\n".getBytes());
            at += n;
        }
        out.writeBytes(random.nextInt(10) == 0 ? "0\r\nTrailer: x\r\n\r\n".getBytes() : "0\r\n\r\n".getBytes());
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 100_000 : 200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Answer send(int port, Fuzzed request) {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            RawHttp http = RawHttp.on(socket);
            try {
                http.send(request.bytes());
                if (request.halfClose()) {
                    socket.shutdownOutput();
                }
            } catch (IOException refused) {
                // the server may answer and close before reading everything: read what it said
            }
            return http.readAnswer(Duration.ofSeconds(5), request.bytes().length > 5
                    && new String(request.bytes(), 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD "));
        } catch (IOException e) {
            return new Answer(0, "", true, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** The one 503 allowed: the refusal of a connection over the cap, which says so and when to come back. */
    private static boolean connectionCap(Answer answer) {
        return answer.status() == 503 && answer.header("Retry-After") != null && answer.body().contains("connections open");
    }

    private static final java.util.Set<String> STANDARD_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /** A 501 problem for a request whose method is not a standard one or whose transfer coding is not just chunked. */
    private static boolean prescribed501(Fuzzed request, Answer answer) {
        if (answer.status() != 501 || !answer.isProblem()) {
            return false;
        }
        String text = new String(request.bytes(), StandardCharsets.ISO_8859_1);
        String head = text.split("\r\n\r\n", 2)[0];
        String method = head.split(" ", 2)[0];
        boolean otherCoding = head.lines().anyMatch(l -> l.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)
                && !l.substring(18).trim().equalsIgnoreCase("chunked"));
        return !STANDARD_METHODS.contains(method) || otherCoding;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String printable(byte[] bytes, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xff;
            s.append(b == '\r' ? "\\r" : b == '\n' ? "\\n\n" : b < 0x20 || b > 0x7e ? String.format("\\x%02x", b) : String.valueOf((char) b));
        }
        return bytes.length > max ? s + "… (" + bytes.length + " bytes)" : s.toString();
    }
}
