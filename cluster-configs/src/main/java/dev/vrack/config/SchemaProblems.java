package dev.vrack.config;

import java.util.Comparator;
import java.util.List;

/** Checks a parsed YAML file against its JSON Schema and reports every violation with its line. */
public final class SchemaProblems {

    private SchemaProblems() {
    }

    /** All rack schema violations, sorted by line then field, without duplicates; empty when the file conforms. */
    static List<ConfigProblem> of(YamlDocument document) {
        return of(document, RackSchema.instance());
    }

    /** All violations of {@code schema}, sorted by line then field, without duplicates; empty when none. */
    public static List<ConfigProblem> of(YamlDocument document, BundledSchema schema) {
        SchemaErrorText text = new SchemaErrorText(schema.tree());
        return text.explainAll(schema.validate(document.root())).stream()
                .map(e -> new ConfigProblem(document.file(), document.locations().lineOf(e.path()),
                        e.path().toString(), e.message()))
                .distinct()
                .sorted(ORDER)
                .toList();
    }

    /** Order of presentation: by line, then field, then text, so the output is stable from run to run. */
    public static final Comparator<ConfigProblem> ORDER = Comparator.comparingInt(ConfigProblem::line)
            .thenComparing(ConfigProblem::field)
            .thenComparing(ConfigProblem::message);
}
