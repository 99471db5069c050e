package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

/**
 * Reading store JSON: numbers become {@link BigDecimal} straight from their text (never a {@code double}, so
 * 2128.3011583011585 keeps every digit until {@code Money} rounds it), and a few small helpers for optional fields.
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private Json() {
    }

    static JsonNode parse(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableResponseException("expected " + what + " but the body is not JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    /** The text at {@code path} (field names), or null when absent, null or blank. */
    static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isBlank() ? null : s;
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String field : path) {
            if (n == null) {
                return null;
            }
            n = n.get(field);
        }
        return n;
    }

    /** The node itself as text when it is a plain value, or null. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }

    /** The first element of an array field, or null. */
    static JsonNode first(JsonNode node, String field) {
        JsonNode array = node == null ? null : node.get(field);
        return array != null && array.isArray() && !array.isEmpty() ? array.get(0) : null;
    }

    /** A number given as a JSON number or as plain decimal text ("63.4900"); null when absent or blank. */
    static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            String s = node.asText().strip();
            if (s.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new UnreadableResponseException("expected a number, found '" + s + "'");
            }
        }
        throw new UnreadableResponseException("expected a number, found " + node.getNodeType());
    }

    static Boolean bool(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String s = node.asText().strip();
        return switch (s) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
