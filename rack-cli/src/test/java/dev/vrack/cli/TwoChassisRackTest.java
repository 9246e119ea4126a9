package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.common.ProcessRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** FIG. 28: two chassis on one LAN, one management cartridge, chassis B's ID read only by its slot 0. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoChassisRackTest {

    private Path temp;
    private RackCli rack;

    @BeforeAll
    void up(@TempDir Path temp) throws Exception {
        this.temp = temp;
        rack = new RackCli(temp.resolve("state"));
        Path config = RackCli.copyConfig("two-chassis.yml", temp, "fig28", 143);
        rack.ok("up", config.toString(), "--timeout", "90");
    }

    @AfterAll
    void cleanUp() {
        rack.cleanup();
    }

    @Test
    @Order(1)
    void cartridgesOfBothChassisGetAddressesFromTheOneServerThroughTheirOwnHub() {
        JsonNode status = rack.status();
        assertThat(status.path("chassis")).hasSize(2);
        JsonNode b0 = RackCli.slot(status, "B", 0);
        assertThat(b0.path("state").asText()).isEqualTo("up");
        assertThat(b0.path("ip").asText()).startsWith("127.143.0.");
        List<Event> acks = EventReader.readFolder(rack.stateDir().resolve("fig28").resolve("events")).stream()
                .filter(e -> e.type().equals("dhcp.ack")).toList();
        assertThat(acks).extracting(e -> String.valueOf(e.details().get("circuit"))).contains("B/0", "B/1", "A/1");
    }

    @Test
    @Order(2)
    void onlyTheSlotZeroCartridgeOfChassisBReadsChassisBsId() {
        String chassisB = chassisId(rack.status(), "B");
        JsonNode b0 = RackCli.slot(rack.status(), "B", 0);
        assertThat(b0.path("details").path("chassisId").asText()).isEqualTo(chassisB);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                RackCli.slot(rack.status(), "B", 1).path("details").path("chassisId").asText().equals(chassisB));
        JsonNode b1 = RackCli.slot(rack.status(), "B", 1);
        assertThat(b1.path("details").path("idMemory").asText()).isEqualTo("asked-slot-0");

        List<Event> events = EventReader.readFolder(rack.stateDir().resolve("fig28").resolve("events"));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("idmemory.read");
            assertThat(e.source()).isEqualTo("B/0");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("idmemory.refused");
            assertThat(e.source()).isEqualTo("B/1");
        });
        assertThat(events).noneMatch(e -> e.type().equals("idmemory.read") && e.source().equals("B/1"));
    }

    @Test
    @Order(3)
    void licensedApplicationsRunInBothChassisUnderTheOneManager() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode www = rack.status().path("licenses").path(0);
            return www.path("inUse").asInt() == 4 && www.path("waiting").asInt() == 1;
        });
        JsonNode status = rack.status();
        List<String> running = new java.util.ArrayList<>();
        for (JsonNode chassis : status.path("chassis")) {
            for (JsonNode slot : chassis.path("slots")) {
                if ("running".equals(slot.path("license").asText())) {
                    running.add(chassis.path("name").asText() + "/" + slot.path("slot").asText());
                }
            }
        }
        assertThat(running).hasSize(4).anyMatch(s -> s.startsWith("A/")).anyMatch(s -> s.startsWith("B/"));
    }

    @Test
    @Order(4)
    void killingAChassisTakesItsCartridgesDownAndLeavesTheOtherChassisRunning() {
        JsonNode status = rack.status();
        ProcessRecord chassisB = processOf(status, "B");
        List<Long> cartridgesOfB = pids(status, "B");
        List<Long> cartridgesOfA = pids(status, "A");
        assertThat(cartridgesOfB).isNotEmpty();

        chassisB.kill();

        await().atMost(Duration.ofSeconds(10)).until(() -> cartridgesOfB.stream()
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        assertThat(cartridgesOfA).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        JsonNode after = rack.status();
        assertThat(after.path("chassis").get(1).path("state").asText()).isEqualTo("down");
        assertThat(RackCli.slot(after, "A", 1).path("state").asText()).isEqualTo("up");
    }

    private static String chassisId(JsonNode status, String name) {
        for (JsonNode c : status.path("chassis")) {
            if (c.path("name").asText().equals(name)) {
                return c.path("chassisId").asText();
            }
        }
        throw new AssertionError("no chassis " + name);
    }

    private static ProcessRecord processOf(JsonNode status, String name) {
        for (JsonNode c : status.path("chassis")) {
            if (c.path("name").asText().equals(name)) {
                return ProcessHandle.of(c.path("pid").asLong()).map(ProcessRecord::of).orElseThrow();
            }
        }
        throw new AssertionError("no chassis " + name);
    }

    private static List<Long> pids(JsonNode status, String chassis) {
        for (JsonNode c : status.path("chassis")) {
            if (c.path("name").asText().equals(chassis)) {
                return c.path("slots").findValues("pid").stream().map(JsonNode::asLong).filter(p -> p > 0).toList();
            }
        }
        throw new AssertionError("no chassis " + chassis);
    }
}
