package dev.vrack.config;

import java.util.List;

/** A rack file that cannot be used; {@link #getMessage()} is the full text to show the user, one problem a line. */
public class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /** Wraps one or more problems, already sorted in the order to show them. */
    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** A single problem about the whole file (missing, empty, too big...). */
    public ConfigException(String file, String message) {
        this(List.of(new ConfigProblem(file, 0, "", message)));
    }

    /** Every problem found, sorted by line. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder text = new StringBuilder()
                .append(problems.get(0).file()).append(" has ").append(problems.size()).append(" problems:");
        for (ConfigProblem problem : problems) {
            text.append("\n  ").append(problem);
        }
        return text.toString();
    }
}
