package dev.vrack.chassis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.chassis.ChassisException.Reason;
import dev.vrack.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.List;

/** A control request's JSON body, with typed field access whose errors name the field and the fix. */
final class RequestBody {

    private final String endpoint;
    private final ObjectNode node;

    private RequestBody(String endpoint, ObjectNode node) {
        this.endpoint = endpoint;
        this.node = node;
    }

    /** Parses {@code body} (empty means {@code {}}) and refuses fields outside {@code known}. */
    static RequestBody parse(String endpoint, byte[] body, List<String> known) {
        String text = new String(body, StandardCharsets.UTF_8);
        ObjectNode node;
        if (text.isBlank()) {
            node = JsonNodeFactory.instance.objectNode();
        } else {
            JsonNode parsed;
            try {
                parsed = Json.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw bad("malformed JSON in the body of " + endpoint + ": " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr()), "send a JSON object, e.g. " + example(known));
            }
            if (!(parsed instanceof ObjectNode object)) {
                throw bad("the body of " + endpoint + " must be a JSON object, got " + parsed.getNodeType()
                        .toString().toLowerCase(java.util.Locale.ROOT), "send a JSON object, e.g. " + example(known));
            }
            node = object;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw bad("unknown field '" + field + "' in the body of " + endpoint,
                        known.isEmpty() ? "this endpoint takes no body" : "known fields: " + String.join(", ", known));
            }
        }
        return new RequestBody(endpoint, node);
    }

    private static String example(List<String> known) {
        return known.isEmpty() ? "{}" : "{\"" + known.iterator().next() + "\": …}";
    }

    boolean bool(String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw bad("field '" + field + "' of " + endpoint + " must be true or false, got " + value, null);
        }
        return value.booleanValue();
    }

    boolean requiredBool(String field) {
        if (!node.hasNonNull(field)) {
            throw bad("field '" + field + "' is missing from the body of " + endpoint,
                    "send e.g. {\"" + field + "\": true}");
        }
        return bool(field, false);
    }

    long longValue(String field, long fallback, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < min
                || value.longValue() > max) {
            throw bad("field '" + field + "' of " + endpoint + " must be a whole number from " + min + " to " + max
                    + ", got " + value, null);
        }
        return value.longValue();
    }

    /** A number (whole or not) in [min, max], or {@code fallback} when absent. */
    double doubleValue(String field, double fallback, double min, double max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || !(value.doubleValue() >= min && value.doubleValue() <= max)) {
            throw bad("field '" + field + "' of " + endpoint + " must be a number from " + format(min) + " to "
                    + format(max) + ", got " + value, null);
        }
        return value.doubleValue();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** True when the body has no (or a null) {@code field}. */
    boolean isMissing(String field) {
        return !node.hasNonNull(field);
    }

    Optional<String> string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw bad("field '" + field + "' of " + endpoint + " must be a string, got " + value, null);
        }
        return Optional.of(value.textValue());
    }

    String requiredString(String field, String example) {
        return string(field).filter(s -> !s.isBlank()).orElseThrow(() -> bad("field '" + field
                + "' is missing from the body of " + endpoint, "send e.g. {\"" + field + "\": \"" + example + "\"}"));
    }

    private static ChassisException bad(String message, String hint) {
        return new ChassisException(Reason.BAD_REQUEST, message, hint == null ? "see docs/ARCHITECTURE.md, "
                + "section \"The chassis control API\"" : hint);
    }
}
