package dev.vrack.scenario.report;

import java.util.OptionalLong;

/**
 * One seat lost to a fault, and where it went.
 *
 * @param faultMono     when the fault fired
 * @param fault         the fault id
 * @param step          the step id
 * @param firing        the step's firing number
 * @param app           the application that lost an instance
 * @param lostSlot      the slot whose instance ended
 * @param lostMono      when it ended
 * @param nextSlot      the slot where the application started next (maybe the same), or null when it did not
 * @param recoveredMono when it started there, if it did before the end
 */
public record FailoverRow(long faultMono, String fault, String step, int firing, String app, String lostSlot,
                          long lostMono, String nextSlot, OptionalLong recoveredMono) {

    /** Whether another instance started before the end. */
    public boolean recovered() {
        return recoveredMono.isPresent();
    }

    /** Fault to the next start, in milliseconds, if it recovered. */
    public OptionalLong recoveryMs() {
        return recoveredMono.isPresent() ? OptionalLong.of(Math.round((recoveredMono.getAsLong() - faultMono) / 1e6))
                : OptionalLong.empty();
    }

    /** "1234 ms" or "not recovered". */
    public String recoveryText() {
        return recovered() ? recoveryMs().getAsLong() + " ms" : "not recovered";
    }
}
