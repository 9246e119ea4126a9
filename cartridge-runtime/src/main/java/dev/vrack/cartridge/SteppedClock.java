package dev.vrack.cartridge;

import dev.vrack.common.TimeSource;
import java.time.Instant;

/**
 * A cartridge's clock: the wall clock of an underlying {@link TimeSource} plus an offset the chassis can step
 * (a clock fault), while the monotonic clock never moves. Everything in the cartridge reads time from here.
 */
public final class SteppedClock implements TimeSource {

    private final TimeSource base;
    private volatile long offsetMs;

    public SteppedClock(TimeSource base) {
        this.base = base;
    }

    @Override
    public Instant now() {
        return base.now().plusMillis(offsetMs);
    }

    @Override
    public long monoNanos() {
        return base.monoNanos();
    }

    /** Moves the wall clock by {@code stepMs} (either way); returns the total offset now in force. */
    public synchronized long step(long stepMs) {
        offsetMs = Math.addExact(offsetMs, stepMs);
        return offsetMs;
    }

    public long offsetMs() {
        return offsetMs;
    }
}
