package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.AlertLimitException;
import gt.dondelocompro.application.port.in.AlertNotFoundException;
import gt.dondelocompro.application.port.in.AlertUseCase;
import gt.dondelocompro.application.port.in.CreateAlertCommand;
import gt.dondelocompro.application.port.in.CreatedAlert;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.out.NotificationChannel;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.application.service.AlertSettings;
import gt.dondelocompro.application.testing.MutableClock;
import gt.dondelocompro.application.testing.ScriptedStore;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertNotification;
import gt.dondelocompro.domain.alert.AlertRule;
import gt.dondelocompro.domain.alert.AlertRules;
import gt.dondelocompro.domain.alert.AlertStatus;
import gt.dondelocompro.domain.alert.AlertTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Alerts through the core, on one set of adapters (subclassed per adapter): made, re-checked against a store whose
 * price moves, delivered in order through a channel that may fail, managed with their token.
 */
public abstract class AlertFlowContract {

    /** Hands the adapters under test to the builder (in memory: nothing). */
    protected abstract DondeLoCompro.Builder withAdapters(DondeLoCompro.Builder builder);

    protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    final AtomicReference<String> price = new AtomicReference<>("500");
    final ScriptedStore cemaco = new ScriptedStore(SearchFixtures.CEMACO,
            (q, max) -> StoreResult.Offers.of(List.of(blender(price.get()))));
    final RecordingChannel channel = new RecordingChannel();
    DondeLoCompro core;
    AlertUseCase alerts;
    long productId;

    static Offer blender(String price) {
        return SearchFixtures.offer(SearchFixtures.CEMACO, "LIC-1", "Licuadora Oster BLSTKAG", price);
    }

