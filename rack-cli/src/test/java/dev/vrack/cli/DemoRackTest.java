package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.common.Ipv4Address;
import dev.vrack.common.ProcessRecord;
import dev.vrack.common.Subnet;
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

/**
 * The demo rack, driven through the rack command as a user would: real chassis and cartridge processes,
 * real DHCP through the hub. One rack serves the whole class; the tests run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoRackTest {

    private static final Subnet SUBNET = Subnet.parse("127.142.0.0/24");

    private Path temp;
    private RackCli rack;

    @BeforeAll
    void upTheDemoRack(@TempDir Path temp) throws Exception {
        this.temp = temp;
        rack = new RackCli(temp.resolve("state"));
        Path config = RackCli.copyConfig("demo.yml", temp, "demo-test", 142);
        RackCli.Result up = rack.ok("up", config.toString(), "--timeout", "90");
        assertThat(up.out()).contains("is up");
    }

    @AfterAll
    void cleanUp() {
        rack.cleanup();
    }

    @Test
    @Order(1)
    void everyCartridgeIsUpWithAnAddressFromTheSubnet() {
        JsonNode status = rack.status();
        assertThat(status.path("rack").asText()).isEqualTo("demo-test");
        JsonNode slots = status.path("chassis").get(0).path("slots");
        int up = 0;
        for (JsonNode slot : slots) {
            if (slot.path("state").asText().equals("empty")) {
                continue;
            }
            assertThat(slot.path("state").asText()).as("slot %s", slot).isEqualTo("up");
            assertThat(SUBNET.contains(Ipv4Address.parse(slot.path("ip").asText()))).as("ip of %s", slot).isTrue();
            assertThat(ProcessHandle.of(slot.path("pid").asLong())).isPresent();
            assertThat(slot.path("link").asText()).isEqualTo("up");
            up++;
        }
        assertThat(up).isEqualTo(4);
        assertThat(RackCli.slot(status, "A", 0).path("kind").asText()).isEqualTo("management");
        assertThat(RackCli.slot(status, "A", 0).path("ip").asText()).isEqualTo("127.142.0.1");
        List<String> ips = slots.findValues("ip").stream().filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(s -> !s.isEmpty()).toList();
        assertThat(ips).hasSize(4);
        assertThat(ips).doesNotHaveDuplicates();
    }

    @Test
    @Order(2)
    void theTableShowsEverySlot() {
        String table = rack.ok("status").out();
        assertThat(table).contains("chassis A").contains("management").contains("127.142.0.1");
    }

    @Test
    @Order(3)
    void eventsRecordTheDhcpExchangesThroughTheHub() {
        List<Event> events = EventReader.readFolder(rack.stateDir().resolve("demo-test").resolve("events"));
        assertThat(events).extracting(Event::type).contains("dhcp.discover", "dhcp.offer", "dhcp.request", "dhcp.ack",
                "slot.powered", "cartridge.booted");
        assertThat(events.stream().filter(e -> e.type().equals("dhcp.ack")))
                .anySatisfy(e -> assertThat(e.details().get("circuit")).isEqualTo("A/2"));
        String json = rack.ok("events", "--json", "--type", "dhcp.ack").out();
        assertThat(json.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"type\":\"dhcp.ack\""));
    }

    @Test
    @Order(4)
    void aHardPullKillsTheCartridgeAtOnceAndLeavesTheOthersAlone() {
        JsonNode before = rack.status();
        long pulled = RackCli.slot(before, "A", 2).path("pid").asLong();
        long neighbour = RackCli.slot(before, "A", 3).path("pid").asLong();

        rack.ok("pull", "A/2");

        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pulled).isEmpty()
                || !ProcessHandle.of(pulled).get().isAlive());
        JsonNode after = rack.status();
        assertThat(RackCli.slot(after, "A", 2).path("state").asText()).isEqualTo("empty");
        assertThat(RackCli.slot(after, "A", 3).path("state").asText()).isEqualTo("up");
        assertThat(RackCli.slot(after, "A", 3).path("pid").asLong()).isEqualTo(neighbour);
    }

    @Test
    @Order(5)
    void aReinsertedCartridgeBootsAndGetsAnAddressAgain() {
        Path card = rack.stateDir().resolve("demo-test").resolve("cards").resolve("A-2.card");
        rack.ok("insert", "A/2", "--card", card.toString());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                RackCli.slot(rack.status(), "A", 2).path("state").asText().equals("up"));
        assertThat(RackCli.slot(rack.status(), "A", 2).path("ip").asText()).startsWith("127.142.0.");
    }

    @Test
    @Order(6)
    void insertingIntoAnOccupiedSlotIsRefusedAndChangesNothing() {
        long pid = RackCli.slot(rack.status(), "A", 1).path("pid").asLong();
        Path card = rack.stateDir().resolve("demo-test").resolve("cards").resolve("A-2.card");
        RackCli.Result refused = rack.run("insert", "A/1", "--card", card.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("occupied").contains("rack pull A/1");
        assertThat(RackCli.slot(rack.status(), "A", 1).path("pid").asLong()).isEqualTo(pid);
    }

    @Test
    @Order(7)
    void aGracefulPullLetsTheCartridgeReleaseItsLease() {
        long pid = RackCli.slot(rack.status(), "A", 3).path("pid").asLong();
        String ip = RackCli.slot(rack.status(), "A", 3).path("ip").asText();
        rack.ok("pull", "A/3", "--graceful");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        List<Event> events = EventReader.readFolder(rack.stateDir().resolve("demo-test").resolve("events"));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("dhcp.release");
            assertThat(e.details().get("ip")).isEqualTo(ip);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("slot.removed");
            assertThat(e.source()).isEqualTo("A/3");
            assertThat(e.details().get("mode")).isEqualTo("graceful");
        });
    }

    @Test
    @Order(8)
    void linkDownAndUpShowInStatusAndEvents() {
        rack.ok("link", "A/1", "down");
        assertThat(RackCli.slot(rack.status(), "A", 1).path("link").asText()).isEqualTo("down");
        rack.ok("link", "A/1", "up");
        assertThat(RackCli.slot(rack.status(), "A", 1).path("link").asText()).isEqualTo("up");
        List<Event> events = EventReader.readFolder(rack.stateDir().resolve("demo-test").resolve("events"));
        assertThat(events).filteredOn(e -> e.type().equals("link.changed") && e.source().equals("A/1")).hasSize(2);
    }

    @Test
    @Order(9)
    void powerOffCutsTheProcessAndPowerOnBootsItAgain() {
        long pid = RackCli.slot(rack.status(), "A", 1).path("pid").asLong();
        rack.ok("power", "A/1", "off");
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertThat(RackCli.slot(rack.status(), "A", 1).path("state").asText()).isEqualTo("off");
        rack.ok("power", "A/1", "on");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                RackCli.slot(rack.status(), "A", 1).path("state").asText().equals("up"));
    }

    @Test
    @Order(10)
    void theUsbKeyCanBeDetachedAndAttachedAndAnEditedImageIsRefused() throws Exception {
        JsonNode usb = rack.status().path("chassis").get(0).path("usbKey");
        assertThat(usb.path("attached").asBoolean()).isTrue();
        String keyId = usb.path("keyId").asText();
        Path image = rack.stateDir().resolve("demo-test").resolve("keys").resolve("hwkey-A.hwkey");

        rack.ok("usb", "A", "detach");
        assertThat(rack.status().path("chassis").get(0).path("usbKey").path("attached").asBoolean()).isFalse();

        Path edited = temp.resolve("edited.hwkey");
        byte[] bytes = java.nio.file.Files.readAllBytes(image);
        bytes[bytes.length / 2] ^= 1;
        java.nio.file.Files.write(edited, bytes);
        RackCli.Result refused = rack.run("usb", "A", "attach", edited.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("edited.hwkey");
        assertThat(rack.status().path("chassis").get(0).path("usbKey").path("attached").asBoolean()).isFalse();

        rack.ok("usb", "A", "attach", image.toString());
        assertThat(rack.status().path("chassis").get(0).path("usbKey").path("keyId").asText()).isEqualTo(keyId);
        assertThat(RackCli.slot(rack.status(), "A", 0).path("state").asText()).isEqualTo("up");
    }

    @Test
    @Order(11)
    void handsOnVerbsRefuseWhatDoesNotExist() {
        RackCli.Result unknownChassis = rack.run("pull", "Z/1");
        assertThat(unknownChassis.exitCode()).isEqualTo(1);
        assertThat(unknownChassis.err()).contains("no chassis named 'Z'").contains("A");

        RackCli.Result badSlot = rack.run("pull", "A/99");
        assertThat(badSlot.exitCode()).isEqualTo(1);
        assertThat(badSlot.err()).contains("slot 99");

        RackCli.Result usage = rack.run("pull", "A3");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("CHASSIS/SLOT");

        RackCli.Result emptySlot = rack.run("pull", "A/7");
        assertThat(emptySlot.exitCode()).isEqualTo(1);
        assertThat(emptySlot.err()).contains("empty");
    }

    @Test
    @Order(12)
    void leasesSurviveARestartOfTheManagementCartridge() {
        String before = RackCli.slot(rack.status(), "A", 1).path("ip").asText();
        rack.ok("power", "A/0", "off");
        rack.ok("power", "A/0", "on");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                RackCli.slot(rack.status(), "A", 0).path("state").asText().equals("up"));
        rack.ok("pull", "A/1");
        // A newcomer asks first: a server that forgot its leases would hand it the freed address.
        Path spare = rack.stateDir().resolve("demo-test").resolve("cards").resolve("A-3.card");
        rack.ok("insert", "A/7", "--card", spare.toString());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                RackCli.slot(rack.status(), "A", 7).path("state").asText().equals("up"));
        assertThat(RackCli.slot(rack.status(), "A", 7).path("ip").asText()).isNotEqualTo(before);
        Path card = rack.stateDir().resolve("demo-test").resolve("cards").resolve("A-1.card");
        rack.ok("insert", "A/1", "--card", card.toString());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                RackCli.slot(rack.status(), "A", 1).path("state").asText().equals("up"));
        assertThat(RackCli.slot(rack.status(), "A", 1).path("ip").asText()).isEqualTo(before);
    }

    @Test
    @Order(20)
    void downLeavesNoProcessBehind() {
        List<ProcessRecord> processes = rack.recordedProcesses();
        assertThat(processes).hasSizeGreaterThanOrEqualTo(4);
        rack.ok("down");
        assertThat(processes).noneMatch(ProcessRecord::isAlive);
        assertThat(rack.run("status").out()).contains("down");
    }
}
