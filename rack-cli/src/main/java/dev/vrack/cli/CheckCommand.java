package dev.vrack.cli;

import dev.vrack.checker.CheckerOptions;
import dev.vrack.checker.HistoryChecker;
import dev.vrack.checker.Verdict;
import dev.vrack.checker.VerdictJson;
import dev.vrack.checker.VerdictReport;
import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rack check [--json] [--margin-ms N] [--events DIR]}: a Jepsen-style verdict on a run's events. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a run's events: no instant with more instances of an application running than its"
                + " license count in force, no leaked seat at the end, every suspension with a cause.",
                "Exit code 0 when the run is valid, 1 on a violation (each printed with its interval and events)."})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    RackCommand rack;

    @Option(names = "--json", description = "Print the verdict as one JSON object.")
    boolean json;

    @Option(names = "--margin-ms", paramLabel = "N",
            description = "Grace added to a lease's ttl before an unreclaimed seat of a stopped holder counts as"
                    + " leaked (default: the rack's safetyMarginMs + 1000, else "
                    + CheckerOptions.DEFAULT_MARGIN_MS + ").")
    Long marginMs;

    @Option(names = "--events", paramLabel = "DIR",
            description = "Check this folder of *.jsonl events (or a rack state folder holding events/) instead"
                    + " of the selected rack's, e.g. an archived run.")
    Path eventsDir;

    @Override
    public Integer call() {
        Path folder;
        Long defaultMargin;
        if (eventsDir != null) {
            folder = eventsFolder(eventsDir);
            defaultMargin = runtimeMargin(folder.toAbsolutePath().getParent().resolve("runtime.json"));
        } else {
            StateLayout layout = rack.select(null).layout();
            folder = layout.eventsDir();
            defaultMargin = runtimeMargin(layout.runtimeFile());
        }
        List<Event> events = EventReader.readFolder(folder);
        if (events.isEmpty()) {
            throw new CliException("no events in " + folder + ": nothing to check; pass --events with a folder"
                    + " of *.jsonl events files, or check a rack that has run");
        }
        long margin = marginMs != null ? marginMs
                : defaultMargin != null ? defaultMargin : CheckerOptions.DEFAULT_MARGIN_MS;
        if (margin < 0) {
            throw new CliException("--margin-ms must be 0 or more, got " + margin);
        }
        Verdict verdict = new HistoryChecker(new CheckerOptions(margin)).check(events);
        var out = rack.spec.commandLine().getOut();
        if (json) {
            out.println(VerdictJson.toText(verdict));
        } else {
            out.print("events: " + folder + "\n" + VerdictReport.text(verdict));
        }
        out.flush();
        return verdict.valid() ? 0 : 1;
    }

    /** A folder of events files as given, or the events/ folder of a rack state folder. */
    private static Path eventsFolder(Path given) {
        if (!Files.isDirectory(given)) {
            throw new CliException("--events " + given + " is not a folder; pass a run's events/ folder (or the"
                    + " rack state folder that holds it)");
        }
        Path nested = given.resolve("events");
        return Files.isDirectory(nested) ? nested : given;
    }

    /** The rack's safety margin plus a second for the manager's expiry sweep, when its runtime.json is there. */
    private static Long runtimeMargin(Path runtimeFile) {
        if (!Files.isRegularFile(runtimeFile)) {
            return null;
        }
        try {
            return RackRuntime.read(runtimeFile).licensing().safetyMarginMs() + 1_000;
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable runtime.json only loses the default; the events are what is checked
        }
    }
}
