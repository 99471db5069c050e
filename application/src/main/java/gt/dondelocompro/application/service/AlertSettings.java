package gt.dondelocompro.application.service;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of alerts: how often a tracked product is re-checked ({@code TRACK_INTERVAL}), how many alerts one channel
 * address may have on one target ({@code ALERTS_PER_TARGET}), how often the outbox is looked at and how deliveries
 * back off, how many days raw prices are kept ({@code PRICE_RETENTION_DAYS}), how many popular queries are re-run
 * ({@code TRACK_POPULAR}), and the service's public address for the links in e-mails ({@code PUBLIC_BASE_URL}).
 */
public record AlertSettings(Duration trackInterval, int alertsPerTarget, Duration deliveryPoll, Duration deliveryBackoff,
                            Duration maxDeliveryBackoff, int priceRetentionDays, int trackPopular, URI publicBaseUrl) {

    public AlertSettings {
        requirePositive(trackInterval, "track interval");
        requirePositive(deliveryPoll, "delivery poll");
        requirePositive(deliveryBackoff, "delivery backoff");
        requirePositive(maxDeliveryBackoff, "max delivery backoff");
        if (alertsPerTarget < 1) {
            throw new IllegalArgumentException("alerts per target must be positive");
        }
        if (priceRetentionDays < 1) {
            throw new IllegalArgumentException("price retention days must be positive");
        }
        if (trackPopular < 0) {
            throw new IllegalArgumentException("track popular must not be negative");
        }
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    /** Every 6 h, 5 alerts per address and target, the outbox looked at every second, 400 days of raw prices. */
    public static AlertSettings defaults() {
        return new AlertSettings(Duration.ofHours(6), 5, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(15),
                400, 0, URI.create("http://localhost:8080"));
    }

    public AlertSettings withTrackInterval(Duration interval) {
        return new AlertSettings(interval, alertsPerTarget, deliveryPoll, deliveryBackoff, maxDeliveryBackoff, priceRetentionDays,
                trackPopular, publicBaseUrl);
    }

    public AlertSettings withAlertsPerTarget(int n) {
        return new AlertSettings(trackInterval, n, deliveryPoll, deliveryBackoff, maxDeliveryBackoff, priceRetentionDays,
                trackPopular, publicBaseUrl);
    }

    public AlertSettings withDelivery(Duration poll, Duration backoff, Duration maxBackoff) {
        return new AlertSettings(trackInterval, alertsPerTarget, poll, backoff, maxBackoff, priceRetentionDays, trackPopular,
                publicBaseUrl);
    }

    public AlertSettings withPriceRetentionDays(int days) {
        return new AlertSettings(trackInterval, alertsPerTarget, deliveryPoll, deliveryBackoff, maxDeliveryBackoff, days,
                trackPopular, publicBaseUrl);
    }

    public AlertSettings withTrackPopular(int n) {
        return new AlertSettings(trackInterval, alertsPerTarget, deliveryPoll, deliveryBackoff, maxDeliveryBackoff,
                priceRetentionDays, n, publicBaseUrl);
    }

    public AlertSettings withPublicBaseUrl(URI url) {
        return new AlertSettings(trackInterval, alertsPerTarget, deliveryPoll, deliveryBackoff, maxDeliveryBackoff,
                priceRetentionDays, trackPopular, url);
    }

    /** Doubling from {@link #deliveryBackoff()} after each failed attempt, up to {@link #maxDeliveryBackoff()}. */
    public Duration backoffAfter(int failedAttempts) {
        Duration d = deliveryBackoff.multipliedBy(1L << Math.min(Math.max(failedAttempts - 1, 0), 30));
        return d.compareTo(maxDeliveryBackoff) > 0 ? maxDeliveryBackoff : d;
    }
}
