package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.AlertLimitException;
import gt.dondelocompro.application.port.in.AlertNotFoundException;
import gt.dondelocompro.application.port.in.AlertUseCase;
import gt.dondelocompro.application.port.in.CreateAlertCommand;
import gt.dondelocompro.application.port.in.CreatedAlert;
import gt.dondelocompro.application.port.out.AlertRepository;
import gt.dondelocompro.application.port.out.NotificationChannel;
import gt.dondelocompro.application.port.out.NotificationOutbox;
import gt.dondelocompro.application.port.out.RecheckScheduler;
import gt.dondelocompro.application.port.out.TrackedProductRepository;
import gt.dondelocompro.application.port.out.TrackedProductRepository.TrackedProduct;
import gt.dondelocompro.application.port.out.TransactionBoundary;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertNotification;
import gt.dondelocompro.domain.alert.AlertState;
import gt.dondelocompro.domain.alert.AlertStatus;
import gt.dondelocompro.domain.alert.AlertTarget;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes and manages alerts. A new alert's target must be recorded; its webhook or ntfy URL must be one the channel
 * accepts (no private addresses); its channel address may have at most {@link AlertSettings#alertsPerTarget()}
 * alerts on the target. An active alert's target is tracked by the scheduler; an e-mail alert becomes active when
 * its address confirms it.
 */
public final class AlertService implements AlertUseCase {

    private final AlertRepository alerts;
    private final NotificationOutbox outbox;
    private final TrackedProductRepository tracked;
    private final TransactionBoundary transactions;
    private final NotificationChannel channel;
    private final RecheckScheduler scheduler;
    private final RecheckService rechecks;
    private final AlertSettings settings;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public AlertService(AlertRepository alerts, NotificationOutbox outbox, TrackedProductRepository tracked,
                        TransactionBoundary transactions, NotificationChannel channel, RecheckScheduler scheduler,
                        RecheckService rechecks, AlertSettings settings, Clock clock, Supplier<UUID> ids) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tracked = Objects.requireNonNull(tracked, "tracked");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.rechecks = Objects.requireNonNull(rechecks, "rechecks");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public CreatedAlert create(CreateAlertCommand command) {
        switch (command.channel()) {
            case AlertChannel.Webhook w -> vet(w.url(), "channel.webhook");
            case AlertChannel.Ntfy n -> vet(n.url(), "channel.ntfy");
            case AlertChannel.Email e -> {
                if (!channel.sendsEmail()) {
                    throw new InvalidValueException("channel.email", "this service sends no e-mail (no SMTP server is configured)");
                }
            }
        }
        AlertTarget target = command.target();
        List<TrackedProduct> products = tracked.productsOf(target);
        if (products.isEmpty()) {
            throw new InvalidValueException(targetField(target), "no recorded product has this id");
        }
        String token = AlertTokens.newToken();
        boolean confirm = command.channel().needsConfirmation();
        Alert alert = new Alert(ids.get(), target, command.rule(), command.channel(),
                confirm ? AlertStatus.PENDING_CONFIRMATION : AlertStatus.ACTIVE, clock.instant(),
                AlertState.initial(currentBestPrice(products)), AlertTokens.hash(token),
                command.channel() instanceof AlertChannel.Webhook ? AlertTokens.newToken() : null,
                confirm ? AlertTokens.newToken() : null);
        boolean saved = transactions.inTransaction(() -> {
            if (alerts.countFor(alert.channel().address(), target) >= settings.alertsPerTarget()) {
                return false;
            }
            alerts.save(alert);
            return true;
        });
        if (!saved) {
            throw new AlertLimitException(settings.alertsPerTarget());
        }
        if (alert.active()) {
            rechecks.track(target);
        }
        return new CreatedAlert(alert, token);
    }

    private void vet(URI url, String field) {
        Optional<String> refused = channel.refusal(url);
        if (refused.isPresent()) {
            throw new InvalidValueException(field, refused.get());
        }
    }

    private static String targetField(AlertTarget target) {
        return switch (target) {
            case AlertTarget.CatalogProduct c -> "target.catalog_product_id";
            case AlertTarget.StoreProduct p -> "target.product_id";
        };
    }

    /** The price a drop is measured from: the cheapest latest price among the products that can be bought. */
    static BigDecimal currentBestPrice(List<TrackedProduct> products) {
        return RecheckService.best(products.stream().filter(p -> p.latest() != null)
                        .map(p -> new RecheckService.Seen(p, p.latest().price(), p.latest().availability())).toList())
                .map(s -> s.price().amount()).orElse(null);
    }

    @Override
    public Alert alert(UUID id, String token) {
        return authorised(id, token);
    }

    @Override
    public List<AlertNotification> notifications(UUID id, String token) {
        authorised(id, token);
        return outbox.forAlert(id);
    }

    @Override
    public void delete(UUID id, String token) {
        authorised(id, token);
        if (!alerts.delete(id)) {
            throw new AlertNotFoundException();
        }
        // its target's task stops by itself at its next run when no active alert is left on it
    }

    @Override
    public Alert confirm(UUID id, String code) {
        Alert alert = alerts.findById(id).orElseThrow(AlertNotFoundException::new);
        if (alert.active()) {
            return alert;
        }
        if (!AlertTokens.sameCode(code, alert.confirmationCode())) {
            throw new AlertNotFoundException();
        }
        alerts.confirm(id, clock.instant());
        rechecks.track(alert.target());
        return alert.confirmed();
    }

    @Override
    public boolean durable() {
        return scheduler.durable();
    }

    private Alert authorised(UUID id, String token) {
        Alert alert = alerts.findById(id).orElse(null);
        // hash and compare even for an unknown id, so the time taken does not say which ids exist
        boolean matches = AlertTokens.matches(token, alert == null ? AlertTokens.hash("") : alert.tokenHash());
        if (alert == null || !matches) {
            throw new AlertNotFoundException();
        }
        return alert;
    }

    /** The link an e-mail alert's confirmation mail carries. */
    static URI confirmLink(URI publicBaseUrl, Alert alert) {
        String base = publicBaseUrl.toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(base + "/alerts/" + alert.id() + "/confirm?code=" + alert.confirmationCode());
    }
}
