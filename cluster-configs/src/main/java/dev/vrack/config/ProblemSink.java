package dev.vrack.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems found in one document, attaching to each the line of the field it is about. */
public final class ProblemSink {

    private final YamlDocument document;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public ProblemSink(YamlDocument document) {
        this.document = document;
    }

    public void add(FieldPath path, String message) {
        problems.add(new ConfigProblem(document.file(), lineOf(path), path.toString(), message));
    }

    public int lineOf(FieldPath path) {
        return document.locations().lineOf(path);
    }

    /** True when the document sets this field itself (rather than leaving it to a default). */
    public boolean present(FieldPath path) {
        return !valueAt(path).isMissingNode();
    }

    /** The value the document holds at a path; a missing node when absent. */
    public JsonNode valueAt(FieldPath path) {
        return document.root().at(path.pointer());
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Every problem so far, in the order to show them. */
    public List<ConfigProblem> problems() {
        return problems.stream().distinct().sorted(SchemaProblems.ORDER).toList();
    }

    /** The problems as one exception; only when there is at least one. */
    public ConfigException failure() {
        return new ConfigException(problems());
    }
}
