package dev.vrack.mgmt.license;

import dev.vrack.license.AcquiredLicense;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts licenses' validity periods (wall-clock instants in the license file) on the manager's monotonic clock,
 * the one the core runs on: {@code notBefore - wallNow + monoNow}, taken once, when a license is first loaded.
 * A license read again later (the NAS set changed, another key was attached) keeps the offset of its first
 * load, so a step of the manager's wall clock neither ends a license early nor extends it (anti-rollback).
 */
final class MonotonicValidity {

    /** One license as issued: the same ID and validity is the same license, whatever file it came from. */
    private record Issued(String licenseId, long notBeforeMs, long notAfterMs) {
    }

    private final Map<Issued, Long> offsets = new HashMap<>();

    /** The license with its validity on the monotonic clock; {@code wallNowMs} and {@code monoNowMs} are one instant. */
    AcquiredLicense convert(AcquiredLicense wall, long wallNowMs, long monoNowMs) {
        long offset = offsets.computeIfAbsent(new Issued(wall.licenseId(), wall.notBeforeMs(), wall.notAfterMs()),
                issued -> monoNowMs - wallNowMs);
        return new AcquiredLicense(wall.licenseId(), wall.appId(), wall.count(), wall.chassisIds(),
                shift(wall.notBeforeMs(), offset), shift(wall.notAfterMs(), offset));
    }

    /** Adds without wrapping: an open-ended bound ({@code Long.MIN_VALUE}/{@code MAX_VALUE}) stays open-ended. */
    private static long shift(long wallMs, long offset) {
        if (wallMs == Long.MAX_VALUE || wallMs == Long.MIN_VALUE) {
            return wallMs;
        }
        long sum = wallMs + offset;
        if (((wallMs ^ sum) & (offset ^ sum)) < 0) {
            return offset > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }
}
