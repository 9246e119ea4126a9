package dev.vrack.scenario.report;

import dev.vrack.checker.CheckerOptions;
import dev.vrack.checker.HistoryChecker;
import dev.vrack.checker.Invariant;
import dev.vrack.checker.Verdict;
import dev.vrack.checker.Violation;
import dev.vrack.scenario.RackOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything known about a scenario run once it is judged: the run, the checker's verdict (with its timelines),
 * each expectation's results, each enforced invariant's result, the failover table and the fault firings.
 *
 * @param run          what the runner handed over
 * @param verdict      the checker's verdict on the whole history
 * @param expectations the expectations' results, in scenario order (one per firing for step anchors)
 * @param invariants   the enforced invariants' results, in scenario order
 * @param failover     the failover table
 * @param faults       every fault firing, in time order
 */
public record ScenarioReport(ScenarioRun run, Verdict verdict, List<ExpectationResult> expectations,
                             List<InvariantResult> invariants, FailoverTable failover, List<FaultFiring> faults) {

    /** Slack added to the lease's time to live for a cutting-off fault's suspension to count as its victim. */
    private static final long SUSPEND_SLACK_MS = 5_000;
    private static final long DEFAULT_LEASE_TTL_MS = 10_000;
    private static final long SWEEP_MS = 1_000;

    public ScenarioReport {
        expectations = List.copyOf(expectations);
        invariants = List.copyOf(invariants);
        faults = List.copyOf(faults);
    }

    /** Judges a run: checks its history, judges its expectations and invariants, builds the failover table. */
    public static ScenarioReport judge(ScenarioRun run) {
        RackOptions options = run.scenario().rackOptions();
        CheckerOptions checkerOptions = options.safetyMarginMs().isPresent()
                ? new CheckerOptions(options.safetyMarginMs().getAsLong() + SWEEP_MS) : CheckerOptions.defaults();
        Verdict verdict = new HistoryChecker(checkerOptions).check(run.history());
        List<FaultFiring> faults = FaultFiring.in(run.history());
        List<ExpectationResult> expectations = new ExpectationJudge(verdict, faults, run.startMono(), run.endMono())
                .judge(run.scenario().expectations());
        Duration suspendWithin = Duration.ofMillis(options.leaseTtlMs().orElse(DEFAULT_LEASE_TTL_MS)
                + options.keyGraceMs().orElse(0) + SUSPEND_SLACK_MS);
        FailoverTable failover = FailoverTable.build(verdict, faults, run.endMono(), suspendWithin);
        return new ScenarioReport(run, verdict, expectations, invariants(run, verdict), failover, faults);
    }

    /** PASS, FAIL or INCOMPLETE. */
    public Outcome outcome() {
        if (!run.complete()) {
            return Outcome.INCOMPLETE;
        }
        boolean passed = expectations.stream().allMatch(ExpectationResult::passed)
                && invariants.stream().allMatch(InvariantResult::passed);
        return passed ? Outcome.PASS : Outcome.FAIL;
    }

    /** The clock of the run: seconds since its start. */
    public RunClock clock() {
        return run.clock();
    }

    /**
     * The scenario's invariants, plus {@code malformed-event} whenever the history has unreadable events (the
     * checker cannot vouch for such a history, whatever the scenario enforces).
     */
    private static List<InvariantResult> invariants(ScenarioRun run, Verdict verdict) {
        List<String> ids = new ArrayList<>(run.scenario().invariants());
        if (!verdict.violationsOf(Invariant.MALFORMED_EVENT).isEmpty()
                && !ids.contains(Invariant.MALFORMED_EVENT.id())) {
            ids.add(Invariant.MALFORMED_EVENT.id());
        }
        List<InvariantResult> results = new ArrayList<>();
        RunClock clock = run.clock();
        for (String id : ids) {
            Optional<Invariant> invariant = Arrays.stream(Invariant.values()).filter(i -> i.id().equals(id)).findFirst();
            if (invariant.isEmpty()) {
                results.add(new InvariantResult(id, "?", List.of(), "unknown invariant \"" + id + "\"; known: "
                        + Arrays.stream(Invariant.values()).map(Invariant::id).collect(Collectors.joining(", "))));
                continue;
            }
            List<Violation> violations = verdict.violationsOf(invariant.get());
            String message = violations.isEmpty() ? "held"
                    : violations.stream().map(v -> describe(v, clock)).collect(Collectors.joining("; "));
            results.add(new InvariantResult(id, invariant.get().meaning(), violations, message));
        }
        return results;
    }

    /** "from 3.100 s to 4.200 s: 3 instances of www running with a license count of 2 in force (...)". */
    static String describe(Violation violation, RunClock clock) {
        return "from " + clock.at(violation.from().mono()) + " to " + clock.at(violation.to().mono()) + ": "
                + violation.message();
    }
}
