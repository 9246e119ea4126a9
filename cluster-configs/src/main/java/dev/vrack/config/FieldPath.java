package dev.vrack.config;

import java.util.ArrayList;
import java.util.List;

/** Where a value sits in a YAML document, e.g. {@code chassis[0].cartridges[2].slot}. */
public record FieldPath(List<Object> elements) {

    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        elements = List.copyOf(elements);
    }

    public FieldPath field(String name) {
        return append(name);
    }

    public FieldPath index(int index) {
        return append(index);
    }

    private FieldPath append(Object element) {
        List<Object> longer = new ArrayList<>(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    public boolean isRoot() {
        return elements.isEmpty();
    }

    public FieldPath parent() {
        return isRoot() ? this : new FieldPath(elements.subList(0, elements.size() - 1));
    }

    /** RFC 6901 pointer, the key under which {@link YamlLocations} records lines. */
    public String pointer() {
        StringBuilder text = new StringBuilder();
        for (Object element : elements) {
            text.append('/').append(element.toString().replace("~", "~0").replace("/", "~1"));
        }
        return text.toString();
    }

    /** The user-facing form: names joined by dots, indexes in brackets; empty for the document itself. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Object element : elements) {
            if (element instanceof Integer) {
                text.append('[').append(element).append(']');
            } else {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(element);
            }
        }
        return text.toString();
    }
}
