package dev.vrack.config;

import java.util.Map;

/**
 * The line of every value in a YAML document, keyed by JSON pointer: for a mapping member the line of its
 * key, for a list item the line where the item starts. Lets schema errors (which know only a path) point at
 * the line the user has to edit.
 */
public final class YamlLocations {

    private final Map<String, Integer> lines;

    YamlLocations(Map<String, Integer> lines) {
        this.lines = Map.copyOf(lines);
    }

    /** The line of the path, or of its nearest ancestor present in the file (a missing field's parent). */
    public int lineOf(FieldPath path) {
        FieldPath current = path;
        while (true) {
            Integer line = lines.get(current.pointer());
            if (line != null) {
                return line;
            }
            if (current.isRoot()) {
                return 1;
            }
            current = current.parent();
        }
    }
}
