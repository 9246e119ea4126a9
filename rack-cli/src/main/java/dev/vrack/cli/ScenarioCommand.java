package dev.vrack.cli;

import dev.vrack.scenario.Scenario;
import dev.vrack.scenario.ScenarioException;
import dev.vrack.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rack scenario run|check FILE}: faults as data (see docs/SCENARIOS.md). */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Play a fault scenario file against a fresh rack and judge it; or just check the file.",
        subcommands = {ScenarioCommand.Run.class, ScenarioCommand.Check.class})
final class ScenarioCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Override
    public Integer call() {
        throw new CliException("missing a scenario command; try: rack scenario run "
                + "cluster-configs/scenarios/pull-failover.yml");
    }

    static Scenario load(Path file) {
        try {
            return ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** {@code rack scenario run FILE}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Bring the scenario's rack up, play its steps with a live progress line, bring the rack "
                    + "down, write a JUnit XML and an HTML report; exit 0 only if every expectation and invariant held.")
    static final class Run implements Callable<Integer> {

        @ParentCommand
        ScenarioCommand scenario;

        @Parameters(paramLabel = "FILE", description = "The scenario file, e.g. cluster-configs/scenarios/pull-failover.yml.")
        Path file;

        @Option(names = "--report-dir", paramLabel = "DIR",
                description = "Where the reports go (default: scenario-reports/<scenario> in the current folder).")
        Path reportDir;

        @Override
        public Integer call() {
            Scenario loaded = load(file);
            Path reports = reportDir != null ? reportDir : Path.of("scenario-reports", loaded.name());
            RackCommand rack = scenario.rack;
            return new ScenarioRunner(loaded, rack.root(), reports.toAbsolutePath(),
                    rack.spec.commandLine().getOut(), rack.spec.commandLine().getErr()).run();
        }
    }

    /** {@code rack scenario check FILE}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a scenario file (and its rack file) without running anything.")
    static final class Check implements Callable<Integer> {

        @ParentCommand
        ScenarioCommand scenario;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            Scenario loaded = load(file);
            scenario.rack.spec.commandLine().getOut().println("scenario " + loaded.name() + " is valid: "
                    + loaded.steps().size() + " steps, " + loaded.expectations().size() + " expectations, rack "
                    + loaded.rackFile());
            return 0;
        }
    }
}
