package dev.vrack.scenario.report;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A condition's truth over time, as a step function: {@code initial} before the first change, then each change's
 * value from its instant on. Built from a checker timeline, so it counts exactly what the checker counted.
 */
final class Signal {

    private final boolean initial;
    private final List<long[]> changes = new ArrayList<>(); // {mono, 1 or 0}

    Signal(boolean initial) {
        this.initial = initial;
    }

    /** From {@code mono} on the condition is {@code value}; calls must come in time order. */
    void set(long mono, boolean value) {
        if (!changes.isEmpty() && changes.get(changes.size() - 1)[0] == mono) {
            changes.remove(changes.size() - 1);
        }
        if (valueBefore(mono) != value) {
            changes.add(new long[] {mono, value ? 1 : 0});
        }
    }

    /** The value at {@code mono}, after every change at that instant. */
    boolean at(long mono) {
        boolean value = initial;
        for (long[] change : changes) {
            if (change[0] > mono) {
                break;
            }
            value = change[1] == 1;
        }
        return value;
    }

    /** The first instant in [from, to] at which the condition is {@code value}, if any. */
    OptionalLong first(boolean value, long from, long to) {
        if (at(from) == value) {
            return OptionalLong.of(from);
        }
        for (long[] change : changes) {
            if (change[0] > to) {
                break;
            }
            if (change[0] > from && (change[1] == 1) == value) {
                return OptionalLong.of(change[0]);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * When the condition, true at {@code to}, last became true within [from, to]: {@code from} when it held
     * all along; empty when it is false at {@code to}.
     */
    OptionalLong settledTrue(long from, long to) {
        if (!at(to)) {
            return OptionalLong.empty();
        }
        long since = from;
        for (long[] change : changes) {
            if (change[0] > to) {
                break;
            }
            if (change[0] > from && change[1] == 1) {
                since = change[0];
            }
        }
        return OptionalLong.of(since);
    }

    private boolean valueBefore(long mono) {
        return changes.isEmpty() ? initial : changes.get(changes.size() - 1)[1] == 1;
    }
}
