package gt.dondelocompro.adapters.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.SearchEvent;

import java.util.Map;

/**
 * A search event (or a store's answer, for the outcome lists) as the data of a stream entry and back: the domain's records as Jackson writes them (their
 * components), durations ISO-8601, amounts exactly as their BigDecimal (scale kept). The entry's name field says
 * which record it is. Only instances of one version read each other's entries; a log lives for minutes.
 */
final class EventCodec {

    private static final Map<String, Class<? extends SearchEvent>> TYPES = Map.of(
            "started", SearchEvent.Started.class,
            "vendor_started", SearchEvent.VendorStarted.class,
            "product_found", SearchEvent.ProductFound.class,
            "vendor_completed", SearchEvent.VendorCompleted.class,
            "vendor_error", SearchEvent.VendorError.class,
            "completed", SearchEvent.Completed.class,
            "error", SearchEvent.Error.class);

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private EventCodec() {
    }

    static String write(SearchEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.name(), e);
        }
    }

    /** A store's answer ({@link StoreResult}) as the data of a stream entry; {@link #outcomeType} names its record. */
    static String writeResult(StoreResult result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a store's answer", e);
        }
    }

    static String outcomeType(StoreResult result) {
        return switch (result) {
            case StoreResult.Offers o -> "offers";
            case StoreResult.Failure f -> "failure";
        };
    }

    static StoreResult readResult(String type, String data) {
        Class<? extends StoreResult> record = switch (String.valueOf(type)) {
            case "offers" -> StoreResult.Offers.class;
            case "failure" -> StoreResult.Failure.class;
            default -> throw new IllegalStateException("unknown store answer type '" + type + "' in a shared outcome list");
        };
        try {
            return MAPPER.readValue(data, record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable store answer in a shared outcome list: " + e.getOriginalMessage(), e);
        }
    }

    static SearchEvent read(String name, String data) {
        Class<? extends SearchEvent> type = TYPES.get(name);
        if (type == null) {
            throw new IllegalStateException("unknown event name '" + name + "' in a shared log");
        }
        try {
            return MAPPER.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + name + " event in a shared log: " + e.getOriginalMessage(), e);
        }
    }
}
