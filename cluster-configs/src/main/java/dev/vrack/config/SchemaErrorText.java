package dev.vrack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a JSON Schema error in the rack file's terms. The validator's own text names regexes and JSON
 * types; this says what value was expected (from the schema's bounds, enums and descriptions) and what was
 * found, e.g. {@code chassis[0].slots: expected an integer from 1 to 64, got "eight"}.
 */
final class SchemaErrorText {

    private static final Set<String> VALUE_KEYWORDS = Set.of("type", "pattern", "enum", "const", "minimum",
            "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
            "format", "multipleOf");

    private static final Pattern DEPENDENT =
            Pattern.compile("missing property '([^']*)' which is dependent required because '([^']*)' is present");

    private final JsonNode schema;

    SchemaErrorText(JsonNode schema) {
        this.schema = schema;
    }

    /** Where the problem is and what to say about it. */
    record Explained(FieldPath path, String message) {
    }

    /**
     * Explains every error of one validation. A {@code oneOf} of plain {@code required} branches ("exactly one
     * of at, every, after") is explained once as such, so its branches' own "missing field" errors are dropped.
     */
    List<Explained> explainAll(Collection<ValidationMessage> errors) {
        List<String> choices = errors.stream()
                .filter(e -> "oneOf".equals(e.getType()) && isChoiceOfFields(ownerOf(e)))
                .map(e -> e.getInstanceLocation() + " " + e.getSchemaLocation().getFragment() + "/")
                .toList();
        return errors.stream()
                .filter(e -> choices.stream().noneMatch(c -> (e.getInstanceLocation() + " "
                        + e.getSchemaLocation().getFragment()).startsWith(c)))
                .map(this::explain)
                .toList();
    }

    private JsonNode ownerOf(ValidationMessage error) {
        JsonNodePath keywordLocation = error.getSchemaLocation().getFragment();
        return resolve(at(keywordLocation, keywordLocation.getNameCount() - 1));
    }

    /** True for {@code oneOf: [{required: [a]}, {required: [b]}, ...]}: the user must give exactly one field. */
    private static boolean isChoiceOfFields(JsonNode owner) {
        JsonNode branches = owner.path("oneOf");
        if (!branches.isArray() || branches.isEmpty()) {
            return false;
        }
        for (JsonNode branch : branches) {
            if (branch.size() != 1 || branch.path("required").size() != 1) {
                return false;
            }
        }
        return true;
    }

    private static List<String> choiceFields(JsonNode owner) {
        List<String> fields = new ArrayList<>();
        owner.path("oneOf").forEach(b -> fields.add(b.path("required").path(0).asText()));
        return fields;
    }

    /** "give exactly one of at, every, after; got none" / "...; got at and every". */
    private static String exactlyOne(JsonNode owner, JsonNode value) {
        List<String> fields = choiceFields(owner);
        List<String> given = fields.stream().filter(f -> value != null && value.has(f)).toList();
        String got = given.isEmpty() ? "none of them" : String.join(" and ", given);
        return "give exactly one of " + String.join(", ", fields) + ", got " + got;
    }

    Explained explain(ValidationMessage error) {
        FieldPath path = toFieldPath(error.getInstanceLocation());
        JsonNodePath keywordLocation = error.getSchemaLocation().getFragment();
        JsonNode owner = ownerOf(error);
        String keyword = error.getType();
        if ("required".equals(keyword) && error.getProperty() != null) {
            String field = error.getProperty();
            JsonNode property = resolve(propertySchema(keywordLocation, field));
            return new Explained(path, "missing required field \"" + field + "\", expected " + expected(property));
        }
        if ("oneOf".equals(keyword) && isChoiceOfFields(owner)) {
            return new Explained(path, exactlyOne(owner, error.getInstanceNode()));
        }
        if ("dependentRequired".equals(keyword)) {
            Matcher dependent = DEPENDENT.matcher(error.getMessage());
            if (dependent.find()) {
                return new Explained(path, "missing field \"" + dependent.group(1) + "\", which is required with \""
                        + dependent.group(2) + "\"");
            }
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
            if ("enum".equals(keyword) && value != null && value.isTextual()) {
                List<String> choices = new ArrayList<>();
                owner.get("enum").forEach(v -> choices.add(v.asText()));
                message += Suggestions.closest(value.asText(), choices)
                        .map(s -> " (did you mean \"" + s + "\"?)").orElse("");
            }
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
        if (known.isEmpty()) {
            // A mapping that takes nothing says why in its description (e.g. "no params: this fault takes none").
            return text.append("; ").append(owner.path("description").asText("no fields are allowed here"))
                    .toString();
        }
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
            case "boolean" -> "true or false";
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

    /**
     * The schema of a required field: in the object schema that requires it or, when the requirement sits in a
     * conditional ({@code allOf/3/then}), in the nearest enclosing schema that declares the field.
     */
    private JsonNode propertySchema(JsonNodePath keywordLocation, String field) {
        for (int count = keywordLocation.getNameCount() - 1; count >= 0; count--) {
            JsonNode candidate = resolve(at(keywordLocation, count)).path("properties").path(field);
            if (!candidate.isMissingNode()) {
                return candidate;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
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
