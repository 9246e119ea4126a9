package dev.vrack.scenario;

import dev.vrack.config.BundledSchema;
import dev.vrack.config.ConfigException;
import dev.vrack.config.ConfigProblem;
import dev.vrack.config.DocumentKind;
import dev.vrack.config.RackFileReader;
import dev.vrack.config.SchemaProblems;
import dev.vrack.config.YamlDocument;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and checks scenario files. Checks run in order (the file, YAML syntax, the JSON Schema
 * {@code scenario.schema.json}, then what a schema cannot express: step ids, anchors, {@code after} cycles, and
 * the names of slots, chassis and applications against the rack file), each stage reporting all its problems at
 * once, so a scenario is refused before anything starts.
 */
public final class ScenarioLoader {

    /** Where the build puts the schema inside the jar (see the module's pom). */
    static final String SCHEMA_RESOURCE = "/dev/vrack/scenario/scenario.schema.json";

    static final DocumentKind KIND = new DocumentKind("scenario file", "scenario",
            "a scenario needs at least scenario and rack (see cluster-configs/scenarios/pull-failover.yml)",
            "the shipped scenarios are in cluster-configs/scenarios/");

    private static final BundledSchema SCHEMA = BundledSchema.load(ScenarioLoader.class, SCHEMA_RESOURCE,
            "rebuild the scenario module (mvn -pl scenario -am package)");

    private ScenarioLoader() {
    }

    /** Loads a scenario file; the exception's message names file, line, field and what was expected. */
    public static Scenario load(Path file) throws ScenarioException {
        if (file == null) {
            throw new ScenarioException("scenario file", "no scenario file given; name one such as "
                    + "cluster-configs/scenarios/pull-failover.yml");
        }
        try {
            return parse(RackFileReader.read(file, file.toString(), KIND), file);
        } catch (ScenarioException e) {
            throw e;
        } catch (ConfigException e) {
            throw ScenarioException.of(e);
        }
    }

    /**
     * Checks scenario YAML already in memory, as if read from {@code file} (which names it in messages and anchors
     * the relative rack and params paths; it need not exist).
     */
    public static Scenario parse(String yaml, Path file) throws ScenarioException {
        String label = file.toString();
        if (yaml.length() > RackFileReader.MAX_BYTES) {
            throw new ScenarioException(label, "the text is over 1 MiB; a scenario file may be at most 1 MiB "
                    + "(they are normally a few KiB), so this is probably not a scenario file");
        }
        YamlDocument document;
        try {
            document = YamlDocument.parse(yaml, label, KIND);
        } catch (ConfigException e) {
            throw ScenarioException.of(e);
        }
        List<ConfigProblem> schemaProblems = SchemaProblems.of(document, SCHEMA);
        if (!schemaProblems.isEmpty()) {
            throw new ScenarioException(schemaProblems);
        }
        return new ScenarioReader(document, file.toAbsolutePath().normalize()).read();
    }

    /** The schema's tree, for tests that hold it equal to the Java enums. */
    static BundledSchema schema() {
        return SCHEMA;
    }
}
