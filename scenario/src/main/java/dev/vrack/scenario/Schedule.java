package dev.vrack.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * When each step fires (pure: the runner passes time in, in milliseconds after the scenario's start). Timed
 * steps ({@code at}, {@code every}) are known up front; {@code after} steps are scheduled when the runner reports
 * their trigger ({@link #eventSeen}, {@link #stepFired}). The runner asks {@link #due} for what to fire now and
 * reports every firing it performs back through {@link #stepFired}, which may schedule the steps that follow it.
 */
public final class Schedule {

    /**
     * One firing of a step.
     *
     * @param stepId the step
     * @param firing 1 for its first firing, 2 for the second, ...
     * @param atMs   when it is due, after the scenario's start
     */
    public record Firing(String stepId, int firing, long atMs) {
    }

    /** Earliest first; at the same instant, in the order the steps appear in the file, then by firing. */
    private final Comparator<Firing> order;
    private final List<Step> steps;
    private final List<Firing> timed;
    private final PriorityQueue<Firing> pending;
    private final Set<String> eventTriggersSeen = new HashSet<>();
    private final Map<String, Integer> firedCount = new HashMap<>();

    public Schedule(List<Step> steps) {
        this.steps = List.copyOf(steps);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < this.steps.size(); i++) {
            position.put(this.steps.get(i).id(), i);
        }
        this.order = Comparator.comparingLong(Firing::atMs)
                .thenComparingInt(f -> position.getOrDefault(f.stepId(), Integer.MAX_VALUE))
                .thenComparingInt(Firing::firing);
        this.timed = timedFirings(this.steps, order);
        this.pending = new PriorityQueue<>(order);
        pending.addAll(timed);
    }

    /** Every firing of the {@code at} and {@code every} steps, in time order. */
    public List<Firing> timed() {
        return timed;
    }

    /** The runner saw an event: the {@code after: {event}} steps it is the first match for are scheduled. */
    public void eventSeen(String type, String source, long ms) {
        for (Step step : steps) {
            if (step.timing() instanceof Timing.After after && after.eventType() != null
                    && after.eventType().equals(type) && (after.source() == null || after.source().equals(source))
                    && eventTriggersSeen.add(step.id())) {
                pending.add(new Firing(step.id(), 1, ms + after.delayMs()));
            }
        }
    }

    /** The runner performed a firing of step {@code id}: the steps that follow it get their next firing. */
    public void stepFired(String id, long ms) {
        int n = firedCount.merge(id, 1, Integer::sum);
        for (Step step : steps) {
            if (step.timing() instanceof Timing.After after && id.equals(after.stepId())) {
                pending.add(new Firing(step.id(), n, ms + after.delayMs()));
            }
        }
    }

    /** The firings due at {@code nowMs} that were not handed out yet, in time order; each comes out once. */
    public List<Firing> due(long nowMs) {
        List<Firing> due = new ArrayList<>();
        while (!pending.isEmpty() && pending.peek().atMs() <= nowMs) {
            due.add(pending.poll());
        }
        return due;
    }

    /** When the next known firing is due, for the runner to sleep until; empty when none is scheduled. */
    public OptionalLong nextDueMs() {
        return pending.isEmpty() ? OptionalLong.empty() : OptionalLong.of(pending.peek().atMs());
    }

    /** How long a scenario runs: its {@code duration}, else {@link #defaultDurationMs}. */
    public static long durationMs(Scenario scenario) {
        return scenario.durationMs().orElseGet(() -> defaultDurationMs(scenario.steps(), scenario.expectations()));
    }

    /**
     * The duration of a scenario without one: until the last timed step (an {@code after} step counts from its
     * trigger step's last firing; one after an event counts its delay only, the event's time being unknown),
     * plus the longest {@code eventually} bound, plus one second.
     */
    public static long defaultDurationMs(List<Step> steps, List<Expectation> expectations) {
        Map<String, Step> byId = new HashMap<>();
        steps.forEach(s -> byId.put(s.id(), s));
        long last = 0;
        for (Step step : steps) {
            last = Math.max(last, lastFiringMs(step, byId, 0));
        }
        long longest = expectations.stream().map(Expectation::window)
                .filter(Window.Eventually.class::isInstance).map(Window.Eventually.class::cast)
                .mapToLong(Window.Eventually::withinMs).max().orElse(0);
        return last + longest + 1_000;
    }

    private static long lastFiringMs(Step step, Map<String, Step> byId, int depth) {
        Timing timing = step.timing();
        if (timing instanceof Timing.At at) {
            return at.atMs();
        }
        if (timing instanceof Timing.Every every) {
            return every.startMs() + (every.times() - 1L) * every.everyMs();
        }
        Timing.After after = (Timing.After) timing;
        // The loader refuses cycles; the depth bound only keeps a hand-built cycle from looping forever.
        Optional<Step> trigger = Optional.ofNullable(after.stepId()).map(byId::get);
        long base = trigger.isPresent() && depth < byId.size() ? lastFiringMs(trigger.get(), byId, depth + 1) : 0;
        return base + after.delayMs();
    }

    private static List<Firing> timedFirings(List<Step> steps, Comparator<Firing> order) {
        List<Firing> firings = new ArrayList<>();
        for (Step step : steps) {
            if (step.timing() instanceof Timing.At at) {
                firings.add(new Firing(step.id(), 1, at.atMs()));
            } else if (step.timing() instanceof Timing.Every every) {
                for (int i = 0; i < every.times(); i++) {
                    firings.add(new Firing(step.id(), i + 1, every.startMs() + i * every.everyMs()));
                }
            }
        }
        firings.sort(order);
        return List.copyOf(firings);
    }
}
