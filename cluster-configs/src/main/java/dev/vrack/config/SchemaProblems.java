package dev.vrack.config;

import java.util.Comparator;
import java.util.List;

/** Checks a parsed rack file against the JSON Schema and reports every violation with its line. */
final class SchemaProblems {

    private SchemaProblems() {
    }

    /** All schema violations, sorted by line then field, without duplicates; empty when the file conforms. */
    static List<ConfigProblem> of(YamlDocument document) {
        RackSchema schema = RackSchema.instance();
        SchemaErrorText text = new SchemaErrorText(schema.tree());
        return schema.validate(document.root()).stream()
                .map(text::explain)
                .map(e -> new ConfigProblem(document.file(), document.locations().lineOf(e.path()),
                        e.path().toString(), e.message()))
                .distinct()
                .sorted(ORDER)
                .toList();
    }

    /** Order of presentation: by line, then field, then text, so the output is stable from run to run. */
    static final Comparator<ConfigProblem> ORDER = Comparator.comparingInt(ConfigProblem::line)
            .thenComparing(ConfigProblem::field)
            .thenComparing(ConfigProblem::message);
}
