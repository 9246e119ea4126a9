package dev.vrack.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems found in one document, attaching to each the line of the field it is about. */
final class ProblemSink {

    private final YamlDocument document;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ProblemSink(YamlDocument document) {
        this.document = document;
    }

    void add(FieldPath path, String message) {
        problems.add(new ConfigProblem(document.file(), lineOf(path), path.toString(), message));
    }

    int lineOf(FieldPath path) {
        return document.locations().lineOf(path);
    }

    /** True when the document sets this field itself (rather than leaving it to a default). */
    boolean present(FieldPath path) {
        return !valueAt(path).isMissingNode();
    }

    /** The value the document holds at a path; a missing node when absent. */
    JsonNode valueAt(FieldPath path) {
        return document.root().at(path.pointer());
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    ConfigException failure() {
        return new ConfigException(problems.stream().distinct().sorted(SchemaProblems.ORDER).toList());
    }
}
