package dev.vrack.scenario.report;

import dev.vrack.common.Event;
import dev.vrack.scenario.Anchor;
import dev.vrack.scenario.Condition;
import dev.vrack.scenario.Expectation;
import dev.vrack.scenario.RackOptions;
import dev.vrack.scenario.Scenario;
import dev.vrack.scenario.Window;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds hand-written run histories in milliseconds since the scenario's start, as the rack would write them. */
final class RunBuilder {

    static final Instant WALL_START = Instant.parse("2025-03-01T09:00:00Z");
    static final long START_MONO = 70_000_000_000L;

    private final List<Event> events = new ArrayList<>();
    private final List<Expectation> expectations = new ArrayList<>();
    private String name = "cartridge pull failover";
    private String description = "Pull a licensed cartridge; its seat moves to the standby.";
    private List<String> invariants = List.of("over-grant", "leaked-seat", "unexplained-suspension");

    static long mono(long ms) {
        return START_MONO + ms * 1_000_000L;
    }

    RunBuilder add(long ms, String source, String type, Object... keyValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            details.put((String) keyValues[i], keyValues[i + 1]);
        }
        events.add(new Event(WALL_START.plusMillis(ms), mono(ms), source, type, details));
        return this;
    }

    RunBuilder named(String scenarioName) {
        this.name = scenarioName;
        return this;
    }

    RunBuilder describedAs(String text) {
        this.description = text;
        return this;
    }

    RunBuilder invariants(String... ids) {
        this.invariants = List.of(ids);
        return this;
    }

    RunBuilder seats(long ms, String application, int count) {
        return add(ms, "A/0", "license.seats", "app", application, "count", count, "inUse", 0, "waiting", 0);
    }

    RunBuilder granted(long ms, String application, String holder, String lease) {
        return add(ms, "A/0", "license.granted", "app", application, "holder", holder, "lease", lease,
                "ttlMs", 10_000, "queued", false);
    }

    RunBuilder reclaimed(long ms, String application, String holder, String lease, String reason) {
        return add(ms, "A/0", "license.reclaimed", "app", application, "holder", holder, "lease", lease,
                "reason", reason);
    }

    /** A grant and its start 5 ms later, lease named after the slot and instant. */
    RunBuilder runs(long ms, String slot, String application) {
        String lease = "L-" + slot + "-" + ms;
        return granted(ms - 5, application, slot, lease).add(ms, slot, "app.started", "app", application,
                "lease", lease);
    }

    RunBuilder started(long ms, String slot, String application) {
        return add(ms, slot, "app.started", "app", application, "lease", "L-" + slot + "-" + ms);
    }

    RunBuilder stopped(long ms, String slot, String application) {
        return add(ms, slot, "app.stopped", "app", application, "reason", "stop requested");
    }

    RunBuilder removed(long ms, String slot) {
        return add(ms, slot, "slot.removed", "card", "c.card", "kind", "app", "mode", "hard", "forced", false);
    }

    RunBuilder exited(long ms, String slot) {
        return add(ms, slot, "cartridge.exited", "pid", 4242, "exitCode", 137, "expected", false);
    }

    RunBuilder fault(long ms, String fault, String step, int firing, String... targets) {
        return add(ms, "rack", "fault.injected", "fault", fault, "step", step, "firing", firing,
                "targets", Arrays.asList(targets));
    }

    RunBuilder skipped(long ms, String fault, String step, int firing, String reason) {
        return add(ms, "rack", "fault.injected", "fault", fault, "step", step, "firing", firing,
                "targets", List.of(), "skipped", reason);
    }

    RunBuilder expect(String expectationName, Window window, Condition condition) {
        expectations.add(new Expectation(expectationName, 10 + expectations.size(), window, condition));
        return this;
    }

    Scenario scenario() {
        return new Scenario(name, description,
                Path.of("/scenarios/pull.yml"), Path.of("/racks/demo.yml"), 42, RackOptions.DEFAULTS, List.of(),
                expectations, invariants, Optional.empty());
    }

    ScenarioRun run(long endMs) {
        return new ScenarioRun(scenario(), events, START_MONO, mono(endMs), true, Optional.empty(), 42,
                versions(), "test machine (2 cores)");
    }

    ScenarioRun interrupted(long endMs, String reason) {
        return new ScenarioRun(scenario(), events, START_MONO, mono(endMs), false, Optional.of(reason), 42,
                versions(), "test machine (2 cores)");
    }

    ScenarioReport report(long endMs) {
        return ScenarioReport.judge(run(endMs));
    }

    static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("rack", "0.1.0-SNAPSHOT");
        versions.put("java", "17.0.12");
        versions.put("os", "Linux 6.1 amd64");
        return versions;
    }

    static Window eventually(Anchor from, long withinMs) {
        return new Window.Eventually(from, withinMs);
    }

    static Window always(Anchor from, Anchor to) {
        return new Window.Always(from, to);
    }

    static Condition running(String application, int n) {
        return new Condition.Running(application, Condition.Comparison.EQUAL, n);
    }

    List<Event> events() {
        return events;
    }
}
