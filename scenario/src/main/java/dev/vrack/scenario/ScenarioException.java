package dev.vrack.scenario;

import dev.vrack.config.ConfigException;
import dev.vrack.config.ConfigProblem;
import java.util.List;

/**
 * A scenario file that cannot be run; {@link #getMessage()} lists every problem, one a line, as
 * {@code file:line: field: what is wrong; what was expected}. It is a {@link ConfigException} so that a command
 * reporting bad rack files reports bad scenario files the same way.
 */
public class ScenarioException extends ConfigException {

    private static final long serialVersionUID = 1L;

    /** Wraps one or more problems, already sorted in the order to show them. */
    public ScenarioException(List<ConfigProblem> problems) {
        super(problems);
    }

    /** A single problem about the whole file (missing, empty, too big...). */
    public ScenarioException(String file, String message) {
        super(file, message);
    }

    static ScenarioException of(ConfigException e) {
        return e instanceof ScenarioException s ? s : new ScenarioException(e.problems());
    }
}
