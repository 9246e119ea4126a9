package dev.vrack.config;

import java.util.Objects;

/**
 * One thing wrong with a rack file.
 *
 * @param file    the file as the user named it (e.g. {@code demo.yml})
 * @param line    1-based line, or 0 when the problem is about the whole file
 * @param field   the field's path such as {@code chassis[0].slots}, or empty for the whole document
 * @param message what is wrong and how to fix it
 */
public record ConfigProblem(String file, int line, String field, String message) {

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** Compiler style: {@code demo.yml:14: chassis[0].cartridges[2].slot: slot 9 does not exist; ...}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (!field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(message).toString();
    }
}
