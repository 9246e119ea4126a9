package dev.vrack.cli;

import static dev.vrack.cli.FaultRack.detail;
import static dev.vrack.cli.FaultRack.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Twenty cartridges of chassis A race for three seats of www as the rack comes up, while the two app cartridges
 * of chassis B ask under a license that lists only chassis A (issue 4). One rack for both, real processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicenseFaultsRaceTest {

    private static final int RACERS = 20;
    private static final int SEATS = 3;

    private FaultRack rack;

    private static String rackFile() {
        // The license is sealed to chassis A's key (the manager's), so it lists A; B is the chassis it leaves out.
        StringBuilder yaml = new StringBuilder("""
                name: faults-race
                subnet: 127.152.0.0/24
                chassis:
                  - name: A
                    chassisId: CHASSIS-FR-000A
                    slots: 24
                    usbKey: hwkey-A
                    cartridges:
                      - {slot: 0, kind: management}
                """);
        for (int slot = 1; slot <= RACERS; slot++) {
            yaml.append("      - {slot: ").append(slot).append(", kind: app, card: www}\n");
        }
        yaml.append("""
                  - name: B
                    chassisId: CHASSIS-FR-000B
                    slots: 8
                    cartridges:
                      - {slot: 0, kind: app, card: www}
                      - {slot: 1, kind: app, card: www}
                licenses:
                  - app: www
                    count: 3
                    chassis: [A]
                """);
        return yaml.toString();
    }

    @BeforeAll
    void up() throws Exception {
        rack = FaultRack.up("faults-race", rackFile(), "--lease-ttl-ms", "3000", "--safety-margin-ms", "500",
                "--retry-ms", "1000");
        await().atMost(Duration.ofSeconds(60)).until(() -> rack.slotsIn("A", "running").size() == SEATS
                && rack.slotsIn("A", "waiting", "requesting").size() == RACERS - SEATS);
    }

    @AfterAll
    void down() {
        if (rack != null) {
            rack.down();
        }
    }

    @Test
    void neverMoreThanThreeOfTwentyRunAndTheUnlistedChassisNeverRuns() {
        // Every racer asked; three got a seat, the rest wait in line.
        List<Event> requests = rack.events("license.requested", e -> e.details().get("holder").toString().startsWith("A/"));
        assertThat(requests.stream().map(e -> e.details().get("holder")).distinct()).hasSize(RACERS);
        JsonNode www = rack.status().path("licenses").get(0);
        assertThat(www.path("count").asInt()).isEqualTo(SEATS);
        assertThat(www.path("inUse").asInt()).isEqualTo(SEATS);
        assertThat(www.path("waiting").asInt()).isEqualTo(RACERS - SEATS);
        assertThat(rack.events("license.seats", e -> true))
                .allSatisfy(e -> assertThat(((Number) e.details().get("inUse")).intValue()).isLessThanOrEqualTo(SEATS));

        // Chassis B's cartridges are refused for the right reason and never run.
        for (int slot : List.of(0, 1)) {
            String holder = "B/" + slot;
            // Before the manager has read its key and the license it answers NO_KEY / NO_LICENSE; from then on
            // every answer to B is CHASSIS_NOT_LISTED.
            long loaded = rack.first("license.loaded", 0, e -> true).orElseThrow().mono();
            await().atMost(Duration.ofSeconds(10)).until(() -> !rack.events("license.denied",
                    e -> e.mono() > loaded && holder.equals(e.details().get("holder"))).isEmpty());
            assertThat(rack.events("license.denied", e -> e.mono() > loaded && holder.equals(e.details().get("holder"))))
                    .allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "CHASSIS_NOT_LISTED"));
            assertThat(rack.events("license.granted", detail("holder", holder))).isEmpty();
            assertThat(rack.events("app.started", source(holder))).isEmpty();
            assertThat(FaultRack.httpStatus(rack.ip("B", slot))).isNotEqualTo(200);
        }

        JsonNode verdict = rack.checkValid();
        JsonNode app = verdict.path("apps").get(0);
        assertThat(app.path("peakRunning").asInt()).isEqualTo(SEATS);
        assertThat(app.path("countAtPeak").asInt()).isEqualTo(SEATS);
    }
}
