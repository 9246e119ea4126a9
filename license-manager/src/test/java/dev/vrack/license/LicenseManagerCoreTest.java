package dev.vrack.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The license manager's flows (FIG. 35-38) with leases, queues and the safety rule, on a fake clock. */
class LicenseManagerCoreTest {

    private static final String CHASSIS = "CHASSIS-A";
    private static final LeasePolicy POLICY = new LeasePolicy(10_000, 2_000, 0);

    private LicenseManagerCore manager;
    private long now = 1_000_000;

    @BeforeEach
    void aManagerWithTwoSeatsOfWww() {
        manager = new LicenseManagerCore(CHASSIS, POLICY);
        manager.keyAttached(CHASSIS, now);
        manager.loadLicenses(List.of(license("www", 2, CHASSIS)), now);
    }

    private static AcquiredLicense license(String app, int count, String... chassis) {
        return new AcquiredLicense("LIC-" + app + "-" + count, app, count, Set.of(chassis), 0, Long.MAX_VALUE);
    }

    private static Holder slot(int slot) {
        return new Holder(CHASSIS, slot, 100 + slot);
    }

    private Determination ask(int slot, boolean queue) {
        return manager.requestExecution(new ExecutionRequest(slot(slot), "www", CHASSIS, queue, "ticket-" + slot), now);
    }

    @Test
    void grantsWhileRunningIsBelowTheCountThenQueues() {
        assertThat(ask(1, true)).isInstanceOf(Determination.Granted.class);
        assertThat(ask(2, true)).isInstanceOf(Determination.Granted.class);
        assertThat(ask(3, true)).isEqualTo(new Determination.Queued(1));
        assertThat(ask(4, false)).isInstanceOfSatisfying(Determination.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(Denial.NO_SEAT_FREE));
        LicenseSnapshot.AppSeats seats = manager.snapshot(now).apps().get(0);
        assertThat(seats).isEqualTo(new LicenseSnapshot.AppSeats("www", 2, 2, 1));
        assertThat(manager.snapshot(now).running()).containsEntry(CHASSIS, java.util.Map.of("www", new java.util.TreeSet<>(List.of(1, 2))));
    }

