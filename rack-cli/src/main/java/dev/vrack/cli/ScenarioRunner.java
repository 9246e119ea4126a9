package dev.vrack.cli;

import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.common.StateLayout;
import dev.vrack.config.RackConfig;
import dev.vrack.scenario.Scenario;
import dev.vrack.scenario.report.Outcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays one scenario: brings its rack up, fires the steps on time (and on their trigger events), tears the rack
 * down, then judges the whole history and writes the reports. A Ctrl-C ends the run early: the rack still goes
 * down and the reports are written, marked incomplete.
 */
final class ScenarioRunner {

    /** How long a Ctrl-C waits for the teardown and the reports before the JVM exits anyway. */
    private static final long INTERRUPT_GRACE_MS = 120_000;

    private final Scenario scenario;
    private final StateRoot root;
    private final Path reportDir;
    private final PrintWriter out;
    private final PrintWriter err;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    ScenarioRunner(Scenario scenario, StateRoot root, Path reportDir, PrintWriter out, PrintWriter err) {
        this.scenario = scenario;
        this.root = root;
        this.reportDir = reportDir;
        this.out = out;
        this.err = err;
    }

    /** Runs the scenario; returns the exit code: 0 only if it completed and every expectation and invariant held. */
    int run() {
        Thread hook = new Thread(this::interruptAndWait, "scenario-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runToVerdict();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us; nothing to remove.
            }
        }
    }

    private void interruptAndWait() {
        interrupted.set(true);
        try {
            finished.await(INTERRUPT_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int runToVerdict() {
        RackConfig config = RackCommand.loadConfig(scenario.rackFile());
        out.println("scenario " + scenario.name() + ": seed " + scenario.seed() + ", rack " + scenario.rackFile());
        int up = RackCommand.execute(upArguments().toArray(String[]::new), out, err);
        StateLayout layout = root.rack(config.name());
        if (up != 0) {
            return finish(layout, config, -1, -1, "rack up failed (exit " + up + "); see the messages above");
        }
        RackCommand.Selected rack = new RackCommand.Selected(layout, RackCommand.loadConfig(layout.rackFile()));
        Event started = RackEvents.emit(layout, "scenario.started",
                Map.of("scenario", scenario.name(), "seed", scenario.seed(), "file", scenario.file().toString()));
        String incomplete;
        try {
            incomplete = new StepPlayer(scenario, rack, started.mono(), interrupted, out).play();
        } catch (RuntimeException e) {
            incomplete = "aborted: " + e.getMessage();
            err.println("rack: scenario " + scenario.name() + " " + incomplete);
        }
        Event ended = RackEvents.emit(layout, "scenario.ended",
                Map.of("scenario", scenario.name(), "complete", incomplete == null));
        return finish(layout, config, started.mono(), ended.mono(), incomplete);
    }

    private List<String> upArguments() {
        List<String> args = new ArrayList<>(List.of("--state-dir", root.dir().toString(), "up",
                scenario.rackFile().toString(), "--timeout", "240"));
        scenario.rackOptions().leaseTtlMs().ifPresent(v -> args.addAll(List.of("--lease-ttl-ms", Long.toString(v))));
        scenario.rackOptions().safetyMarginMs().ifPresent(v ->
                args.addAll(List.of("--safety-margin-ms", Long.toString(v))));
        scenario.rackOptions().keyGraceMs().ifPresent(v -> args.addAll(List.of("--key-grace-ms", Long.toString(v))));
        scenario.rackOptions().retryMs().ifPresent(v -> args.addAll(List.of("--retry-ms", Long.toString(v))));
        return args;
    }

    /** Tears the rack down, judges the history, writes the reports; returns the exit code. */
    private int finish(StateLayout layout, RackConfig config, long startMono, long endMono, String incomplete) {
        RackCommand.execute(new String[] {"--state-dir", root.dir().toString(), "down", config.name()}, out, err);
        List<Event> history = EventReader.readFolder(layout.eventsDir());
        Outcome outcome = ScenarioJudgement.judge(scenario, history, startMono, endMono, incomplete, reportDir, out);
        return outcome == Outcome.PASS ? 0 : 1;
    }
}