    @BeforeEach
    public void recordTheProduct() throws Exception {
        core = withAdapters(DondeLoCompro.builder()).store(cemaco).clock(clock).notificationChannel(channel)
                // the test runs every re-check and delivery itself
                .alertSettings(AlertSettings.defaults().withTrackInterval(Duration.ofDays(30))
                        .withDelivery(Duration.ofDays(1), Duration.ofSeconds(2), Duration.ofMinutes(1)))
                .build();
        alerts = core.alerts();
        core.startSearch().startSearch(StartSearchCommand.of("licuadora oster", 10, false));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (core.recorder().stats().saved() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(core.recorder().awaitIdle(Duration.ofSeconds(10))).isTrue();
        productId = core.priceHistory().productIdsOf(List.of(blender("500"))).values().iterator().next();
    }

    @AfterEach
    public void close() {
        core.close(Duration.ofSeconds(2));
    }

    CreatedAlert webhookBelow(String amount) {
        return alerts.create(new CreateAlertCommand(new AlertTarget.StoreProduct(productId),
                new AlertRule.BelowPrice(new BigDecimal(amount)), new AlertChannel.Webhook(URI.create("https://hooks.example/dlc"))));
    }

    void recheckAt(String newPrice) {
        price.set(newPrice);
        clock.advance(Duration.ofHours(6));
        assertThat(core.recheckNow("product:" + productId)).isPresent();
    }

    @Test
    public void aWebhookAlertTellsWhenThePriceFallsBelowAndAgainOnlyWhenItFallsFurther() {
        CreatedAlert created = webhookBelow("450");
        assertThat(created.alert().status()).isEqualTo(AlertStatus.ACTIVE);
        assertThat(created.token()).hasSizeGreaterThan(40);
        assertThat(created.alert().secret()).hasSizeGreaterThan(40);
        assertThat(created.alert().tokenHash()).doesNotContain(created.token()).hasSize(64);

        recheckAt("500");
        recheckAt("440");
        recheckAt("440");
        recheckAt("445");
        recheckAt("430");
        assertThat(core.deliverNotificationsNow()).isEqualTo(2);

        assertThat(channel.sent).extracting(n -> n.price().amount().toPlainString()).containsExactly("440.00", "430.00");
        assertThat(channel.sent).extracting(AlertNotification::reason)
                .containsExactly(AlertRules.Reason.RULE_MET, AlertRules.Reason.FURTHER_DROP);
        AlertNotification first = channel.sent.getFirst();
        assertThat(first.previousPrice().amount()).isEqualByComparingTo("500");
        assertThat(first.product().productId()).isEqualTo(productId);
        assertThat(first.product().url()).isEqualTo(blender("440").url());
        assertThat(channel.sent.get(1).previousPrice().amount()).isEqualByComparingTo("445");

        List<AlertNotification> listed = alerts.notifications(created.alert().id(), created.token());
        assertThat(listed).extracting(AlertNotification::id).containsExactlyElementsOf(channel.sent.stream().map(AlertNotification::id).toList());
        assertThat(listed).allSatisfy(n -> assertThat(n.sentAt()).isNotNull());
        assertThat(core.deliverNotificationsNow()).as("nothing is delivered twice").isZero();
    }

    @Test
    public void eachReCheckRecordsAPriceObservationAsSearchesDo() {
        webhookBelow("100");
        recheckAt("480");
        recheckAt("470");
        assertThat(core.priceHistory().priceHistory(productId, 30).orElseThrow().observations())
                .extracting(o -> o.price().amount().toPlainString()).containsExactly("500.00", "480.00", "470.00");
    }

    @Test
    public void theTokenIsNeededAndAWrongOneIsTheSameAsAnUnknownAlert() {
        CreatedAlert created = webhookBelow("450");
        UUID id = created.alert().id();
        assertThat(alerts.alert(id, created.token()).id()).isEqualTo(id);
        assertThatThrownBy(() -> alerts.alert(id, "wrong")).isInstanceOf(AlertNotFoundException.class);
        assertThatThrownBy(() -> alerts.alert(id, null)).isInstanceOf(AlertNotFoundException.class);
        assertThatThrownBy(() -> alerts.alert(UUID.randomUUID(), created.token())).isInstanceOf(AlertNotFoundException.class);
        assertThatThrownBy(() -> alerts.delete(id, "wrong")).isInstanceOf(AlertNotFoundException.class);

        alerts.delete(id, created.token());
        assertThatThrownBy(() -> alerts.alert(id, created.token())).isInstanceOf(AlertNotFoundException.class);
        assertThat(core.recheckNow("product:" + productId)).as("no active alert left: the target is no longer tracked").isEmpty();
    }

    @Test
    public void oneAddressHasAtMostFiveAlertsOnATarget() {
        for (int i = 0; i < 5; i++) {
            webhookBelow("45" + i);
        }
        assertThatThrownBy(() -> webhookBelow("400")).isInstanceOf(AlertLimitException.class);
        CreatedAlert other = alerts.create(new CreateAlertCommand(new AlertTarget.StoreProduct(productId),
                new AlertRule.DropPercent(BigDecimal.TEN), new AlertChannel.Ntfy(URI.create("https://ntfy.sh/otro-tema"))));
        assertThat(other.alert().secret()).as("only webhooks sign").isNull();
    }

    @Test
    public void anUnknownTargetAndARefusedUrlAreBadRequestsNamingTheField() {
        assertThatThrownBy(() -> alerts.create(new CreateAlertCommand(new AlertTarget.CatalogProduct(999),
                new AlertRule.BackInStock(), new AlertChannel.Email("ana@example.com"))))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("target.catalog_product_id"));
        channel.refuse = true;
        assertThatThrownBy(this::webhookBelowDefault)
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("channel.webhook"));
    }

    void webhookBelowDefault() {
        webhookBelow("450");
    }

    @Test
    public void aDropPercentIsMeasuredFromThePriceWhenTheAlertWasMade() {
        CreatedAlert created = alerts.create(new CreateAlertCommand(new AlertTarget.StoreProduct(productId),
                new AlertRule.DropPercent(BigDecimal.TEN), new AlertChannel.Webhook(URI.create("https://hooks.example/x"))));
        assertThat(created.alert().state().basePrice()).isEqualByComparingTo("500");
        recheckAt("451");
        recheckAt("450");
        core.deliverNotificationsNow();
        assertThat(channel.sent).extracting(n -> n.price().amount().toPlainString()).containsExactly("450.00");
    }

    @Test
    public void anEmailAlertWaitsForItsAddressToConfirmIt() {
        CreatedAlert created = alerts.create(new CreateAlertCommand(new AlertTarget.StoreProduct(productId),
                new AlertRule.BelowPrice(new BigDecimal("450")), new AlertChannel.Email("ana@example.com")));
        assertThat(created.alert().status()).isEqualTo(AlertStatus.PENDING_CONFIRMATION);
        price.set("400");
        assertThat(core.recheckNow("product:" + productId)).as("a pending alert does not track its target").isEmpty();
        assertThat(core.deliverNotificationsNow()).as("the confirmation mail only").isEqualTo(1);
        assertThat(channel.sent).isEmpty();
        URI link = channel.confirmations.getFirst();
        assertThat(link.toString()).startsWith("http://localhost:8080/alerts/" + created.alert().id() + "/confirm?code=");
        assertThat(core.deliverNotificationsNow()).as("mailed once").isZero();

        assertThatThrownBy(() -> alerts.confirm(created.alert().id(), "wrong")).isInstanceOf(AlertNotFoundException.class);
        String code = link.getQuery().substring("code=".length());
        assertThat(alerts.confirm(created.alert().id(), code).status()).isEqualTo(AlertStatus.ACTIVE);
        assertThat(alerts.confirm(created.alert().id(), code).status()).as("twice is harmless").isEqualTo(AlertStatus.ACTIVE);
        recheckAt("400");
        core.deliverNotificationsNow();
        assertThat(channel.sent).hasSize(1);
    }

    @Test
    public void aChannelThatIsDownDelaysDeliveryInOrderAndLosesNothing() {
        CreatedAlert created = webhookBelow("450");
        channel.failures.set(3);
        recheckAt("440");
        recheckAt("430");
        recheckAt("420");
        for (int round = 0; round < 20 && channel.sent.size() < 3; round++) {
            core.deliverNotificationsNow();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(channel.attempts.get()).isEqualTo(6);
        assertThat(channel.sent).extracting(n -> n.price().amount().toPlainString()).containsExactly("440.00", "430.00", "420.00");
        assertThat(alerts.notifications(created.alert().id(), created.token())).allSatisfy(n -> assertThat(n.sentAt()).isNotNull());
    }

    @Test
    public void anAlertWhoseChannelIsDownDoesNotHoldUpAnothers() {
        CreatedAlert down = webhookBelow("450");
        CreatedAlert up = alerts.create(new CreateAlertCommand(new AlertTarget.StoreProduct(productId),
                new AlertRule.BelowPrice(new BigDecimal("450")), new AlertChannel.Webhook(URI.create("https://other.example/dlc"))));
        channel.failingAlert = down.alert().id();
        recheckAt("440");
        core.deliverNotificationsNow();
        recheckAt("430");
        core.deliverNotificationsNow();
        assertThat(channel.sent).extracting(AlertNotification::alertId).containsOnly(up.alert().id()).hasSize(2);
        assertThat(channel.attemptsFor(down.alert().id())).as("its first tried once a round; its second waits behind it")
                .isEqualTo(2);
        channel.failingAlert = null;
        clock.advance(Duration.ofMinutes(5));
        core.deliverNotificationsNow();
        assertThat(channel.sent).filteredOn(n -> n.alertId().equals(down.alert().id()))
                .extracting(n -> n.price().amount().toPlainString()).containsExactly("440.00", "430.00");
    }

    /** A channel that records what it was given, can fail a number of times, and can refuse URLs. */
    static final class RecordingChannel implements NotificationChannel {
        final List<AlertNotification> sent = Collections.synchronizedList(new ArrayList<>());
        final List<URI> confirmations = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final java.util.Map<UUID, AtomicInteger> attemptsByAlert = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean refuse;
        volatile UUID failingAlert;

        int attemptsFor(UUID alert) {
            return attemptsByAlert.getOrDefault(alert, new AtomicInteger()).get();
        }

        @Override
        public void send(Alert alert, AlertNotification notification) throws DeliveryException {
            attempts.incrementAndGet();
            attemptsByAlert.computeIfAbsent(alert.id(), k -> new AtomicInteger()).incrementAndGet();
            if (alert.id().equals(failingAlert)) {
                throw new DeliveryException("receiver answered 503");
            }
            if (failures.getAndDecrement() > 0) {
                throw new DeliveryException("receiver answered 500");
            }
            sent.add(notification);
        }

        @Override
        public void sendConfirmation(Alert alert, URI confirmLink) {
            confirmations.add(confirmLink);
        }

        @Override
        public Optional<String> refusal(URI url) {
            return refuse ? Optional.of("resolves to a private address") : Optional.empty();
        }
    }
}
