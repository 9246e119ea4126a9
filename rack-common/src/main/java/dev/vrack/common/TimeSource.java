package dev.vrack.common;

import java.time.Instant;

/**
 * Wall-clock and monotonic time, injected so cores and tests can run on a fake clock.
 * The system monotonic clock ({@link System#nanoTime()}, CLOCK_MONOTONIC on Linux) is shared by
 * every process on the machine, which is what lets events from different processes be merged.
 */
public interface TimeSource {

    Instant now();

    long monoNanos();

    TimeSource SYSTEM = new TimeSource() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long monoNanos() {
            return System.nanoTime();
        }
    };
}
