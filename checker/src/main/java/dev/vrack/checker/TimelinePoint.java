package dev.vrack.checker;

/**
 * One change of an application's timeline: from {@code mono} on, {@code running} instances run under a license
 * count of {@code count} (until the next point).
 *
 * @param mono    the instant of the event that made the change (CLOCK_MONOTONIC nanoseconds)
 * @param running instances running from then on
 * @param count   the license count in force from then on (0 before the manager's first {@code license.seats})
 */
public record TimelinePoint(long mono, int running, long count) {
}
