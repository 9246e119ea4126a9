package dev.vrack.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The seats the manager counts as granted, as its own events tell: granted and not yet reclaimed. */
final class SeatLedger {

    /** By lease, in grant order. */
    private final Map<String, Grant> outstanding = new LinkedHashMap<>();
    private final Map<String, Set<String>> leasesByManager = new HashMap<>();

    void grant(Grant grant) {
        Grant previous = outstanding.remove(grant.lease());
        if (previous != null) {
            leasesByManager.get(previous.manager()).remove(previous.lease());
        }
        outstanding.put(grant.lease(), grant);
        leasesByManager.computeIfAbsent(grant.manager(), m -> new LinkedHashSet<>()).add(grant.lease());
    }

    /** A reclaim of a lease the history never granted is ignored: nothing is counted for it. */
    void reclaim(String lease) {
        Grant grant = outstanding.remove(lease);
        if (grant != null) {
            leasesByManager.get(grant.manager()).remove(lease);
        }
    }

    /** The manager's process ended: the seats it counted lived only in its memory, so none is held any more. */
    void managerEnded(String manager) {
        Set<String> leases = leasesByManager.remove(manager);
        if (leases != null) {
            leases.forEach(outstanding::remove);
        }
    }

    /** Every seat still held, in grant order. */
    List<Grant> outstanding() {
        return new ArrayList<>(outstanding.values());
    }
}
