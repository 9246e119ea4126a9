package dev.vrack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Explains a JSON Schema error in the rack file's terms. The validator's own text names regexes and JSON
 * types; this says what value was expected (from the schema's bounds, enums and descriptions) and what was
 * found, e.g. {@code chassis[0].slots: expected an integer from 1 to 64, got "eight"}.
 */
final class SchemaErrorText {

    private static final Set<String> VALUE_KEYWORDS = Set.of("type", "pattern", "enum", "const", "minimum",
            "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
            "format", "multipleOf");

    private final JsonNode schema;

    SchemaErrorText(JsonNode schema) {
        this.schema = schema;
    }

    /** Where the problem is and what to say about it. */
    record Explained(FieldPath path, String message) {
    }

    Explained explain(ValidationMessage error) {
        FieldPath path = toFieldPath(error.getInstanceLocation());
        JsonNodePath keywordLocation = error.getSchemaLocation().getFragment();
        JsonNode owner = resolve(at(keywordLocation, keywordLocation.getNameCount() - 1));
        String keyword = error.getType();
        if ("required".equals(keyword) && error.getProperty() != null) {
            String field = error.getProperty();
            JsonNode property = resolve(owner.path("properties").path(field));
            return new Explained(path, "missing required field \"" + field + "\", expected " + expected(property));
        }
        if ("additionalProperties".equals(keyword) && error.getProperty() != null) {
            return new Explained(path.field(error.getProperty()), unknownField(error.getProperty(), owner));
        }
        if ("uniqueItems".equals(keyword)) {
            return new Explained(path, "expected " + expected(owner) + " with no value listed twice, got "
                    + render(error.getInstanceNode()));
        }
        if (VALUE_KEYWORDS.contains(keyword) && !owner.isMissingNode()) {
            JsonNode value = error.getInstanceNode();
            String message = "expected " + expected(owner) + ", got " + render(value);
            if ("string".equals(owner.path("type").asText()) && value != null
                    && (value.isNumber() || value.isBoolean())) {
                // YAML turns 0001 into 1 and yes/true into a boolean; quotes keep the text as written.
                message += " (YAML read it as a " + (value.isNumber() ? "number" : "boolean")
                        + "; put the value in quotes to keep it as text)";
            }
            return new Explained(path, message);
        }
        // A keyword this class does not know yet: the validator's text, minus its own path prefix.
        String text = error.getMessage();
        int colon = text.indexOf(": ");
        return new Explained(path, colon >= 0 ? text.substring(colon + 2) : text);
    }

    private static String unknownField(String field, JsonNode owner) {
        List<String> known = new ArrayList<>();
        owner.path("properties").fieldNames().forEachRemaining(known::add);
        StringBuilder text = new StringBuilder("unknown field \"").append(field).append('"');
        Suggestions.closest(field, known).ifPresent(s -> text.append(" (did you mean \"").append(s).append("\"?)"));
        return text.append("; the fields allowed here are ").append(String.join(", ", known)).toString();
    }

    /** A noun phrase for what a subschema accepts: its bounds or enum when it has them, else its description. */
    static String expected(JsonNode subschema) {
        if (subschema.has("enum")) {
            List<String> values = new ArrayList<>();
            subschema.get("enum").forEach(v -> values.add(v.asText()));
            return "one of " + String.join(", ", values);
        }
        if ("integer".equals(subschema.path("type").asText())) {
            JsonNode min = subschema.get("minimum");
            JsonNode max = subschema.get("maximum");
            if (min != null && max != null) {
                return "an integer from " + min.asText() + " to " + max.asText();
            }
            return min != null ? "an integer of at least " + min.asText() : "an integer";
        }
        if (subschema.has("description")) {
            return subschema.get("description").asText();
        }
        String type = subschema.path("type").asText("value");
        return switch (type) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "string" -> "a text value";
            default -> "a " + type;
        };
    }

    /** How to show a value the user wrote: strings quoted, short lists verbatim, mappings by their kind. */
    static String render(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "an empty value";
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (text.isEmpty()) {
                // YAML gives "key:" with nothing after it as an empty string.
                return "an empty value";
            }
            return text.length() > 60 ? "\"" + text.substring(0, 57) + "...\"" : value.toString();
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return "an empty list";
            }
            boolean scalars = true;
            for (JsonNode item : value) {
                scalars &= item.isValueNode();
            }
            String text = value.toString().replace(",", ", ");
            if (scalars && text.length() <= 60) {
                return text;
            }
            return value.size() == 1 ? "a list of 1 item" : "a list of " + value.size() + " items";
        }
        return value.toString();
    }

    private JsonNode at(JsonNodePath location, int count) {
        JsonNode node = schema;
        for (int i = 0; i < count; i++) {
            Object element = location.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return node;
    }

    /** Follows a local {@code $ref} (the only kind the rack schema uses). */
    private JsonNode resolve(JsonNode subschema) {
        JsonNode current = subschema;
        for (int hops = 0; hops < 8 && current.has("$ref") && !current.has("description"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                break;
            }
            current = schema.at(ref.substring(1));
        }
        return current;
    }

    static FieldPath toFieldPath(JsonNodePath location) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            elements.add(location.getElement(i));
        }
        return new FieldPath(elements);
    }
}
