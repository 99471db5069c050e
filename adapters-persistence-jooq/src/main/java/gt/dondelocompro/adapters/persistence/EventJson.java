package gt.dondelocompro.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.ComparisonGroup;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.identity.ProductGroup;
import org.jooq.JSONB;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * A search event as the {@code search_events.data} jsonb and back. Field names follow the event stream
 * (snake_case); amounts and relevance are JSON numbers written exactly from their BigDecimal (jsonb keeps
 * their scale) and read back as BigDecimal; durations are ISO-8601 ({@code PT0.105S}), so nothing is rounded.
 */
final class EventJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private EventJson() {
    }

    static JSONB write(SearchEvent event) {
        ObjectNode json = node(event);
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.name(), e);
        }
    }

    /** The event's data as a JSON tree, as {@link #write} stores it. */
    static ObjectNode node(SearchEvent event) {
        ObjectNode json = NODES.objectNode();
        switch (event) {
            case SearchEvent.Started s -> {
                json.put("query", s.query());
                json.put("max_results", s.maxResults());
                ArrayNode vendors = json.putArray("vendors");
                s.vendors().forEach(vendors::add);
            }
            case SearchEvent.VendorStarted s -> {
                json.put("vendor_id", s.vendorId());
                json.put("vendor_name", s.vendorName());
            }
            case SearchEvent.ProductFound f -> {
                json.put("vendor_id", f.vendorId());
                json.set("product", offer(f.product()));
            }
            case SearchEvent.VendorCompleted c -> {
                json.put("vendor_id", c.vendorId());
                json.put("products_found", c.productsFound());
                json.put("duration", duration(c.duration()));
            }
            case SearchEvent.VendorError e -> {
                json.put("vendor_id", e.vendorId());
                json.put("error", e.error());
                json.put("kind", e.kind() == null ? null : e.kind().wireName());
                json.put("duration", duration(e.duration()));
            }
            case SearchEvent.Completed c -> {
                json.put("total_results", c.totalResults());
                json.put("duration", duration(c.duration()));
                json.set("cheapest", c.cheapest() == null ? NODES.nullNode() : offer(c.cheapest()));
                ArrayNode groups = json.putArray("groups");
                c.groups().forEach(g -> groups.add(group(g)));
            }
            case SearchEvent.Error e -> json.put("error", e.error());
        }
        return json;
    }

    static SearchEvent read(String eventType, JSONB data) {
        JsonNode json;
        try {
            json = MAPPER.readTree(data.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + eventType + " event: " + e.getOriginalMessage(), e);
        }
        return read(eventType, json);
    }

    /** The event of this type from its data as a JSON tree. */
    static SearchEvent read(String eventType, JsonNode json) {
        return switch (eventType) {
            case "started" -> {
                List<String> vendors = new ArrayList<>();
                json.path("vendors").forEach(v -> vendors.add(v.asText()));
                yield new SearchEvent.Started(text(json, "query"), json.path("max_results").asInt(), vendors);
            }
            case "vendor_started" -> new SearchEvent.VendorStarted(text(json, "vendor_id"), text(json, "vendor_name"));
            case "product_found" -> new SearchEvent.ProductFound(text(json, "vendor_id"), offer(json.path("product")));
            case "vendor_completed" -> new SearchEvent.VendorCompleted(text(json, "vendor_id"),
                    json.path("products_found").asInt(), duration(text(json, "duration")));
            case "vendor_error" -> {
                String kind = text(json, "kind");
                yield new SearchEvent.VendorError(text(json, "vendor_id"), text(json, "error"),
                        kind == null ? null : FailureKind.fromWireName(kind), duration(text(json, "duration")));
            }
            case "completed" -> new SearchEvent.Completed(json.path("total_results").asInt(),
                    duration(text(json, "duration")), json.path("cheapest").isObject() ? offer(json.path("cheapest")) : null,
                    groups(json.get("groups")));
            case "error" -> new SearchEvent.Error(text(json, "error"));
            default -> throw new IllegalStateException("unknown event type '" + eventType + "'");
        };
    }

    /** The product shape of the HTTP contract. */
    private static ObjectNode offer(Offer offer) {
        ObjectNode json = NODES.objectNode();
        json.put("vendor_id", offer.vendorId());
        json.put("vendor_name", offer.vendorName());
        json.put("vendor_product_id", offer.vendorProductId());
        json.put("name", offer.name());
        json.put("brand", offer.brand());
        json.put("price", offer.price().amount());
        json.put("list_price", offer.listPrice() == null ? null : offer.listPrice().amount());
        json.put("currency", offer.price().currency().getCurrencyCode());
        json.put("url", offer.url());
        json.put("image_url", offer.imageUrl());
        json.put("availability", offer.availability().wireName());
        json.put("relevance", offer.relevance());
        json.put("gtin", offer.gtin());
        json.put("model", offer.model());
        json.put("category", offer.category());
        return json;
    }

    private static Offer offer(JsonNode json) {
        Currency currency = Currency.getInstance(text(json, "currency"));
        BigDecimal listPrice = decimal(json, "list_price");
        return new Offer(text(json, "vendor_id"), text(json, "vendor_name"), text(json, "vendor_product_id"),
                text(json, "name"), text(json, "brand"), text(json, "url"), text(json, "image_url"),
                new Money(decimal(json, "price"), currency), listPrice == null ? null : new Money(listPrice, currency),
                Availability.fromWireName(text(json, "availability")), decimal(json, "relevance"),
                text(json, "gtin"), text(json, "model"), text(json, "category"));
    }

    /** A comparison group: its offers as indexes into the log's offers, amounts in the currency of its offers. */
    private static ObjectNode group(ComparisonGroup group) {
        ProductGroup p = group.product();
        ObjectNode json = NODES.objectNode();
        json.put("group_id", group.id());
        json.put("cheapest_vendor_id", group.cheapestVendorId());
        ArrayNode offers = json.putArray("offers");
        p.offers().forEach(offers::add);
        json.put("cheapest", p.cheapest());
        json.put("currency", p.priceMin().currency().getCurrencyCode());
        json.put("price_min", p.priceMin().amount());
        json.put("price_max", p.priceMax().amount());
        json.put("saving", p.saving().amount());
        ArrayNode stores = json.putArray("stores");
        p.stores().forEach(stores::add);
        json.put("relevance", p.relevance());
        json.put("name", p.name());
        json.put("brand", p.brand());
        json.put("model", p.model());
        json.put("gtin", p.gtin());
        json.put("match_key", p.matchKey());
        return json;
    }

    /** Null when the log was saved before groups were kept (no {@code groups} field). */
    private static List<ComparisonGroup> groups(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        List<ComparisonGroup> groups = new ArrayList<>();
        for (JsonNode g : json) {
            Currency currency = Currency.getInstance(text(g, "currency"));
            List<Integer> offers = new ArrayList<>();
            g.path("offers").forEach(i -> offers.add(i.asInt()));
            List<String> stores = new ArrayList<>();
            g.path("stores").forEach(v -> stores.add(v.asText()));
            groups.add(new ComparisonGroup(text(g, "group_id"), text(g, "cheapest_vendor_id"), new ProductGroup(offers,
                    g.path("cheapest").asInt(), new Money(decimal(g, "price_min"), currency),
                    new Money(decimal(g, "price_max"), currency), new Money(decimal(g, "saving"), currency), stores,
                    decimal(g, "relevance"), text(g, "name"), text(g, "brand"), text(g, "model"), text(g, "gtin"),
                    text(g, "match_key"))));
        }
        return groups;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static BigDecimal decimal(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.decimalValue();
    }

    private static String duration(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    private static Duration duration(String iso) {
        return iso == null ? null : Duration.parse(iso);
    }
}
