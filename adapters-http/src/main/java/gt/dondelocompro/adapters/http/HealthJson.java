package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.HealthReport;
import gt.dondelocompro.application.port.in.RecorderStats;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /health}: the contract's fields ({@code redis}: the state shared with other instances), plus whether most active stores are failing ({@code stores}: {@code ok} or
 * {@code failing}, the stores that failed their last three searches in {@code failing_stores}), the background
 * recorder's figures and whether the stores are demo ones.
 */
record HealthJson(String status, String database, String redis, List<String> scrapers, List<String> activeScrapers,
                  String stores, List<String> failingStores, Instant timestamp, RecorderJson recorder, boolean demo,
                  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                  AlertsJson alerts) {

    static HealthJson from(HealthReport report, boolean demo) {
        return from(report, demo, null);
    }

    /** {@code alertsDurable} null: the service has no alerts, and the field is left out. */
    static HealthJson from(HealthReport report, boolean demo, Boolean alertsDurable) {
        return new HealthJson(report.healthy() ? "healthy" : "degraded", report.database().wireName(),
                report.sharedState().wireName(),
                report.scrapers(), report.activeScrapers(), report.storesFailing() ? "failing" : "ok", report.failingStores(),
                report.timestamp(), RecorderJson.from(report.recorder()), demo,
                alertsDurable == null ? null : AlertsJson.of(alertsDurable));
    }

    /** Where alerts and their re-checks are kept: {@code database}, or {@code memory} (lost at restart). */
    record AlertsJson(String storage, boolean lostAtRestart) {
        static AlertsJson of(boolean durable) {
            return new AlertsJson(durable ? "database" : "memory", !durable);
        }
    }

    /**
     * Searches accepted for saving, saved, waiting now, being retried now, given up on, left out by the
     * rollout, set aside as dead letters; offers left out of saved searches.
     */
    record RecorderJson(long queued, long saved, long backlog, long retrying, long failed, long skipped,
                        long deadLettered, long offersDropped) {
        static RecorderJson from(RecorderStats stats) {
            return new RecorderJson(stats.queued(), stats.saved(), stats.backlog(), stats.retrying(), stats.failed(),
                    stats.skipped(), stats.deadLettered(), stats.offersDropped());
        }
    }
}
