package gt.dondelocompro.adapters.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import gt.dondelocompro.application.port.out.NotificationChannel.DeliveryException;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertNotification;
import gt.dondelocompro.domain.alert.AlertRule;
import gt.dondelocompro.domain.alert.AlertRules;
import gt.dondelocompro.domain.alert.AlertState;
import gt.dondelocompro.domain.alert.AlertStatus;
import gt.dondelocompro.domain.alert.AlertTarget;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The senders against real receivers: a loopback HTTP server that checks signatures, and GreenMail for SMTP. */
class ChannelSendersTest {

    static final String SECRET = "s3cr3t-of-this-alert";
    final Receiver receiver = new Receiver();
    final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    ChannelSenders senders;

    @AfterEach
    void stop() {
        receiver.close();
        mail.stop();
        if (senders != null) {
            senders.close();
        }
    }

    ChannelSenders loopbackAllowed() {
        return ChannelSenders.create(NotifySettings.defaults("DondeLoCompro-test").allowingPrivateTargets(true)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    static Alert alert(AlertChannel channel, String secret) {
        return new Alert(UUID.randomUUID(), new AlertTarget.StoreProduct(7), new AlertRule.BelowPrice(new BigDecimal("450")), channel,
                AlertStatus.ACTIVE, Instant.parse("2026-11-30T10:00:00Z"), AlertState.initial(new BigDecimal("500")),
                "0".repeat(64), secret, null);
    }

    static AlertNotification notification(Alert alert) {
        return new AlertNotification(UUID.randomUUID(), alert.id(), 1, alert.rule(), AlertRules.Reason.RULE_MET,
                new AlertNotification.NotifiedProduct(7, 3L, "cemaco", "Cemaco", "Licuadora Oster BLSTKAG", "https://www.cemaco.com/p/LIC-1",
                        Availability.IN_STOCK),
                Money.gtq("500"), Money.gtq("440"), Instant.parse("2026-12-01T08:00:00Z"), null);
    }

    @Test
    void aWebhookIsAJsonPostSignedWithTheAlertsSecretAndCarriesItsDeliveryId() throws Exception {
        senders = loopbackAllowed();
        Alert alert = alert(new AlertChannel.Webhook(receiver.url("/hook")), SECRET);
        AlertNotification n = notification(alert);

        senders.send(alert, n);

        Receiver.Received got = receiver.received().getFirst();
        String expected = "sha256=" + hmac(got.body(), SECRET);
        assertThat(got.header("X-DLC-Signature")).isEqualTo(expected);
        assertThat(got.header("X-DLC-Signature")).isNotEqualTo("sha256=" + hmac(got.body(), "another secret"));
        assertThat(got.header("X-DLC-Delivery")).isEqualTo(n.id().toString());
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = new ObjectMapper().readTree(got.body());
        assertThat(body.get("notification_id").asText()).isEqualTo(n.id().toString());
        assertThat(body.get("alert_id").asText()).isEqualTo(alert.id().toString());
        assertThat(body.get("rule").get("below_price").decimalValue()).isEqualByComparingTo("450");
        assertThat(body.get("price").decimalValue()).isEqualByComparingTo("440");
        assertThat(body.get("previous_price").decimalValue()).isEqualByComparingTo("500");
        assertThat(body.get("product").get("product_id").asLong()).isEqualTo(7);
        assertThat(body.get("url").asText()).isEqualTo("https://www.cemaco.com/p/LIC-1");
        assertThat(body.get("at").asText()).isEqualTo("2026-12-01T08:00:00Z");
    }

    @Test
    void aReceiverThatAnswersAnErrorOrARedirectHasNotReceivedIt() {
        senders = loopbackAllowed();
        Alert alert = alert(new AlertChannel.Webhook(receiver.url("/hook")), SECRET);
        receiver.answering(r -> r.path().equals("/hook")
                ? new Receiver.Answer(302, Map.of("Location", receiver.url("/elsewhere").toString()), new byte[0])
                : Receiver.Answer.status(200));
        assertThatThrownBy(() -> senders.send(alert, notification(alert))).isInstanceOf(DeliveryException.class).hasMessageContaining("302");
        assertThat(receiver.received()).extracting(Receiver.Received::path).as("the redirect is not followed").containsExactly("/hook");

        receiver.answering(r -> Receiver.Answer.status(500));
        assertThatThrownBy(() -> senders.send(alert, notification(alert))).isInstanceOf(DeliveryException.class)
                .hasMessage("127.0.0.1 answered 500");
    }

    @Test
    void aHugeAnswerIsNotReadBeyondTheCap() throws Exception {
        senders = loopbackAllowed();
        Alert alert = alert(new AlertChannel.Webhook(receiver.url("/hook")), SECRET);
        byte[] huge = new byte[64 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        receiver.answering(r -> new Receiver.Answer(200, Map.of(), huge));
        long start = System.nanoTime();
        senders.send(alert, notification(alert));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anNtfyMessageIsAPlainPostWithTitleAndTags() throws Exception {
        senders = loopbackAllowed();
        Alert alert = alert(new AlertChannel.Ntfy(receiver.url("/mi-tema")), null);
        AlertNotification n = notification(alert);
        senders.send(alert, n);
        Receiver.Received got = receiver.received().getFirst();
        assertThat(got.path()).isEqualTo("/mi-tema");
        assertThat(new String(got.body(), StandardCharsets.UTF_8))
                .startsWith("Licuadora Oster BLSTKAG está a Q 440.00 en Cemaco (antes Q 500.00).");
        assertThat(got.header("Title")).isEqualTo("=?UTF-8?B?" + java.util.Base64.getEncoder()
                .encodeToString("Bajó de precio: Licuadora Oster BLSTKAG".getBytes(StandardCharsets.UTF_8)) + "?=");
        assertThat(got.header("Tags")).isEqualTo("moneybag,chart_with_downwards_trend");
        assertThat(got.header("Click")).isEqualTo("https://www.cemaco.com/p/LIC-1");
        assertThat(got.header("X-DLC-Signature")).as("ntfy is not signed").isNull();
    }

    @Test
    void privateAndLoopbackTargetsAreRefusedBeforeEachSend() {
        senders = ChannelSenders.create(NotifySettings.defaults("DondeLoCompro-test"));
        Alert alert = alert(new AlertChannel.Webhook(receiver.url("/hook")), SECRET);
        assertThatThrownBy(() -> senders.send(alert, notification(alert))).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("target refused");
        assertThat(receiver.received()).isEmpty();
        for (String url : new String[]{"http://127.0.0.1/x", "http://localhost:8080/x", "http://10.1.2.3/x", "http://192.168.0.10/x",
                "http://172.16.5.4/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]/x", "http://[fd00::1]/x",
                "http://[::ffff:127.0.0.1]/x", "http://100.64.0.1/x", "http://0.0.0.0/x", "http://metadata.google.internal/x",
                "http://no-such-host.invalid/x"}) {
            assertThat(senders.refusal(URI.create(url))).as(url).isPresent();
        }
        assertThat(senders.refusal(URI.create("http://8.8.8.8/x"))).isEmpty();
        assertThat(loopbackAllowed().refusal(URI.create("http://127.0.0.1/x"))).as("ALERT_ALLOW_PRIVATE_TARGETS").isEmpty();
    }

    @Test
    void eMailGoesThroughSmtpTheConfirmationWithItsLinkThenTheNotifications() throws Exception {
        mail.start();
        int port = mail.getSmtp().getPort();
        senders = ChannelSenders.create(NotifySettings.defaults("DondeLoCompro-test")
                .withSmtp(new NotifySettings.Smtp("127.0.0.1", port, null, null, "alertas@dondelocompro.test", false)));
        assertThat(senders.sendsEmail()).isTrue();
        Alert alert = alert(new AlertChannel.Email("ana@example.com"), null);
        URI link = URI.create("https://dondelocompro.test/alerts/" + alert.id() + "/confirm?code=abc");
        senders.sendConfirmation(alert, link);
        AlertNotification n = notification(alert);
        senders.send(alert, n);

        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(2);
        assertThat(got[0].getAllRecipients()[0].toString()).isEqualTo("ana@example.com");
        assertThat(got[0].getSubject()).isEqualTo("Confirma tu alerta de precio");
        assertThat(GreenMailUtil.getBody(got[0])).contains(link.toString().replace("=", "=3D").substring(0, 20));
        assertThat(got[1].getSubject()).isEqualTo("Bajó de precio: Licuadora Oster BLSTKAG");
        assertThat(got[1].getHeader("X-DLC-Delivery")[0]).isEqualTo(n.id().toString());
        assertThat(got[1].getContent().toString()).contains("Q 440.00", "https://www.cemaco.com/p/LIC-1");
    }

    @Test
    void withoutSmtpThereIsNoEMail() {
        senders = ChannelSenders.create(NotifySettings.defaults("DondeLoCompro-test"));
        assertThat(senders.sendsEmail()).isFalse();
        Alert alert = alert(new AlertChannel.Email("ana@example.com"), null);
        assertThatThrownBy(() -> senders.send(alert, notification(alert))).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("SMTP_HOST");
    }

    static String hmac(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
