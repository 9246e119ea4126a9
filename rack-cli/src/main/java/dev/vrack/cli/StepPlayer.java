package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Event;
import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.Scenario;
import dev.vrack.scenario.Schedule;
import dev.vrack.scenario.SlotView;
import dev.vrack.scenario.Step;
import dev.vrack.scenario.TargetChooser;
import dev.vrack.scenario.TargetSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The live half of a scenario run: fires each step when it is due (by the clock, or after its trigger event),
 * choosing selector targets from the rack's live status with the scenario's seed, and shows a progress line.
 */
final class StepPlayer {

    /** How often the loop wakes: the resolution of step times and of {@code after} triggers. */
    private static final long TICK_MS = 50;
    /** How often the progress line asks the rack for its status. */
    private static final long STATUS_EVERY_MS = 1000;

    private final Scenario scenario;
    private final RackCommand.Selected rack;
    private final long startMono;
    private final AtomicBoolean interrupted;
    private final ProgressLine progress;
    private final FaultInjector injector;
    private final Schedule schedule;
    private final TargetChooser chooser;
    private final EventTail tail;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private String lastFired = "";

    StepPlayer(Scenario scenario, RackCommand.Selected rack, long startMono, AtomicBoolean interrupted,
               PrintWriter out) {
        this.scenario = scenario;
        this.rack = rack;
        this.startMono = startMono;
        this.interrupted = interrupted;
        this.progress = new ProgressLine(out);
        this.injector = new FaultInjector(rack);
        this.schedule = new Schedule(scenario.steps());
        this.chooser = new TargetChooser(scenario.seed());
        this.tail = new EventTail(rack.layout().eventsDir());
        scenario.steps().forEach(step -> steps.put(step.id(), step));
    }

    /** Plays every step until the scenario's duration is over; returns null, or why the run is incomplete. */
    String play() {
        long durationMs = Schedule.durationMs(scenario);
        long nextStatus = 0;
        JsonNode status = null;
        while (true) {
            long now = elapsedMs();
            if (interrupted.get()) {
                progress.done();
                return "interrupted (Ctrl-C) at " + seconds(now);
            }
            if (now >= durationMs) {
                progress.done();
                return null;
            }
            feedTriggers();
            for (Schedule.Firing firing : schedule.due(now)) {
                fire(firing);
            }
            if (now >= nextStatus) {
                status = statusOrNull();
                nextStatus = now + STATUS_EVERY_MS;
            }
            progress.show(line(now, durationMs, status));
            LockSupport.parkNanos(TICK_MS * 1_000_000);
        }
    }

    private void feedTriggers() {
        try {
            for (Event event : tail.poll()) {
                if (event.mono() >= startMono) {
                    schedule.eventSeen(event.type(), event.source(), (event.mono() - startMono) / 1_000_000);
                }
            }
        } catch (IOException e) {
            progress.note("cannot read the rack's events: " + e.getMessage());
        }
    }

    private void fire(Schedule.Firing firing) {
        Step step = steps.get(firing.stepId());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("step", step.id());
        context.put("firing", firing.firing());
        List<String> targets;
        try {
            targets = targets(step, firing.firing());
        } catch (CliException e) {
            skip(step, context, "cannot read the rack's status to choose targets: " + e.getMessage());
            return;
        }
        if (targets.isEmpty() && step.fault().targetKind() != FaultKind.TargetKind.NONE) {
            skip(step, context, "no slot matched the selector");
            return;
        }
        lastFired = step.id() + " #" + firing.firing() + " " + step.fault().id()
                + (targets.isEmpty() ? "" : " " + String.join(",", targets));
        try {
            injector.inject(step.fault(), targets, step.params(), context).forEach(progress::note);
        } catch (CliException e) {
            context.put("targets", targets);
            context.put("fault", step.fault().id());
            context.put("error", e.getMessage());
            RackEvents.emit(rack.layout(), "fault.failed", context);
            progress.note("step " + step.id() + " #" + firing.firing() + " failed: " + e.getMessage());
        }
        schedule.stepFired(step.id(), elapsedMs());
    }

    private void skip(Step step, Map<String, Object> context, String reason) {
        context.put("fault", step.fault().id());
        context.put("targets", List.of());
        context.put("skipped", reason);
        RackEvents.emit(rack.layout(), "fault.injected", context);
        progress.note("step " + step.id() + " #" + context.get("firing") + " skipped: " + reason);
        schedule.stepFired(step.id(), elapsedMs());
    }

    private List<String> targets(Step step, int firing) {
        if (step.targets() instanceof TargetSpec.Selector) {
            return chooser.choose(step, firing, slotViews());
        }
        // Named, sameAs and none need no status: the chooser answers them from the step and its memory.
        return chooser.choose(step, firing, List.of());
    }

    /** Every slot of the rack as the selector sees it, from the live status. */
    private List<SlotView> slotViews() {
        JsonNode status = RackStatusReader.read(rack.config(), rack.layout());
        List<SlotView> views = new ArrayList<>();
        for (JsonNode chassis : status.path("chassis")) {
            String name = chassis.path("name").asText();
            for (JsonNode slot : chassis.path("slots")) {
                boolean occupied = !"empty".equals(slot.path("state").asText("empty"));
                views.add(new SlotView(name + "/" + slot.path("slot").asInt(), name, slot.path("slot").asInt(),
                        slot.path("kind").asText(""), slot.path("app").asText(""),
                        isLicensed(slot.path("license").asText("")), occupied));
            }
        }
        return views;
    }

    /** A slot holds a seat while its agent's state is granted or its application runs under the grant. */
    private static boolean isLicensed(String license) {
        return license.equals("granted") || license.equals("running");
    }

    private JsonNode statusOrNull() {
        try {
            return RackStatusReader.read(rack.config(), rack.layout());
        } catch (CliException e) {
            return null;
        }
    }

    private String line(long now, long durationMs, JsonNode status) {
        StringBuilder text = new StringBuilder(String.format("[%6.1fs / %.1fs] %s", now / 1000.0,
                durationMs / 1000.0, scenario.name()));
        if (status != null) {
            for (JsonNode app : status.path("licenses")) {
                text.append(String.format(" | %s %d/%d in use, %d waiting", app.path("app").asText(),
                        app.path("inUse").asInt(), app.path("count").asInt(), app.path("waiting").asInt()));
            }
        }
        if (!lastFired.isEmpty()) {
            text.append(" | last: ").append(lastFired);
        }
        return text.toString();
    }

    private long elapsedMs() {
        return (System.nanoTime() - startMono) / 1_000_000;
    }

    private static String seconds(long ms) {
        return String.format("%.1f s", ms / 1000.0);
    }
}
