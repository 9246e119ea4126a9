package dev.vrack.license;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The license manager (FIG. 35-38) as a state machine: no sockets, no threads, time passed in.
 *
 * <p>Every change to the application running information happens under the update lock (FIG. 36 step
 * S211, FIG. 38). The safety rule: a seat counts as taken from its grant until it is released, its holder's
 * session ends, or its lease has run out plus the safety margin; a grant happens only while the seats
 * taken are fewer than the count in force. A lowered count never revokes a seat; it takes effect as seats
 * free.
 *
 * <p>Time is whatever clock the caller passes in, the same clock for every call; the management cartridge
 * passes monotonic milliseconds, so leases and license validity (converted at load) do not move when the
 * wall clock is stepped.
 */
public final class LicenseManagerCore {

    private final String ownChassisId;
    private final LeasePolicy policy;
    private final Set<TestFault> faults;
    private final ReentrantLock updateLock = new ReentrantLock();
    private final RunningTable running = new RunningTable();
    private final WaitLine waitLine = new WaitLine();
    private final Map<Long, Lease> leases = new HashMap<>();
    private final Map<String, List<AcquiredLicense>> licenses = new HashMap<>();
    private long nextLeaseId = 1;
    private String keyChassisId;
    private long keyDetachedAtMs = Long.MIN_VALUE;

    /**
     * @param ownChassisId the chassis ID of the manager's own chassis, read from its ID memory
     */
    public LicenseManagerCore(String ownChassisId, LeasePolicy policy) {
        this(ownChassisId, policy, Set.of());
    }

    /**
     * A manager with deliberate defects switched on, for tests that must see a verdict fail (see
     * {@link TestFault}); the normal constructor has none.
     */
    public LicenseManagerCore(String ownChassisId, LeasePolicy policy, Set<TestFault> faults) {
        this.ownChassisId = ownChassisId;
        this.policy = policy;
        this.faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
    }

    /** The test faults switched on (empty in every normal run). */
    public Set<TestFault> faults() {
        return faults;
    }

    public LeasePolicy policy() {
        return policy;
    }

    /** Replaces the acquired license information (FIG. 29); freed-up seats go to waiters at once. */
    public List<Notice> loadLicenses(Collection<AcquiredLicense> acquired, long nowMs) {
        return locked(() -> {
            licenses.clear();
            for (AcquiredLicense license : acquired) {
                licenses.computeIfAbsent(license.appId(), a -> new ArrayList<>()).add(license);
            }
            List<Notice> notices = new ArrayList<>();
            for (String app : waitLine.apps()) {
                grantWaiters(app, nowMs, notices);
            }
            return notices;
        });
    }

    /** A hardware key was attached; {@code keyChassisId} is the chassis ID it is bound to. */
    public List<Notice> keyAttached(String keyChassisId, long nowMs) {
        return locked(() -> {
            this.keyChassisId = keyChassisId;
            this.keyDetachedAtMs = Long.MIN_VALUE;
            List<Notice> notices = new ArrayList<>();
            for (String app : waitLine.apps()) {
                grantWaiters(app, nowMs, notices);
            }
            return notices;
        });
    }

    public void keyDetached(long nowMs) {
        locked(() -> {
            if (keyChassisId != null) {
                keyDetachedAtMs = nowMs;
            }
            return null;
        });
    }

    /** FIG. 35-36: may this holder run this application? */
    public Determination requestExecution(ExecutionRequest request, long nowMs) {
        return locked(() -> {
            Optional<Determination.Denied> refusal = check(request.appId(), request.chassisId(), nowMs);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            Optional<Lease> held = leaseOf(request.holder(), request.appId());
            if (held.isPresent()) {
                return new Determination.Granted(renew(held.get(), nowMs));
            }
            if (seatFree(request.appId(), nowMs) && waitLine.waiting(request.appId()) == 0) {
                return new Determination.Granted(grant(request, nowMs));
            }
            if (request.queueIfBusy()) {
                return new Determination.Queued(waitLine.enqueue(request));
            }
            return new Determination.Denied(Denial.NO_SEAT_FREE, seatsText(request.appId(), nowMs));
        });
    }

