package dev.vrack.license;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * What the manager holds at one instant, for status and metrics.
 *
 * @param apps    per application: seats in force, in use, waiting
 * @param running the running tables (FIG. 30): chassis to application to slots
 * @param leases  every live lease
 */
public record LicenseSnapshot(List<AppSeats> apps, Map<String, Map<String, SortedSet<Integer>>> running,
                              List<Lease> leases) {

    /** Seats of one application. */
    public record AppSeats(String app, int count, int inUse, int waiting) {
    }
}
