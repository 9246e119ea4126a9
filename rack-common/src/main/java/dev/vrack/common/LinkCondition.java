package dev.vrack.common;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A slot's link as the hub holds it: the carrier state ({@code up}, {@code down}, {@code blackhole}) and, on an
 * up link, impairments (delay with jitter, loss). Immutable; {@link #of} checks the ranges.
 *
 * @param state       up, down (no carrier), or blackhole (carrier up, every frame vanishes)
 * @param delayMs     added to every frame's delivery, 0..{@value #MAX_DELAY_MS}
 * @param jitterMs    a uniform draw in [-jitter, +jitter] added to the delay, 0..{@value #MAX_DELAY_MS}
 * @param lossPercent probability (0..100) that a frame is lost
 */
public record LinkCondition(State state, long delayMs, long jitterMs, double lossPercent) {

    /** The carrier and what happens to frames. */
    public enum State {
        UP, DOWN, BLACKHOLE;

        /** The name used in the control API, events and status: up, down, blackhole. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state named {@code text} (up, down, blackhole), or null if there is none. */
        public static State parse(String text) {
            for (State s : values()) {
                if (s.wireName().equals(text)) {
                    return s;
                }
            }
            return null;
        }
    }

    public static final long MAX_DELAY_MS = 60_000;
    public static final LinkCondition UP = new LinkCondition(State.UP, 0, 0, 0);
    public static final LinkCondition DOWN = new LinkCondition(State.DOWN, 0, 0, 0);
    public static final LinkCondition BLACKHOLE = new LinkCondition(State.BLACKHOLE, 0, 0, 0);

    public LinkCondition {
        if (state == null) {
            throw new IllegalArgumentException("link state is missing");
        }
        check("delayMs", delayMs);
        check("jitterMs", jitterMs);
        if (!(lossPercent >= 0 && lossPercent <= 100)) {
            throw new IllegalArgumentException("lossPercent must be from 0 to 100, got " + lossPercent);
        }
        if (state != State.UP && (delayMs != 0 || jitterMs != 0 || lossPercent != 0)) {
            throw new IllegalArgumentException("delay, jitter and loss apply to an up link only, not to a "
                    + state.wireName() + " one");
        }
    }

    private static void check(String field, long value) {
        if (value < 0 || value > MAX_DELAY_MS) {
            throw new IllegalArgumentException(field + " must be from 0 to " + MAX_DELAY_MS + ", got " + value);
        }
    }

    /** An up link with these impairments (all zero: a plain up link). */
    public static LinkCondition impaired(long delayMs, long jitterMs, double lossPercent) {
        return new LinkCondition(State.UP, delayMs, jitterMs, lossPercent);
    }

    /** The interface sees a cable: up or blackhole. */
    public boolean carrier() {
        return state != State.DOWN;
    }

    /** Frames can get through (possibly late or lost): only an up link. */
    public boolean passes() {
        return state == State.UP;
    }

    /** An up link with a delay, jitter or loss. */
    public boolean impaired() {
        return delayMs > 0 || jitterMs > 0 || lossPercent > 0;
    }

    /**
     * The details of a {@code link.changed} event: {@code link}, then {@code delayMs}, {@code jitterMs},
     * {@code lossPercent} when set.
     */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("link", state.wireName());
        if (delayMs > 0) {
            details.put("delayMs", delayMs);
        }
        if (jitterMs > 0) {
            details.put("jitterMs", jitterMs);
        }
        if (lossPercent > 0) {
            details.put("lossPercent", lossPercent);
        }
        return details;
    }

    @Override
    public String toString() {
        return details().toString();
    }
}
