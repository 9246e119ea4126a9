package dev.vrack.checker;

import java.util.List;

/**
 * What the checker saw of one application over time, recorded while it checked (so reports and expectations read
 * the same counting as the invariants): the step function of running instances and license count, and every
 * instance's running interval per slot.
 *
 * @param app    the application
 * @param points the changes of (running, count), in time order, at most one per instant; before the first
 *               point nothing runs and the count is 0
 * @param runs   every instance's running interval, ordered by start
 */
public record AppTimeline(String app, List<TimelinePoint> points, List<RunInterval> runs) {

    public AppTimeline {
        points = List.copyOf(points);
        runs = List.copyOf(runs);
    }

    /** Instances running at {@code mono} (after every event at that instant). */
    public int runningAt(long mono) {
        TimelinePoint point = at(mono);
        return point == null ? 0 : point.running();
    }

    /** The license count in force at {@code mono} (after every event at that instant). */
    public long countAt(long mono) {
        TimelinePoint point = at(mono);
        return point == null ? 0 : point.count();
    }

    /** The last point at or before {@code mono}, or null. */
    public TimelinePoint at(long mono) {
        int low = 0;
        int high = points.size() - 1;
        TimelinePoint found = null;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            TimelinePoint point = points.get(mid);
            if (point.mono() <= mono) {
                found = point;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }
}
