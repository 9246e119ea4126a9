package dev.vrack.scenario.report;

import dev.vrack.common.Event;
import dev.vrack.scenario.Scenario;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the runner hands over once a scenario run is over: everything the judgement and the reports need.
 *
 * @param scenario         the scenario that ran
 * @param history          the merged event history, sorted by {@code mono} (the fault firings are in it as
 *                         {@code fault.injected} events from source {@code rack})
 * @param startMono        the scenario's time zero: the rack is up
 * @param endMono          the scenario's end (before tear-down); {@code END} anchors count from it
 * @param complete         false when the run was interrupted (Ctrl-C) or aborted
 * @param incompleteReason why it did not complete (empty when it did)
 * @param seed             the seed every random choice used
 * @param versions         rack version, java version, OS, ... by name, in the order to show them
 * @param machine          the machine it ran on, in one line
 */
public record ScenarioRun(Scenario scenario, List<Event> history, long startMono, long endMono, boolean complete,
                          Optional<String> incompleteReason, long seed, Map<String, String> versions,
                          String machine) {

    public ScenarioRun {
        Objects.requireNonNull(scenario, "scenario");
        history = List.copyOf(history);
        incompleteReason = incompleteReason == null ? Optional.empty() : incompleteReason;
        versions = versions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
        machine = machine == null ? "" : machine;
        if (endMono < startMono) {
            throw new IllegalArgumentException("endMono (" + endMono + ") must not be before startMono ("
                    + startMono + ")");
        }
    }

    /** The clock that shows this run's instants as seconds since its start. */
    public RunClock clock() {
        return new RunClock(startMono);
    }
}
