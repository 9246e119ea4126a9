package dev.vrack.mgmt.license;

import dev.vrack.common.EventLog;
import dev.vrack.license.Denial;
import dev.vrack.license.Lease;
import dev.vrack.license.LicenseSnapshot;
import dev.vrack.license.ReclaimReason;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes the manager's events of docs/ARCHITECTURE.md "Licensing events" (source: the manager's slot). */
final class LicenseEvents {

    private final EventLog log;

    LicenseEvents(EventLog log) {
        this.log = log;
    }

    void requested(String holder, String app, String chassisId) {
        log.emit("license.requested", details("app", app, "holder", holder, "chassisId", chassisId));
    }

    void granted(String holder, Lease lease, long ttlMs, boolean queued) {
        log.emit("license.granted", details("app", lease.appId(), "holder", holder, "lease", lease.leaseId(),
                "ttlMs", ttlMs, "queued", queued));
    }

    void queued(String holder, String app, int position) {
        log.emit("license.queued", details("app", app, "holder", holder, "position", position));
    }

    void denied(String holder, String app, Denial reason, String message) {
        log.emit("license.denied", details("app", app, "holder", holder, "reason", reason.name(), "message", message));
    }

    void renewed(String holder, Lease lease) {
        log.emit("license.renewed", details("app", lease.appId(), "holder", holder, "lease", lease.leaseId()));
    }

    void reclaimed(String holder, Lease lease, ReclaimReason reason) {
        log.emit("license.reclaimed", details("app", lease.appId(), "holder", holder, "lease", lease.leaseId(),
                "reason", wireName(reason)));
    }

    void seats(LicenseSnapshot.AppSeats seats) {
        log.emit("license.seats", details("app", seats.app(), "count", seats.count(), "inUse", seats.inUse(),
                "waiting", seats.waiting()));
    }

    void usbChanged(boolean attached, String keyId, String chassisId) {
        log.emit("usb.changed", details("attached", attached, "keyId", keyId, "chassisId", chassisId));
    }

    /** A deliberate defect is switched on (tests only): {@code manager.test-fault}. */
    void testFault(String fault) {
        log.emit("manager.test-fault", details("fault", fault));
    }

    /** {@code released}, {@code holder-gone}, {@code lease-expired}, {@code admin}. */
    static String wireName(ReclaimReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            details.put((String) pairs[i], pairs[i + 1]);
        }
        return details;
    }
}
