package dev.vrack.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.config.FieldPath;
import dev.vrack.config.ProblemSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Turns one schema-valid {@code steps[i]} mapping into a {@link Step}, with the defaults filled in. */
final class StepReader {

    static final FieldPath STEPS = FieldPath.ROOT.field("steps");

    private final ProblemSink problems;
    private final Path folder;

    StepReader(ProblemSink problems, Path folder) {
        this.problems = problems;
        this.folder = folder;
    }

    List<Step> readAll(JsonNode steps) {
        List<Step> read = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            read.add(read(steps.get(i), i));
        }
        return read;
    }

    private Step read(JsonNode node, int index) {
        FieldPath path = STEPS.index(index);
        String id = node.has("id") ? node.get("id").asText() : "step-" + (index + 1);
        FaultKind fault = FaultKind.byId(node.get("fault").asText()).orElseThrow();
        return new Step(id, problems.lineOf(path), timing(node, path), fault, targets(node.path("targets")),
                params(node.path("params")));
    }

    private Timing timing(JsonNode node, FieldPath path) {
        if (node.has("at")) {
            return new Timing.At(Durations.parse(node.get("at").asText()));
        }
        if (node.has("every")) {
            long every = Durations.parse(node.get("every").asText());
            if (every == 0) {
                problems.add(path.field("every"), "expected a duration of more than 0s (like 4s): a step cannot "
                        + "fire every 0s");
            }
            long start = node.has("start") ? Durations.parse(node.get("start").asText()) : 0;
            return new Timing.Every(start, every, node.get("times").asInt());
        }
        JsonNode after = node.get("after");
        long delay = after.has("delay") ? Durations.parse(after.get("delay").asText()) : 0;
        return new Timing.After(text(after, "event"), text(after, "source"), text(after, "step"), delay);
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }

    static TargetSpec targets(JsonNode node) {
        if (node.isMissingNode()) {
            return new TargetSpec.None();
        }
        if (node.isTextual()) {
            return new TargetSpec.Named(List.of(node.asText()));
        }
        if (node.isArray()) {
            List<String> names = new ArrayList<>();
            node.forEach(n -> names.add(n.asText()));
            return new TargetSpec.Named(names);
        }
        if (node.has("sameAs")) {
            return new TargetSpec.SameAs(node.get("sameAs").asText());
        }
        return new TargetSpec.Selector(optional(node, "kind"), optional(node, "app"),
                node.has("licensed") ? Optional.of(node.get("licensed").asBoolean()) : Optional.empty(),
                optional(node, "chassis"),
                node.has("random") ? OptionalInt.of(node.get("random").asInt()) : OptionalInt.empty());
    }

    private FaultParams params(JsonNode node) {
        if (node.isMissingNode()) {
            return FaultParams.NONE;
        }
        return new FaultParams(duration(node, "delay", false), duration(node, "jitter", false), loss(node),
                duration(node, "step", true), duration(node, "timeout", false), file(node, "key"),
                file(node, "card"), file(node, "file"), optional(node, "app"));
    }

    private static OptionalLong duration(JsonNode node, String field, boolean signed) {
        if (!node.has(field)) {
            return OptionalLong.empty();
        }
        String text = node.get(field).asText();
        return OptionalLong.of(signed ? Durations.parseSigned(text) : Durations.parse(text));
    }

    private static OptionalDouble loss(JsonNode node) {
        JsonNode loss = node.get("loss");
        if (loss == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(loss.isNumber() ? loss.asDouble() : Durations.percent(loss.asText()));
    }

    private Optional<Path> file(JsonNode node, String field) {
        return node.has(field) ? Optional.of(folder.resolve(node.get(field).asText()).normalize()) : Optional.empty();
    }

    private static Optional<String> optional(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
