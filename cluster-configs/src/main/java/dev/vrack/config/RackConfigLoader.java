package dev.vrack.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads and checks rack definitions; every process of a rack loads its {@code rack.yml} through here.
 * Checks run in order (file, YAML syntax, JSON Schema, then what the schema cannot express) and each stage
 * reports all its problems at once, sorted by line, so the user can fix a file in one pass.
 */
public final class RackConfigLoader {

    private RackConfigLoader() {
    }

    /** Loads a rack file; the exception's message names file, line, field and the fix. */
    public static RackConfig load(Path file) throws ConfigException {
        if (file == null) {
            throw new ConfigException("rack file", "no rack file given; name one such as cluster-configs/demo.yml");
        }
        String label = label(file);
        return parse(RackFileReader.read(file, label), file);
    }

    /**
     * Checks rack YAML already in memory. {@code source} names it in messages and anchors relative card and key
     * paths; it may be null for text that never came from a file.
     */
    public static RackConfig parse(String yaml, Path source) throws ConfigException {
        String label = source == null ? "rack definition" : label(source);
        if (yaml == null) {
            throw new ConfigException(label, "no text given");
        }
        // Counting chars is enough: a char is at least one UTF-8 byte, so this never refuses a valid file.
        if (yaml.length() > RackFileReader.MAX_BYTES) {
            throw new ConfigException(label, "the text is over 1 MiB; a rack file may be at most 1 MiB "
                    + "(they are normally a few KiB), so this is probably not a rack file");
        }
        YamlDocument document = YamlDocument.parse(yaml, label);
        List<ConfigProblem> schemaProblems = SchemaProblems.of(document);
        if (!schemaProblems.isEmpty()) {
            throw new ConfigException(schemaProblems);
        }
        return SemanticChecks.check(document, source);
    }

    /** The file as the user named it, which is what they will recognise in an error. */
    private static String label(Path file) {
        return file.toString();
    }
}
