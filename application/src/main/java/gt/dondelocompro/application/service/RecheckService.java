package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.out.AlertRepository;
import gt.dondelocompro.application.port.out.NotificationOutbox;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.RecheckScheduler;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.application.port.out.TrackedProductRepository;
import gt.dondelocompro.application.port.out.TrackedProductRepository.TrackedProduct;
import gt.dondelocompro.application.port.out.TransactionBoundary;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.alert.Alert;
import gt.dondelocompro.domain.alert.AlertNotification;
import gt.dondelocompro.domain.alert.AlertRules;
import gt.dondelocompro.domain.alert.AlertTarget;
import gt.dondelocompro.domain.alert.Sighting;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Re-checks a tracked target: each of its store products is looked for again at its store, through the same store
 * adapter (and so the same politeness) as searches, by its store id among the results of a search for its brand and
 * model, else its name. What is found is recorded as a price observation, as a search records it, and in the same
 * transaction each active alert on the target is evaluated ({@link AlertRules}) and what it tells is written to the
 * outbox. Targets are spread over the interval: each has its own phase within it, from its key.
 */
public final class RecheckService {

    private static final System.Logger LOG = System.getLogger(RecheckService.class.getName());
    /** How many results of the store's search are looked through for the product. */
    static final int RESULTS_LOOKED_AT = 24;
    /** A re-check that failed (the store of record down) is tried again this soon, or at the interval if shorter. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);

    private final Map<String, Store> stores = new LinkedHashMap<>();
    private final AlertRepository alerts;
    private final NotificationOutbox outbox;
    private final TrackedProductRepository tracked;
    private final ProductRepository products;
    private final TransactionBoundary transactions;
    private final RecheckScheduler scheduler;
    private final AlertSettings settings;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public RecheckService(List<? extends Store> stores, AlertRepository alerts, NotificationOutbox outbox,
                          TrackedProductRepository tracked, ProductRepository products, TransactionBoundary transactions,
                          RecheckScheduler scheduler, AlertSettings settings, Clock clock, Supplier<UUID> ids) {
        stores.forEach(s -> this.stores.put(s.vendor().id(), s));
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tracked = Objects.requireNonNull(tracked, "tracked");
        this.products = Objects.requireNonNull(products, "products");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** Has the scheduler re-check {@code target}, first at its phase within the interval. */
    public void track(AlertTarget target) {
        scheduler.track(target.key(), firstCheck(target.key(), clock.instant(), settings.trackInterval()));
    }

    /** Makes sure every target with an active alert is tracked (after a restart, or a scheduler that lost its tasks). */
    public int trackAll() {
        List<AlertTarget> targets = alerts.activeTargets();
        targets.forEach(this::track);
        return targets.size();
    }

