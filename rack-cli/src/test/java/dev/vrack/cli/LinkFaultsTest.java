package dev.vrack.cli;

import static dev.vrack.cli.FaultRack.detail;
import static dev.vrack.cli.FaultRack.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.Event;
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
 * Issue 5's faults inside the rack, end to end with real processes: a blackholed holder (its carrier stays up,
 * so only its unanswered renewals tell it), an impaired link and a clock step through the {@code rack} verbs.
 * www is licensed for 1 and two cartridges want it: one runs, one waits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinkFaultsTest {

    private static final long TTL = 2000;
    private static final long MARGIN = 500;
    /** Events are written a little after the decision they record; this much slack for that, not more. */
    private static final long SLACK_MS = 100;

    private static final String RACK = FaultRack.licensedRack("faults-link", "127.157.0.0/24", "CHASSIS-FL-0001", 4, 2, 1);

    private FaultRack rack;

    @BeforeAll
    void up() throws Exception {
        rack = FaultRack.up("faults-link", RACK, "--lease-ttl-ms", Long.toString(TTL),
                "--safety-margin-ms", Long.toString(MARGIN), "--retry-ms", "500");
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
        await().atMost(Duration.ofSeconds(40)).until(() -> rack.running().size() == 1 && rack.waiting().size() == 1);
    }

    @Test
    @Order(1)
    void aBlackholedHolderSuspendsBeforeItsLeaseEndsTheWaiterGetsTheSeatAndItComesBackAsAWaiter() {
        int holder = rack.running().get(0);
        int waiter = rack.waiting().get(0);
        long before = FaultRack.nowMono();
        rack.ok("link", "A/" + holder, "blackhole");
        try {
            Event[] grant = new Event[1];
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                Optional<Event> found = rack.first("license.granted", before, detail("holder", "A/" + waiter));
                found.ifPresent(e -> grant[0] = e);
                return found.isPresent();
            });
            assertThat(rack.first("link.changed", before, source("A/" + holder)).orElseThrow().details())
                    .containsEntry("link", "blackhole");
            Event suspended = rack.first("app.suspended", before, source("A/" + holder)).orElseThrow(
                    () -> new AssertionError("A/" + holder + " never suspended although its seat moved"));
            Event confirmed = rack.lastConfirmation("A/" + holder);
            long leaseEnds = confirmed.mono() + TTL * 1_000_000;
            assertThat(suspended.mono()).as("suspended before its lease ran out").isLessThan(leaseEnds);
            assertThat(suspended.mono()).as("suspended before the seat moved").isLessThan(grant[0].mono());
            assertThat(FaultRack.ms(grant[0].mono() - confirmed.mono())).as("seat given away too early")
                    .isGreaterThanOrEqualTo(TTL + MARGIN - SLACK_MS);
            assertThat(rack.first("license.reclaimed", before, detail("holder", "A/" + holder)).orElseThrow()
                    .details()).containsEntry("reason", "lease-expired");
            // The carrier never went: the agent learned nothing from the link, only from the silence.
            assertThat(suspended.details().get("reason").toString()).doesNotContain("link is down");
            assertThat(rack.events("agent.state", source("A/" + holder)).stream().filter(e -> e.mono() >= before)
                    .map(e -> String.valueOf(e.details().get("reason")))).noneMatch(r -> r.contains("link is down"));
            await().atMost(Duration.ofSeconds(10)).until(() -> rack.running().equals(List.of(waiter)));
            assertThat(FaultRack.httpStatus(rack.ip("A", holder))).isNotEqualTo(200);
        } finally {
            rack.ok("link", "A/" + holder, "up");
        }
        // Back on the LAN it asks again and joins the line: the seat stays where it went.
        await().atMost(Duration.ofSeconds(20)).until(() -> rack.waiting().equals(List.of(holder)));
        assertThat(rack.running()).containsExactly(waiter);
    }

    @Test
    @Order(2)
    void anImpairedLinkIsRecordedAndAClockStepIsAppliedByTheCartridge() {
        int holder = rack.running().get(0);
        long before = FaultRack.nowMono();
        rack.ok("link", "A/" + holder, "impair", "--delay", "50ms", "--jitter", "10ms", "--loss", "5%");
        Event changed = rack.first("link.changed", before, source("A/" + holder)).orElseThrow();
        assertThat(changed.details()).containsEntry("link", "up").containsEntry("delayMs", 50)
                .containsEntry("jitterMs", 10).containsEntry("lossPercent", 5.0);
        assertThat(RackCli.slot(rack.status(), "A", holder).path("link").asText()).isEqualTo("up");
        RackCli.Result step = rack.ok("clock", "A/" + holder, "step", "-2h");
        assertThat(step.out()).contains("-7200000 ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> rack.first("clock.stepped", before, source("A/" + holder))
                .isPresent());
        assertThat(rack.first("clock.stepped", before, source("A/" + holder)).orElseThrow().details())
                .containsEntry("stepMs", -7_200_000).containsEntry("offsetMs", -7_200_000);
        // A slow, lossy link and a clock two hours behind: the seat stays (leases run on the monotonic clock).
        long settled = FaultRack.nowMono();
        await().pollDelay(Duration.ofMillis(TTL * 2)).atMost(Duration.ofSeconds(10))
                .until(() -> rack.running().equals(List.of(holder)));
        assertThat(rack.first("app.suspended", settled, source("A/" + holder))).isEmpty();
        rack.ok("link", "A/" + holder, "up");
        assertThat(rack.events("link.changed", source("A/" + holder)).stream().reduce((a, b) -> b).orElseThrow()
                .details()).containsOnlyKeys("link");
    }
}
