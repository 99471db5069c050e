package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A logged event of a search as {@code /search/{id}/results} lists it: the SSE id, event name and data, and when it
 * happened ({@code at}, and {@code timestamp}, the same instant under the original service's name).
 * {@link #data(SearchEvent)} is also exactly the {@code data:} line of the event stream.
 */
record EventJson(long id, String event, Object data, Instant at, Instant timestamp) {

    static EventJson from(RecordedEvent recorded) {
        return new EventJson(recorded.sequence(), recorded.event().name(), data(recorded.event()), recorded.at(),
                recorded.at());
    }

    /** The payload of an event, per the events table of the contract. */
    static Object data(SearchEvent event) {
        return switch (event) {
            case SearchEvent.Started e -> new StartedData(e.query(), e.maxResults(), e.vendors());
            case SearchEvent.VendorStarted e -> new VendorStartedData(e.vendorId(), e.vendorName());
            case SearchEvent.ProductFound e -> new ProductFoundData(e.vendorId(), ProductJson.from(e.product()));
            case SearchEvent.VendorCompleted e -> new VendorCompletedData(e.vendorId(), e.productsFound(), seconds(e.duration()));
            case SearchEvent.VendorError e -> new VendorErrorData(e.vendorId(), e.error(), e.kind().wireName(), seconds(e.duration()));
            case SearchEvent.Completed e -> new CompletedData(e.totalResults(), seconds(e.duration()),
                    ProductJson.fromNullable(e.cheapest()), GroupJson.allOf(e.groups()));
            case SearchEvent.Error e -> new ErrorData(e.error());
        };
    }

    /** Durations on the wire are seconds with millisecond precision. */
    static BigDecimal seconds(Duration duration) {
        return duration == null ? null : BigDecimal.valueOf(duration.toMillis(), 3);
    }

    /** The connection's first event on either transport; not part of the search's log. */
    record ConnectedData(UUID searchId, String message) {
    }

    record StartedData(String query, int maxResults, List<String> vendors) {
    }

    record VendorStartedData(String vendorId, String vendorName) {
    }

    record ProductFoundData(String vendorId, ProductJson product) {
    }

    record VendorCompletedData(String vendorId, int productsFound, BigDecimal duration) {
    }

    /** {@code duration}: seconds the store was given before it failed (beyond the original's fields). */
    record VendorErrorData(String vendorId, String error, String kind, BigDecimal duration) {
    }

    /** {@code groups}: the offers grouped into products, indexing the search's {@code product_found} products in order. */
    record CompletedData(int totalResults, BigDecimal duration, ProductJson cheapest, List<GroupJson> groups) {
    }

    record ErrorData(String error) {
    }

    /** Sent by a transport after a silent interval; not part of the search's log. */
    record HeartbeatData(Instant timestamp) {
    }
}