    /**
     * The first moment at or after {@code now} at the target's phase: targets' checks are spread evenly over the
     * interval instead of all at once, and each target keeps its place in it.
     */
    static Instant firstCheck(String key, Instant now, Duration interval) {
        long period = Math.max(interval.toMillis(), 1);
        long phase = Math.floorMod(mix(key.hashCode()), period);
        long at = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), period) + phase;
        return Instant.ofEpochMilli(at < now.toEpochMilli() ? at + period : at);
    }

    private static long mix(int h) {
        long x = h * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 31);
    }

    /** Re-checks the target named by {@code key}; answers when next, or empty when no active alert is left on it. */
    public Optional<Instant> recheck(String key) {
        AlertTarget target;
        try {
            target = AlertTarget.fromKey(key);
        } catch (InvalidValueException e) {
            LOG.log(Level.WARNING, "a re-check task names no target (''{0}''); dropping it", key);
            return Optional.empty();
        }
        try {
            if (alerts.activeOn(target).isEmpty()) {
                return Optional.empty();
            }
            List<TrackedProduct> linked = tracked.productsOf(target);
            if (linked.isEmpty()) {
                return Optional.empty();
            }
            List<Seen> found = new ArrayList<>();
            for (TrackedProduct product : linked) {
                findAgain(product).ifPresent(offer -> found.add(new Seen(product, offer.price(), offer.availability(), offer)));
            }
            Instant now = clock.instant();
            if (!found.isEmpty()) {
                record(target, found, now);
            }
            return Optional.of(now.plus(settings.trackInterval()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(clock.instant().plus(retryDelay()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "re-checking " + key + " failed; trying again in " + retryDelay(), e);
            return Optional.of(clock.instant().plus(retryDelay()));
        }
    }

    private Duration retryDelay() {
        return settings.trackInterval().compareTo(RETRY_AFTER_FAILURE) < 0 ? settings.trackInterval() : RETRY_AFTER_FAILURE;
    }

    /** The product among its store's answers to a search for its brand and model, else its name; empty when not there. */
    private Optional<Offer> findAgain(TrackedProduct product) throws InterruptedException {
        Store store = stores.get(product.key().vendorId());
        if (store == null || !store.vendor().active()) {
            return Optional.empty();
        }
        Set<String> queries = new LinkedHashSet<>();
        if (product.model() != null && !product.model().isBlank()) {
            queries.add(((product.brand() == null ? "" : product.brand() + " ") + product.model()).strip());
        }
        queries.add(product.name());
        for (String text : queries) {
            SearchQuery query;
            try {
                query = SearchQuery.of(text.length() > SearchQuery.MAX_LENGTH ? text.substring(0, SearchQuery.MAX_LENGTH) : text);
            } catch (InvalidValueException unusable) {
                continue;
            }
            if (store.search(query, RESULTS_LOOKED_AT) instanceof StoreResult.Offers offers) {
                for (Offer offer : offers.offers()) {
                    if (ProductKey.of(offer).equals(product.key())) {
                        return Optional.of(offer);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The observations, and what they make the target's alerts tell, in one transaction. */
    private void record(AlertTarget target, List<Seen> found, Instant now) {
        transactions.run(() -> {
            products.saveOffers(found.stream().map(Seen::offer).toList(), now);
            Seen best = best(found).orElseThrow();
            Sighting sighting = new Sighting(best.price(), best.availability());
            for (Alert alert : alerts.activeOn(target)) {
                AlertRules.Decision decision = AlertRules.evaluate(alert.rule(), alert.state(), sighting);
                if (decision.tells()) {
                    outbox.add(notification(alert, decision, best, now));
                }
                if (!decision.next().equals(alert.state())) {
                    alerts.updateState(alert.id(), decision.next());
                }
            }
        });
    }

    private AlertNotification notification(Alert alert, AlertRules.Decision decision, Seen best, Instant now) {
        TrackedProduct p = best.product();
        Offer o = best.offer();
        Money previous = p.latest() == null ? null : p.latest().price();
        return new AlertNotification(ids.get(), alert.id(), 0, alert.rule(), decision.reason(),
                new AlertNotification.NotifiedProduct(p.productId(), p.catalogProductId(), p.key().vendorId(),
                        o == null ? p.vendorName() : o.vendorName(), o == null ? p.name() : o.name(),
                        o == null ? p.url() : o.url(), best.availability()),
                previous, best.price(), now, null);
    }

    /** A product as seen now (with the offer found) or last (offer null). */
    record Seen(TrackedProduct product, Money price, Availability availability, Offer offer) {
        Seen(TrackedProduct product, Money price, Availability availability) {
            this(product, price, availability, null);
        }
    }

    /** The cheapest of those that can be bought, else the cheapest. */
    static Optional<Seen> best(List<Seen> seen) {
        Comparator<Seen> cheapest = Comparator.comparing((Seen s) -> s.price().amount()).thenComparingLong(s -> s.product().productId());
        Optional<Seen> buyable = seen.stream().filter(s -> s.availability() != Availability.OUT_OF_STOCK).min(cheapest);
        return buyable.isPresent() ? buyable : seen.stream().min(cheapest);
    }
}
