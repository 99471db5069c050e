package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import gt.dondelocompro.adapters.persistence.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts end to end, with real parts: the service on PostgreSQL with the demo stores, re-checking every 2 s on
 * db-scheduler; a webhook receiver on loopback that checks each signature; GreenMail as the SMTP server. An alert on
 * a demo product, the demo store's price lowered: the next re-check sends one signed webhook and one e-mail (to the
 * address that confirmed through its link); an unchanged price sends nothing more. Then a receiver that answers 500
 * for a while: every notification still arrives once, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsEndToEndTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final Hook HOOK = new Hook();
    static DondeLoComproApp app;
    static String base;
    static long productId;
    static String webhookAlert;
    static String webhookToken;
    static String secret;

    /** The webhook receiver: records each request and the status it answered, answering 500 while told to. */
    static final class Hook {
        record Call(int answered, Map<String, String> headers, byte[] body, long atNanos) {
        }

        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failNext = new AtomicInteger();
        HttpServer server;

        void start() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
                int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
                calls.add(new Call(status, headers, body, System.nanoTime()));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<Call> delivered() {
            synchronized (calls) {
                return calls.stream().filter(c -> c.answered() == 200).toList();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        MAIL.start();
        HOOK.start();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Map<String, String> env = new HashMap<>(Map.of("PORT", String.valueOf(port), "DATABASE_URL", DB.url(),
                "DATABASE_POOL_SIZE", "3", "DATABASE_MAX_OVERFLOW", "3", "TRACK_INTERVAL", "2s",
                "ALERT_ALLOW_PRIVATE_TARGETS", "true", "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(MAIL.getSmtp().getPort()), "SMTP_STARTTLS", "false"));
        env.put("PUBLIC_BASE_URL", base);
        app = DondeLoComproApp.startWithFastDemo(AppConfig.from(env, "--demo"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        HOOK.server.stop(0);
        MAIL.stop();
    }

    @Test
    @Order(1)
    void aLoweredPriceSendsOneSignedWebhookAndOneConfirmedEmailAndAnUnchangedOneNothingMore() throws Exception {
        productId = recordedBlenderAtTheAlmacen();

        JsonNode hook = post("/alerts", "{\"target\": {\"product_id\": " + productId + "}, \"rule\": {\"below_price\": 480},"
                + " \"channel\": {\"webhook\": \"" + HOOK.url() + "\"}}", 201);
        webhookAlert = hook.get("alert_id").asText();
        webhookToken = hook.get("token").asText();
        secret = hook.get("secret").asText();
        JsonNode mail = post("/alerts", "{\"target\": {\"product_id\": " + productId + "}, \"rule\": {\"below_price\": 480},"
                + " \"channel\": {\"email\": \"ana@example.com\"}}", 201);
        assertThat(mail.get("status").asText()).isEqualTo("pending_confirmation");

        Await.until("the confirmation mail", Duration.ofSeconds(20), () -> MAIL.getReceivedMessages().length == 1);
        MimeMessage confirmation = MAIL.getReceivedMessages()[0];
        Matcher link = Pattern.compile(Pattern.quote(base) + "/alerts/[0-9a-f-]+/confirm\\?code=[A-Za-z0-9_-]+")
                .matcher(confirmation.getContent().toString());
        assertThat(link.find()).as(confirmation.getContent().toString()).isTrue();
        HttpResponse<String> confirmed = HTTP.send(HttpRequest.newBuilder(URI.create(link.group())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(JSON.readTree(confirmed.body()).get("status").asText()).isEqualTo("active");

        Thread.sleep(5_000); // two re-checks or more at Q 499.00: nothing to tell
        assertThat(HOOK.calls).isEmpty();
        assertThat(MAIL.getReceivedMessages()).hasSize(1);

        long lowered = System.nanoTime();
        app.demoStores().orElseThrow().setPrice("demo-almacen", "DLC-001", new BigDecimal("459.00"));
        Await.until("one webhook and the alert mail", Duration.ofSeconds(30), () -> HOOK.delivered().size() == 1 && MAIL.getReceivedMessages().length == 2);
        System.out.printf("FIGURE alerts: price lowered -> signed webhook received in %d ms (TRACK_INTERVAL 2s, scheduler poll 1s)%n",
                Duration.ofNanos(HOOK.delivered().getFirst().atNanos() - lowered).toMillis());

        Hook.Call call = HOOK.delivered().getFirst();
        assertThat(call.headers().get("x-dlc-signature")).isEqualTo("sha256=" + hmac(call.body(), secret));
        JsonNode told = JSON.readTree(call.body());
        assertThat(call.headers().get("x-dlc-delivery")).isEqualTo(told.get("notification_id").asText());
        assertThat(told.get("alert_id").asText()).isEqualTo(webhookAlert);
        assertThat(told.get("price").decimalValue()).isEqualByComparingTo("459.00");
        assertThat(told.get("previous_price").decimalValue()).isEqualByComparingTo("499.00");
        MimeMessage notice = MAIL.getReceivedMessages()[1];
        assertThat(notice.getAllRecipients()[0].toString()).isEqualTo("ana@example.com");
        assertThat(notice.getSubject()).startsWith("Bajó de precio");
        assertThat(notice.getContent().toString()).contains("Q 459.00");

        Thread.sleep(6_000); // more re-checks at the same price
        assertThat(HOOK.calls).hasSize(1);
        assertThat(MAIL.getReceivedMessages()).hasSize(2);
        JsonNode listed = get("/alerts/" + webhookAlert + "/notifications", webhookToken);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("sent_at").isNull()).isFalse();
        JsonNode health = get("/health", null);
        assertThat(health.at("/alerts/storage").asText()).isEqualTo("database");
        assertThat(health.at("/alerts/lost_at_restart").asBoolean()).isFalse();
        JsonNode history = get("/products/" + productId + "/price-history?days=1", null);
        assertThat(history.get("observations").size()).as("each re-check recorded an observation").isGreaterThan(3);
    }

    @Test
    @Order(2)
    void aReceiverDownForAWhileGetsEveryNotificationOnceAndInOrder() throws Exception {
        HOOK.calls.clear();
        HOOK.failNext.set(2);
        String[] drops = {"449.00", "439.00", "429.00"};
        for (int i = 0; i < drops.length; i++) {
            // each a further drop below the last price told ("bajó aún más"): one notification each
            app.demoStores().orElseThrow().setPrice("demo-almacen", "DLC-001", new BigDecimal(drops[i]));
            int told = i + 1;
            Await.until("notification " + told, Duration.ofSeconds(30), () -> notificationsOf(webhookAlert) >= told);
        }
        Await.until("three webhooks", Duration.ofSeconds(60), () -> HOOK.delivered().size() == 3);
        Thread.sleep(3_000);
        List<Hook.Call> delivered = HOOK.delivered();
        assertThat(HOOK.calls.stream().filter(c -> c.answered() == 500)).hasSize(2);
        assertThat(delivered).hasSize(3);
        List<String> ids = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>();
        for (Hook.Call c : delivered) {
            assertThat(c.headers().get("x-dlc-signature")).isEqualTo("sha256=" + hmac(c.body(), secret));
            JsonNode body = JSON.readTree(c.body());
            ids.add(body.get("notification_id").asText());
            prices.add(body.get("price").decimalValue());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(prices).extracting(p -> p.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString())
                .containsExactly("449.00", "439.00", "429.00");
    }

    /** The alert's notifications since the first test's one. */
    private static int notificationsOf(String alert) {
        try {
            return get("/alerts/" + alert + "/notifications", webhookToken).size() - 1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Searches the demo stores and waits until the blender at the Almacén (VTEX, its id DLC-001) is recorded. */
    private static long recordedBlenderAtTheAlmacen() throws Exception {
        JsonNode ticket = post("/search?use_cache=false", "{\"query\": \"licuadora oster\"}", 200);
        String id = ticket.get("search_id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode results = get("/search/" + id + "/results", null);
            for (JsonNode p : results.get("products")) {
                if (p.get("vendor_id").asText().equals("demo-almacen") && p.get("vendor_product_id").asText().equals("DLC-001")
                        && p.path("product_id").isNumber()) {
                    return p.get("product_id").asLong();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the blender at the Almacén was not recorded");
    }

    static JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    static JsonNode get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String hmac(byte[] body, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