    @Test
    void aReleasedSeatGoesToTheFirstWaiterAtOnce() {
        Lease first = ((Determination.Granted) ask(1, true)).lease();
        ask(2, true);
        ask(3, true);
        ask(4, true);
        List<Notice> notices = manager.terminate(first.leaseId(), first.holder(), now);
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).isEqualTo(new Notice.SeatReclaimed(first, ReclaimReason.RELEASED));
        assertThat(notices.get(1)).isInstanceOfSatisfying(Notice.SeatGranted.class, g -> {
            assertThat(g.ticket()).isEqualTo("ticket-3");
            assertThat(g.lease().holder()).isEqualTo(slot(3));
        });
    }

    @Test
    void aRetryKeepsItsPlaceInLine() {
        ask(1, true);
        ask(2, true);
        ask(3, true);
        ask(4, true);
        assertThat(ask(3, true)).isEqualTo(new Determination.Queued(1));
    }

    @Test
    void aDeadHoldersSeatIsReclaimedAtOnceAndItsPlaceInLineDropped() {
        Lease first = ((Determination.Granted) ask(1, true)).lease();
        ask(2, true);
        ask(3, true);
        manager.sessionClosed(slot(3).session(), now);
        List<Notice> notices = manager.sessionClosed(first.holder().session(), now);
        assertThat(notices).containsExactly(new Notice.SeatReclaimed(first, ReclaimReason.HOLDER_GONE));
        assertThat(manager.snapshot(now).apps().get(0).inUse()).isEqualTo(1);
    }

    @Test
    void aSilentHolderKeepsItsSeatUntilTheLeaseRunsOutPlusTheMargin() {
        Lease first = ((Determination.Granted) ask(1, true)).lease();
        ask(2, true);
        ask(3, true);
        now = first.expiresAtMs() + POLICY.safetyMarginMs() - 1;
        assertThat(manager.tick(now)).isEmpty();
        assertThat(manager.nextDeadlineMs()).isEqualTo(first.expiresAtMs() + POLICY.safetyMarginMs());
        now++;
        List<Notice> notices = manager.tick(now);
        assertThat(notices).first().isEqualTo(new Notice.SeatReclaimed(first, ReclaimReason.LEASE_EXPIRED));
    }

    @Test
    void renewalExtendsTheLeaseAndAnUnknownLeaseIsRefused() {
        Lease lease = ((Determination.Granted) ask(1, true)).lease();
        now += 5_000;
        Determination renewed = manager.continueExecution(lease.leaseId(), lease.holder(), CHASSIS, now);
        assertThat(renewed).isInstanceOfSatisfying(Determination.Granted.class,
                g -> assertThat(g.lease().expiresAtMs()).isEqualTo(now + POLICY.ttlMs()));
        assertThat(manager.continueExecution(999, lease.holder(), CHASSIS, now)).isInstanceOfSatisfying(
                Determination.Denied.class, d -> assertThat(d.reason()).isEqualTo(Denial.UNKNOWN_LEASE));
        assertThat(manager.continueExecution(lease.leaseId(), slot(5), CHASSIS, now)).isInstanceOf(Determination.Denied.class);
    }

    @Test
    void withoutTheKeyNothingIsGrantedOrRenewed() {
        Lease lease = ((Determination.Granted) ask(1, true)).lease();
        manager.keyDetached(now);
        assertThat(ask(2, true)).isInstanceOfSatisfying(Determination.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(Denial.NO_KEY));
        assertThat(manager.continueExecution(lease.leaseId(), lease.holder(), CHASSIS, now))
                .isInstanceOfSatisfying(Determination.Denied.class, d -> assertThat(d.reason()).isEqualTo(Denial.NO_KEY));
        manager.keyAttached(CHASSIS, now);
        assertThat(ask(2, true)).isInstanceOf(Determination.Granted.class);
    }

    @Test
    void aKeyGracePeriodToleratesABriefPull() {
        manager = new LicenseManagerCore(CHASSIS, new LeasePolicy(10_000, 2_000, 30_000));
        manager.keyAttached(CHASSIS, now);
        manager.loadLicenses(List.of(license("www", 2, CHASSIS)), now);
        manager.keyDetached(now);
        now += 29_999;
        assertThat(ask(1, true)).isInstanceOf(Determination.Granted.class);
        now += 1;
        assertThat(ask(2, true)).isInstanceOf(Determination.Denied.class);
    }

    @Test
    void aKeyOfAnotherChassisAndAnUnlistedChassisAreRefused() {
        manager.keyAttached("CHASSIS-Z", now);
        assertThat(ask(1, true)).isInstanceOfSatisfying(Determination.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(Denial.KEY_FOR_ANOTHER_CHASSIS));
        manager.keyAttached(CHASSIS, now);
        Determination other = manager.requestExecution(
                new ExecutionRequest(new Holder("CHASSIS-B", 1, 7), "www", "CHASSIS-B", true, null), now);
        assertThat(other).isInstanceOfSatisfying(Determination.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(Denial.CHASSIS_NOT_LISTED));
        Determination unlicensed = manager.requestExecution(
                new ExecutionRequest(slot(1), "db", CHASSIS, true, null), now);
        assertThat(unlicensed).isInstanceOfSatisfying(Determination.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(Denial.NO_LICENSE));
    }

    @Test
    void aLoweredCountRevokesNothingAndTakesEffectAsSeatsFree() {
        Lease first = ((Determination.Granted) ask(1, true)).lease();
        ask(2, true);
        manager.loadLicenses(List.of(license("www", 1, CHASSIS)), now);
        assertThat(manager.snapshot(now).apps().get(0).inUse()).isEqualTo(2);
        assertThat(ask(3, true)).isEqualTo(new Determination.Queued(1));
        assertThat(manager.terminate(first.leaseId(), first.holder(), now)).hasSize(1);
        assertThat(manager.snapshot(now).apps().get(0).inUse()).isEqualTo(1);
    }

    @Test
    void aRaisedCountGrantsWaitersAtOnce() {
        ask(1, true);
        ask(2, true);
        ask(3, true);
        List<Notice> notices = manager.loadLicenses(List.of(license("www", 3, CHASSIS)), now);
        assertThat(notices).singleElement().isInstanceOf(Notice.SeatGranted.class);
    }

    @Test
    void adminReleaseFreesTheSlotsSeat() {
        ask(1, true);
        assertThat(manager.adminRelease(CHASSIS, 1, now)).singleElement().isInstanceOfSatisfying(
                Notice.SeatReclaimed.class, r -> assertThat(r.reason()).isEqualTo(ReclaimReason.ADMIN));
    }

    /** Safety under a seeded storm of requests, releases, deaths, renewals and silence. */
    @Test
    void neverMoreSeatsThanTheCountWhateverHappens() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            LicenseManagerCore core = new LicenseManagerCore(CHASSIS, POLICY);
            core.keyAttached(CHASSIS, now);
            core.loadLicenses(List.of(license("www", 3, CHASSIS)), now);
            List<Lease> held = new ArrayList<>();
            long clock = now;
            for (int step = 0; step < 2_000; step++) {
                clock += random.nextInt(1_500);
                final long at = clock;
                int slot = random.nextInt(20);
                Holder holder = new Holder(CHASSIS, slot, slot);
                switch (random.nextInt(5)) {
                    case 0 -> core.requestExecution(new ExecutionRequest(holder, "www", CHASSIS, random.nextBoolean(), null), clock);
                    case 1 -> core.sessionClosed(slot, clock);
                    case 2 -> core.tick(clock);
                    case 3 -> core.snapshot(clock).leases().stream().filter(l -> l.holder().equals(holder)).findFirst()
                            .ifPresent(l -> core.terminate(l.leaseId(), holder, at));
                    default -> core.snapshot(clock).leases().stream().filter(l -> l.holder().equals(holder)).findFirst()
                            .ifPresent(l -> core.continueExecution(l.leaseId(), holder, CHASSIS, at));
                }
                LicenseSnapshot snapshot = core.snapshot(clock);
                assertThat(snapshot.leases()).as("seed %d step %d", seed, step).hasSizeLessThanOrEqualTo(3);
                assertThat(snapshot.apps().get(0).inUse()).isEqualTo(snapshot.leases().size());
                held.clear();
                held.addAll(snapshot.leases());
                assertThat(held.stream().map(Lease::holder).distinct().count()).isEqualTo(held.size());
            }
        }
    }

    /**
     * The core runs on whatever clock it is given: the manager gives it monotonic milliseconds, which start near
     * zero (boot), not at the epoch. A lease granted then ends exactly ttl + margin later on that clock; nothing in
     * the core reads the wall clock, so a step of the wall clock cannot move it.
     */
    @Test
    void aLeaseExpiresOnTheClockPassedInNotOnWallTime() {
        long mono = 5_000;
        LicenseManagerCore core = new LicenseManagerCore(CHASSIS, POLICY);
        core.keyAttached(CHASSIS, mono);
        // Validity converted to the monotonic clock at load: an hour from this instant on.
        core.loadLicenses(List.of(new AcquiredLicense("LIC-mono", "www", 1, Set.of(CHASSIS), mono - 60_000,
                mono + 3_600_000)), mono);
        Lease lease = ((Determination.Granted) core.requestExecution(
                new ExecutionRequest(slot(1), "www", CHASSIS, true, null), mono)).lease();
        assertThat(lease.expiresAtMs()).isEqualTo(mono + POLICY.ttlMs());
        assertThat(core.nextDeadlineMs()).isEqualTo(mono + POLICY.ttlMs() + POLICY.safetyMarginMs());
        assertThat(core.tick(mono + POLICY.ttlMs() + POLICY.safetyMarginMs() - 1)).isEmpty();
        assertThat(core.snapshot(mono + POLICY.ttlMs()).leases()).containsExactly(lease);
        assertThat(core.tick(mono + POLICY.ttlMs() + POLICY.safetyMarginMs())).singleElement()
                .isEqualTo(new Notice.SeatReclaimed(lease, ReclaimReason.LEASE_EXPIRED));
    }

    @Test
    void theSkipCountCheckTestFaultGrantsBeyondTheCountAndOnlyWhenSwitchedOn() {
        assertThat(manager.faults()).isEmpty();
        LicenseManagerCore broken = new LicenseManagerCore(CHASSIS, POLICY, Set.of(TestFault.SKIP_COUNT_CHECK));
        broken.keyAttached(CHASSIS, now);
        broken.loadLicenses(List.of(license("www", 2, CHASSIS)), now);
        for (int slot = 1; slot <= 3; slot++) {
            assertThat(broken.requestExecution(new ExecutionRequest(slot(slot), "www", CHASSIS, true, null), now))
                    .isInstanceOf(Determination.Granted.class);
            assertThat(ask(slot, true)).isInstanceOf(slot <= 2 ? Determination.Granted.class : Determination.Queued.class);
        }
        assertThat(broken.snapshot(now).apps()).containsExactly(new LicenseSnapshot.AppSeats("www", 2, 3, 0));
        // The other checks still hold: no key, no grant.
        broken.keyDetached(now);
        assertThat(broken.requestExecution(new ExecutionRequest(slot(4), "www", CHASSIS, true, null), now))
                .isInstanceOfSatisfying(Determination.Denied.class, d -> assertThat(d.reason()).isEqualTo(Denial.NO_KEY));
        assertThat(TestFault.named("skip-count-check")).contains(TestFault.SKIP_COUNT_CHECK);
        assertThat(TestFault.named("skip-everything")).isEmpty();
    }
}
