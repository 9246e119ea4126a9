package dev.vrack.cli;

import static dev.vrack.cli.FaultRack.detail;
import static dev.vrack.cli.FaultRack.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.Event;
import dev.vrack.common.RackRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults of a seat's holder with real processes (issue 4): hard and graceful pull, kill -9, SIGSTOP past the
 * lease, a silent link cut. www is licensed for 2 and four cartridges want it, so two always wait; each test
 * ends with the rack as it began (two running, two waiting) and a valid {@code rack check}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LicenseFaultsHolderTest {

    private static final long TTL = 2000;
    private static final long MARGIN = 500;
    /** Events are written a little after the decision they record; this much slack for that, not more. */
    private static final long SLACK_MS = 100;

    private static final String RACK = FaultRack.licensedRack("faults-holder", "127.150.0.0/24", "CHASSIS-FH-0001", 8, 4, 2);

    private FaultRack rack;

    @BeforeAll
    void up() throws Exception {
        rack = FaultRack.up("faults-holder", RACK, "--lease-ttl-ms", Long.toString(TTL),
                "--safety-margin-ms", Long.toString(MARGIN), "--retry-ms", "500");
        RackRuntime.Licensing licensing = RackRuntime.read(rack.rackDir().resolve("runtime.json")).licensing();
        assertThat(licensing.leaseTtlMs()).isEqualTo(TTL);
        assertThat(licensing.safetyMarginMs()).isEqualTo(MARGIN);
        assertThat(licensing.retryMs()).isEqualTo(500);
        awaitSteady();
    }

    @AfterAll
    void down() {
        if (rack != null) {
            rack.down();
        }
    }

    @AfterEach
    void theRunIsValid() {
        rack.checkValid();
    }

    private void awaitSteady() {
        await().atMost(Duration.ofSeconds(40)).until(() -> rack.running().size() == 2 && rack.waiting().size() == 2);
    }

    /** The waiters now, and a wait until one of them is granted a seat from the line after {@code mono}. */
    private Event awaitQueuedGrant(List<Integer> waiters, long mono, Duration within) {
        Event[] grant = new Event[1];
        await().atMost(within).until(() -> {
            Optional<Event> found = rack.first("license.granted", mono,
                    e -> waiters.stream().anyMatch(w -> ("A/" + w).equals(e.details().get("holder"))));
            found.ifPresent(e -> grant[0] = e);
            return found.isPresent();
        });
        return grant[0];
    }

    private Event awaitReclaim(int slot, long mono, String reason) {
        Event[] reclaim = new Event[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Optional<Event> found = rack.first("license.reclaimed", mono, detail("holder", "A/" + slot));
            found.ifPresent(e -> reclaim[0] = e);
            return found.isPresent();
        });
        assertThat(reclaim[0].details()).containsEntry("reason", reason);
        return reclaim[0];
    }

    private void reinsert(int slot) {
        rack.ok("insert", "A/" + slot, "--card", rack.card("A", slot).toString());
    }

    @Test
    @Order(1)
    void aHardPullHandsTheSeatToAWaiter() {
        int pulled = rack.running().get(0);
        List<Integer> waiters = rack.waiting();
        long before = FaultRack.nowMono();
        rack.ok("pull", "A/" + pulled);
        awaitReclaim(pulled, before, "holder-gone");
        Event grant = awaitQueuedGrant(waiters, before, Duration.ofSeconds(10));
        int winner = Integer.parseInt(grant.details().get("holder").toString().substring(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> rack.running().contains(winner));
        await().atMost(Duration.ofSeconds(10)).until(() -> FaultRack.httpStatus(rack.ip("A", winner)) == 200);
        reinsert(pulled);
        awaitSteady();
    }

    @Test
    @Order(2)
    void aGracefulPullReleasesTheSeatToAWaiter() {
        int pulled = rack.running().get(0);
        List<Integer> waiters = rack.waiting();
        long before = FaultRack.nowMono();
        rack.ok("pull", "A/" + pulled, "--graceful");
        awaitReclaim(pulled, before, "released");
        // The application stopped before its seat was released: never three at once.
        Event stopped = rack.first("app.stopped", before, source("A/" + pulled)).orElseThrow();
        Event grant = awaitQueuedGrant(waiters, before, Duration.ofSeconds(10));
        assertThat(stopped.mono()).isLessThan(grant.mono());
        int winner = Integer.parseInt(grant.details().get("holder").toString().substring(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> rack.running().contains(winner));
        reinsert(pulled);
        awaitSteady();
    }

    @Test
    @Order(3)
    void killMinus9MovesTheSeatAtOnce() throws Exception {
        int killed = rack.running().get(0);
        long pid = rack.pid("A", killed);
        List<Integer> waiters = rack.waiting();
        long before = FaultRack.nowMono();
        FaultRack.signal("KILL", pid);
        Event reclaim = awaitReclaim(killed, before, "holder-gone");
        Event grant = awaitQueuedGrant(waiters, before, Duration.ofSeconds(5));
        // At once: the closed connection frees the seat, no lease has to run out.
        assertThat(FaultRack.ms(reclaim.mono() - before)).isLessThan(TTL);
        assertThat(FaultRack.ms(grant.mono() - reclaim.mono())).isLessThan(500);
        int winner = Integer.parseInt(grant.details().get("holder").toString().substring(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> rack.running().contains(winner));
        rack.ok("power", "A/" + killed, "off");
        rack.ok("power", "A/" + killed, "on");
        awaitSteady();
    }

    @Test
    @Order(4)
    void aFrozenHolderLosesItsSeatOnlyAfterTtlPlusMarginAndSuspendsWhenItWakes() throws Exception {
        int frozen = rack.running().get(0);
        long pid = rack.pid("A", frozen);
        String address = rack.ip("A", frozen);
        List<Integer> waiters = rack.waiting();
        long before = FaultRack.nowMono();
        FaultRack.signal("STOP", pid);
        try {
            Event grant = awaitQueuedGrant(waiters, before, Duration.ofSeconds(15));
            Event reclaim = rack.first("license.reclaimed", before, detail("holder", "A/" + frozen)).orElseThrow();
            assertThat(reclaim.details()).containsEntry("reason", "lease-expired");
            Event confirmed = rack.lastConfirmation("A/" + frozen);
            assertThat(confirmed.mono()).isLessThan(grant.mono());
            assertThat(FaultRack.ms(grant.mono() - confirmed.mono())).as("seat given away too early")
                    .isGreaterThanOrEqualTo(TTL + MARGIN - SLACK_MS);
        } finally {
            FaultRack.signal("CONT", pid);
        }
        long woke = FaultRack.nowMono();
        long seatMoved = rack.first("license.granted", before,
                e -> waiters.stream().anyMatch(w -> ("A/" + w).equals(e.details().get("holder")))).orElseThrow().mono();
        // Woken past its lease, it must not serve: 503 or nothing, never the page.
        assertThat(FaultRack.httpStatus(address)).isNotEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> rack.first("app.suspended", before, source("A/" + frozen))
                .isPresent());
        Event suspended = rack.first("app.suspended", before, source("A/" + frozen)).orElseThrow();
        assertThat(suspended.details().get("reason").toString()).isNotBlank();
        // Written on waking, but it says when permission really ended: before the seat moved.
        assertThat(((Number) suspended.details().get("permittedUntilMono")).longValue()).isLessThan(seatMoved);
        assertThat(suspended.details()).doesNotContainEntry("lease", Long.MIN_VALUE);
        // Nothing of its application ran again before it suspended.
        assertThat(rack.events().stream().filter(source("A/" + frozen))
                .filter(e -> e.mono() >= before && e.mono() < suspended.mono())
                .filter(e -> e.type().equals("app.started"))).isEmpty();
        assertThat(FaultRack.httpStatus(address)).isNotEqualTo(200);
        assertThat(suspended.mono()).isGreaterThanOrEqualTo(woke - 1_000_000_000L);
        awaitSteady();
    }

    @Test
    @Order(5)
    void aSilentLinkCutSuspendsBeforeTheLeaseEndsAndTheSeatMovesAfterTtlPlusMargin() {
        int cut = rack.running().get(0);
        List<Integer> waiters = rack.waiting();
        long before = FaultRack.nowMono();
        rack.ok("link", "A/" + cut, "down");
        try {
            Event grant = awaitQueuedGrant(waiters, before, Duration.ofSeconds(15));
            Event suspended = rack.first("app.suspended", before, source("A/" + cut)).orElseThrow(
                    () -> new AssertionError("A/" + cut + " never suspended although its seat moved"));
            Event confirmed = rack.lastConfirmation("A/" + cut);
            long leaseEnds = confirmed.mono() + TTL * 1_000_000;
            assertThat(suspended.mono()).as("suspended before its lease ran out").isLessThan(leaseEnds);
            assertThat(suspended.mono()).as("suspended before the seat moved").isLessThan(grant.mono());
            assertThat(FaultRack.ms(grant.mono() - confirmed.mono())).as("seat given away too early")
                    .isGreaterThanOrEqualTo(TTL + MARGIN - SLACK_MS);
            assertThat(rack.first("license.reclaimed", before, detail("holder", "A/" + cut)).orElseThrow().details())
                    .containsEntry("reason", "lease-expired");
        } finally {
            rack.ok("link", "A/" + cut, "up");
        }
        awaitSteady();
    }
}
