package dev.vrack.license;

import java.util.Set;

/**
 * An execution license the manager has read and verified (FIG. 29): which application, how many
 * instances, on which chassis, and when it is valid (epoch milliseconds, inclusive start, exclusive end).
 */
public record AcquiredLicense(String licenseId, String appId, int count, Set<String> chassisIds,
                              long notBeforeMs, long notAfterMs) {

    public AcquiredLicense {
        if (count < 0) {
            throw new IllegalArgumentException("license " + licenseId + " has a negative count " + count);
        }
        chassisIds = Set.copyOf(chassisIds);
    }

    public boolean validAt(long nowMs) {
        return nowMs >= notBeforeMs && nowMs < notAfterMs;
    }

    public boolean lists(String chassisId) {
        return chassisIds.contains(chassisId);
    }
}
