package dev.vrack.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A fault scenario as loaded from its YAML file: the rack to bring up, the seed for every random choice, the
 * timed fault steps, the expectations and the {@code rack check} invariants that decide the verdict.
 *
 * @param name         the scenario's name (reports and JUnit suite name)
 * @param description  one paragraph for the report; may be empty
 * @param file         the scenario file it was loaded from (absolute)
 * @param rackFile     the rack definition to bring up (absolute; resolved against the scenario's folder)
 * @param seed         seeds every random choice (target selection), so a run can be repeated
 * @param rackOptions  {@code rack up} lease timing overrides
 * @param steps        the fault steps, in file order
 * @param expectations what must hold, in file order
 * @param invariants   ids of the checker invariants to enforce ({@code dev.vrack.checker.Invariant#id()})
 * @param durationMs   how long the scenario runs after the rack is up; empty means: until the last timed step,
 *                     plus the longest {@code eventually} bound, plus one second
 */
public record Scenario(String name, String description, Path file, Path rackFile, long seed, RackOptions rackOptions,
                       List<Step> steps, List<Expectation> expectations, List<String> invariants,
                       Optional<Long> durationMs) {

    public Scenario {
        steps = List.copyOf(steps);
        expectations = List.copyOf(expectations);
        invariants = List.copyOf(invariants);
    }
}