    /** FIG. 37: may the holder of this lease go on running? Renews the lease if so. */
    public Determination continueExecution(long leaseId, Holder holder, String chassisId, long nowMs) {
        return locked(() -> {
            Lease lease = leases.get(leaseId);
            if (lease == null || !lease.holder().equals(holder)) {
                return new Determination.Denied(Denial.UNKNOWN_LEASE, "lease " + leaseId);
            }
            Optional<Determination.Denied> refusal = check(lease.appId(), chassisId, nowMs);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            return new Determination.Granted(renew(lease, nowMs));
        });
    }

    /** FIG. 38: the application ended; its seat is free. */
    public List<Notice> terminate(long leaseId, Holder holder, long nowMs) {
        return locked(() -> {
            Lease lease = leases.get(leaseId);
            List<Notice> notices = new ArrayList<>();
            if (lease != null && lease.holder().equals(holder)) {
                reclaim(lease, ReclaimReason.RELEASED, nowMs, notices);
            }
            return notices;
        });
    }

    /** The holder's session closed from its side: its process is gone, and so are its seats and its places in line. */
    public List<Notice> sessionClosed(long session, long nowMs) {
        return locked(() -> {
            waitLine.removeSession(session);
            List<Notice> notices = new ArrayList<>();
            for (Lease lease : sorted(leases.values())) {
                if (lease.holder().session() == session) {
                    reclaim(lease, ReclaimReason.HOLDER_GONE, nowMs, notices);
                }
            }
            return notices;
        });
    }

    /** An administrator frees the seats of one slot (after its holder was told to suspend). */
    public List<Notice> adminRelease(String chassisId, int slot, long nowMs) {
        return locked(() -> {
            List<Notice> notices = new ArrayList<>();
            for (Lease lease : sorted(leases.values())) {
                if (lease.holder().chassisId().equals(chassisId) && lease.holder().slot() == slot) {
                    reclaim(lease, ReclaimReason.ADMIN, nowMs, notices);
                }
            }
            return notices;
        });
    }

    /** Time passes: leases silent past their end plus the safety margin are reclaimed. */
    public List<Notice> tick(long nowMs) {
        return locked(() -> {
            List<Notice> notices = new ArrayList<>();
            for (Lease lease : sorted(leases.values())) {
                if (nowMs >= lease.expiresAtMs() + policy.safetyMarginMs()) {
                    reclaim(lease, ReclaimReason.LEASE_EXPIRED, nowMs, notices);
                }
            }
            return notices;
        });
    }

    /** When {@link #tick} next has something to do, or {@code Long.MAX_VALUE}. */
    public long nextDeadlineMs() {
        return locked(() -> leases.values().stream()
                .mapToLong(l -> l.expiresAtMs() + policy.safetyMarginMs()).min().orElse(Long.MAX_VALUE));
    }

    public LicenseSnapshot snapshot(long nowMs) {
        return locked(() -> {
            TreeSet<String> apps = new TreeSet<>(licenses.keySet());
            apps.addAll(waitLine.apps());
            leases.values().forEach(l -> apps.add(l.appId()));
            List<LicenseSnapshot.AppSeats> seats = apps.stream()
                    .map(app -> new LicenseSnapshot.AppSeats(app, countInForce(app, nowMs), running.runningCount(app),
                            waitLine.waiting(app)))
                    .toList();
            return new LicenseSnapshot(seats, running.copy(), sorted(leases.values()));
        });
    }

