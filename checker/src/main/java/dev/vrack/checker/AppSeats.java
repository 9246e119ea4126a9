package dev.vrack.checker;

import dev.vrack.common.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invariant (a) for one application: the instances running and the license count in force, over time.
 *
 * <p>The exact rule. An instance is <em>started over the count</em> when, counting itself, more instances run
 * at its {@code app.started} than the count in force (0 before the manager's first {@code license.seats}). An
 * over-grant interval opens at such a start and lasts while both hold: more instances run than the count in
 * force, and at least one instance started over the count still runs. It closes at the first event after which
 * the running number is within the count (an instance ended, or the count was raised), or every instance that
 * started over the count has ended. When the running number is back within the count, every instance still
 * running counts as admitted from then on: it then holds a seat the count allows. So a lowered count alone
 * never makes a violation (the manager never revokes a running seat; the count takes effect as seats free),
 * but a start while the running number is at or above the lowered count does.
 *
 * <p>While it checks, it also records the application's {@link AppTimeline}: every change of (running, count) and
 * every instance's running interval, so that reports draw exactly what the invariant judged.
 */
final class AppSeats {

    private final String app;
    private final Map<SlotName, Instance> running = new LinkedHashMap<>();
    private long count;
    private Event countEvent;
    /** Bumped whenever the running number is back within the count: clears every "started over" mark at once. */
    private int epoch;
    private int overRunning;
    private OverGrantInterval open;
    private int peakRunning;
    private long countAtPeak;
    private Moment peakAt;
    private final List<TimelinePoint> points = new ArrayList<>();
    private final List<RunInterval> runs = new ArrayList<>();

    AppSeats(String app) {
        this.app = app;
    }

    void start(Instance instance) {
        running.put(instance.slot, instance);
        int now = running.size();
        if (now > peakRunning) {
            peakRunning = now;
            countAtPeak = count;
            peakAt = Moment.of(instance.started);
        }
        if (now > count) {
            instance.overEpoch = epoch;
            overRunning++;
            if (open == null) {
                open = new OverGrantInterval(app, instance.started, countEvent, running.values(), now, count);
            } else {
                open.overStart(instance.started, now, count);
            }
        }
        record(instance.started);
    }

    void end(Instance instance, Event ending, List<Violation> out) {
        if (running.remove(instance.slot) != instance) {
            return;
        }
        if (instance.overEpoch == epoch) {
            overRunning--;
        }
        runs.add(new RunInterval(instance.slot.text(), app, instance.started, ending));
        record(ending);
        settle(ending, out);
    }

    void countChanged(long newCount, Event seats, List<Violation> out) {
        boolean changed = newCount != count;
        count = newCount;
        countEvent = seats;
        if (open != null && changed) {
            open.countChanged(seats, running.size(), count);
        }
        record(seats);
        settle(seats, out);
    }

    /** The history ended: an interval still open ends at its last event. */
    void finish(Event last, List<Violation> out) {
        if (open != null) {
            out.add(open.close(last, true));
            open = null;
        }
    }

    /** Notes the (running, count) after {@code cause}; several changes at one instant keep only the last. */
    private void record(Event cause) {
        TimelinePoint point = new TimelinePoint(cause.mono(), running.size(), count);
        TimelinePoint last = points.isEmpty() ? null : points.get(points.size() - 1);
        if (last != null && last.mono() == point.mono()) {
            points.remove(points.size() - 1);
            last = points.isEmpty() ? null : points.get(points.size() - 1);
        }
        if (last == null || last.running() != point.running() || last.count() != point.count()) {
            points.add(point);
        }
    }

    /** The timeline so far; instances still running are open intervals. */
    AppTimeline timeline() {
        List<RunInterval> all = new ArrayList<>(runs);
        for (Instance instance : running.values()) {
            all.add(new RunInterval(instance.slot.text(), app, instance.started, null));
        }
        all.sort(Comparator.comparingLong(RunInterval::fromMono));
        return new AppTimeline(app, points, all);
    }

    private void settle(Event cause, List<Violation> out) {
        if (running.size() <= count) {
            epoch++;
            overRunning = 0;
        }
        if (overRunning == 0 && open != null) {
            out.add(open.close(cause, false));
            open = null;
        }
    }

    AppSummary summary(int seatsHeld) {
        return new AppSummary(app, peakRunning, (int) Math.min(Integer.MAX_VALUE, countAtPeak), peakAt,
                running.size(), (int) Math.min(Integer.MAX_VALUE, count), seatsHeld);
    }
}
