package gt.dondelocompro.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.dondelocompro.domain.CacheOrigin;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.SearchStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static gt.dondelocompro.adapters.persistence.EventJson.MAPPER;
import static gt.dondelocompro.adapters.persistence.EventJson.NODES;

/**
 * A whole search as one JSON document: the header and the event log, each event's data as
 * {@link EventJson} writes it. Written in ASCII with {@code \\u} escapes, so a NUL or a lone surrogate (the
 * reasons a search ends up in {@code dead_letter_searches}) survives a {@code text} column and reads back equal.
 */
final class SearchJson {

    private static final ObjectWriter ASCII = MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private SearchJson() {
    }

    static String write(SearchSnapshot s) {
        ObjectNode json = NODES.objectNode();
        json.put("search_id", s.id().toString());
        json.put("query", s.query().original());
        json.put("max_results", s.maxResults());
        json.put("status", s.status().wireName());
        json.put("created_at", text(s.createdAt()));
        json.put("started_at", text(s.startedAt()));
        json.put("completed_at", text(s.completedAt()));
        json.put("error_message", s.errorMessage());
        if (s.cachedFrom() == null) {
            json.putNull("cached_from");
        } else {
            ObjectNode origin = json.putObject("cached_from").put("search_id", s.cachedFrom().searchId().toString())
                    .put("completed_at", text(s.cachedFrom().completedAt()));
            if (s.cachedFrom().joined()) {
                origin.put("joined", true);
            }
            if (s.cachedFrom().refreshSearchId() != null) {
                origin.put("refresh_search_id", s.cachedFrom().refreshSearchId().toString());
            }
        }
        ArrayNode events = json.putArray("events");
        for (RecordedEvent e : s.events()) {
            events.addObject().put("sequence", e.sequence()).put("at", text(e.at())).put("event", e.event().name())
                    .set("data", EventJson.node(e.event()));
        }
        try {
            return ASCII.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write search " + s.id(), e);
        }
    }

    static SearchSnapshot read(String document) {
        JsonNode json;
        try {
            json = MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable search document: " + e.getOriginalMessage(), e);
        }
        List<RecordedEvent> events = new ArrayList<>();
        for (JsonNode e : json.path("events")) {
            events.add(new RecordedEvent(e.path("sequence").asLong(), instant(e.get("at")),
                    EventJson.read(e.path("event").asText(), e.path("data"))));
        }
        JsonNode origin = json.path("cached_from");
        String query = json.path("query").asText();
        return new SearchSnapshot(UUID.fromString(json.path("search_id").asText()), new SearchQuery(query, SearchQuery.normalize(query)),
                json.path("max_results").asInt(), SearchStatus.fromWireName(json.path("status").asText()),
                instant(json.get("created_at")), instant(json.get("started_at")), instant(json.get("completed_at")),
                json.path("error_message").isNull() ? null : json.path("error_message").asText(),
                origin.isObject() ? new CacheOrigin(UUID.fromString(origin.path("search_id").asText()), instant(origin.get("completed_at")),
                        origin.path("joined").asBoolean(false),
                        origin.hasNonNull("refresh_search_id") ? UUID.fromString(origin.path("refresh_search_id").asText()) : null) : null,
                events);
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