    private Optional<Determination.Denied> check(String appId, String chassisId, long nowMs) {
        if (keyChassisId == null || keyGraceOver(nowMs)) {
            return denied(Denial.NO_KEY, "");
        }
        if (!keyChassisId.equals(ownChassisId)) {
            return denied(Denial.KEY_FOR_ANOTHER_CHASSIS, "key is for " + keyChassisId + ", this chassis is " + ownChassisId);
        }
        List<AcquiredLicense> forApp = licenses.getOrDefault(appId, List.of());
        if (forApp.isEmpty()) {
            return denied(Denial.NO_LICENSE, "application " + appId);
        }
        List<AcquiredLicense> valid = forApp.stream().filter(l -> l.validAt(nowMs)).toList();
        if (valid.isEmpty()) {
            return denied(Denial.LICENSE_NOT_VALID_NOW, "application " + appId);
        }
        if (valid.stream().noneMatch(l -> l.lists(chassisId))) {
            return denied(Denial.CHASSIS_NOT_LISTED, "chassis " + chassisId + ", application " + appId);
        }
        return Optional.empty();
    }

    private boolean keyGraceOver(long nowMs) {
        return keyDetachedAtMs != Long.MIN_VALUE && nowMs - keyDetachedAtMs >= policy.keyGraceMs();
    }

    private static Optional<Determination.Denied> denied(Denial reason, String detail) {
        return Optional.of(new Determination.Denied(reason, detail));
    }

    /** FIG. 36 step S212: running < count. Only the skip-count-check test fault says yes regardless. */
    private boolean seatFree(String appId, long nowMs) {
        return running.runningCount(appId) < countInForce(appId, nowMs) || faults.contains(TestFault.SKIP_COUNT_CHECK);
    }

    /** Seats in force: the sum of the counts of the application's licenses valid now. */
    private int countInForce(String appId, long nowMs) {
        return licenses.getOrDefault(appId, List.of()).stream()
                .filter(l -> l.validAt(nowMs)).mapToInt(AcquiredLicense::count).sum();
    }

    private Lease grant(ExecutionRequest request, long nowMs) {
        Lease lease = new Lease(nextLeaseId++, request.appId(), request.holder(), nowMs, nowMs + policy.ttlMs());
        leases.put(lease.leaseId(), lease);
        running.mark(request.holder().chassisId(), request.appId(), request.holder().slot());
        waitLine.remove(request.holder(), request.appId());
        return lease;
    }

    private Lease renew(Lease lease, long nowMs) {
        Lease renewed = lease.renewedUntil(nowMs + policy.ttlMs());
        leases.put(renewed.leaseId(), renewed);
        return renewed;
    }

    private void reclaim(Lease lease, ReclaimReason reason, long nowMs, List<Notice> notices) {
        leases.remove(lease.leaseId());
        running.clear(lease.holder().chassisId(), lease.appId(), lease.holder().slot());
        notices.add(new Notice.SeatReclaimed(lease, reason));
        grantWaiters(lease.appId(), nowMs, notices);
    }

    private void grantWaiters(String appId, long nowMs, List<Notice> notices) {
        while (running.runningCount(appId) < countInForce(appId, nowMs)) {
            Optional<ExecutionRequest> next = waitLine.poll(appId);
            if (next.isEmpty()) {
                return;
            }
            ExecutionRequest request = next.get();
            Optional<Determination.Denied> refusal = check(appId, request.chassisId(), nowMs);
            if (refusal.isPresent()) {
                notices.add(new Notice.WaitDenied(request, refusal.get()));
                continue;
            }
            notices.add(new Notice.SeatGranted(grant(request, nowMs), request.ticket()));
        }
    }

    private Optional<Lease> leaseOf(Holder holder, String appId) {
        return leases.values().stream().filter(l -> l.holder().equals(holder) && l.appId().equals(appId)).findFirst();
    }

    private String seatsText(String appId, long nowMs) {
        return running.runningCount(appId) + " of " + countInForce(appId, nowMs) + " seats of " + appId + " in use";
    }

    private static List<Lease> sorted(Collection<Lease> leases) {
        return leases.stream().sorted(Comparator.comparingLong(Lease::leaseId)).toList();
    }

    private <T> T locked(java.util.function.Supplier<T> change) {
        updateLock.lock();
        try {
            return change.get();
        } finally {
            updateLock.unlock();
        }
    }
}
