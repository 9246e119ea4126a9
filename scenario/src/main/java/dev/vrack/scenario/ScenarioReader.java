package dev.vrack.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.checker.Invariant;
import dev.vrack.config.ConfigException;
import dev.vrack.config.ConfigProblem;
import dev.vrack.config.FieldPath;
import dev.vrack.config.ProblemSink;
import dev.vrack.config.RackConfig;
import dev.vrack.config.RackConfigLoader;
import dev.vrack.config.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds a {@link Scenario} from a schema-valid document and runs the checks a schema cannot express. */
final class ScenarioReader {

    private static final FieldPath RACK = FieldPath.ROOT.field("rack");

    private final YamlDocument document;
    private final Path file;
    private final ProblemSink problems;
    /** The rack file's own problems, shown after the scenario's (they name the rack file and its lines). */
    private final List<ConfigProblem> rackProblems = new ArrayList<>();

    ScenarioReader(YamlDocument document, Path file) {
        this.document = document;
        this.file = file;
        this.problems = new ProblemSink(document);
    }

    Scenario read() throws ScenarioException {
        JsonNode root = document.root();
        Path folder = file.getParent() == null ? Path.of("").toAbsolutePath() : file.getParent();
        Path rackFile = folder.resolve(root.get("rack").asText()).normalize();
        Optional<RackConfig> rack = rack(rackFile);
        List<Step> steps = new StepReader(problems, folder).readAll(root.path("steps"));
        List<Expectation> expectations = new ExpectationReader(problems).readAll(root.path("expect"));
        new ScenarioChecks(problems, rack.map(RackNames::of)).check(steps, expectations);
        if (!problems.isEmpty() || !rackProblems.isEmpty()) {
            List<ConfigProblem> all = new ArrayList<>(problems.problems());
            all.addAll(rackProblems);
            throw new ScenarioException(all);
        }
        return new Scenario(root.get("scenario").asText(), root.path("description").asText(""), file, rackFile,
                root.path("seed").asLong(0), rackOptions(root.path("rackOptions")), steps, expectations,
                invariants(root.path("invariants")),
                root.has("duration") ? Optional.of(Durations.parse(root.get("duration").asText())) : Optional.empty());
    }

    /** The rack file, loaded and checked like {@code rack up} does; its problems are reported with the scenario's. */
    private Optional<RackConfig> rack(Path rackFile) {
        if (!Files.exists(rackFile)) {
            problems.add(RACK, "no such rack file " + rackFile + "; the path is relative to the scenario's folder "
                    + "(like ../demo.yml for cluster-configs/demo.yml seen from cluster-configs/scenarios/)");
            return Optional.empty();
        }
        try {
            return Optional.of(RackConfigLoader.load(rackFile));
        } catch (ConfigException e) {
            problems.add(RACK, "the rack file " + rackFile.getFileName() + " cannot be used; its problems follow");
            rackProblems.addAll(e.problems());
            return Optional.empty();
        }
    }

    private static RackOptions rackOptions(JsonNode node) {
        return new RackOptions(ms(node, "leaseTtlMs"), ms(node, "safetyMarginMs"), ms(node, "keyGraceMs"),
                ms(node, "retryMs"));
    }

    private static OptionalLong ms(JsonNode node, String field) {
        return node.has(field) ? OptionalLong.of(node.get(field).asLong()) : OptionalLong.empty();
    }

    /** The invariants the file lists, else every one a scenario may choose ({@code malformed-event} always holds). */
    private static List<String> invariants(JsonNode node) {
        if (node.isMissingNode()) {
            return selectable();
        }
        List<String> ids = new ArrayList<>();
        node.forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** The checker's invariants a scenario may list: all but {@code malformed-event}, which is always enforced. */
    static List<String> selectable() {
        return Arrays.stream(Invariant.values()).filter(i -> i != Invariant.MALFORMED_EVENT)
                .map(Invariant::id).toList();
    }
}
