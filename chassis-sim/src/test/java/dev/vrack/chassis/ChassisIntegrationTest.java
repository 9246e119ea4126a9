package dev.vrack.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.proto.backplane.BackplaneVersion;
import dev.vrack.proto.backplane.CartridgeFrame;
import dev.vrack.proto.backplane.ChassisFrame;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.Hello;
import dev.vrack.proto.backplane.ReadIdMemory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real chassis in this JVM with real cartridge processes ({@link TestCartridgeMain}). Slots 0 and
 * 3 are seated from rack.yml; each test uses its own slots so the tests do not depend on order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChassisIntegrationTest {

    private static final Duration BOOT = Duration.ofSeconds(30);

    private Path dir;

    private TestRack rack;
    private Chassis chassis;
    private ControlClient control;

    @BeforeAll
    void startChassis(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        rack = new TestRack(dir, "127.78.0.", 3_000, 0, 3);
        chassis = rack.startChassis();
        chassis.seatConfigured();
        control = new ControlClient(chassis.controlPort(), TestRack.TOKEN);
        // Both configured cartridges finish booting (they read the ID memory and USB key) before any test runs.
        awaitDetail(0, "idMemory");
        awaitDetail(3, "idMemory");
    }

    @AfterAll
    void stopChassis() {
        if (chassis != null) {
            List<Long> pids = chassis.slots().slotCount() > 0 ? livePids() : List.of();
            chassis.shutdown(2_000);
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private List<Long> livePids() {
        return java.util.stream.IntStream.range(0, chassis.slots().slotCount())
                .mapToObj(n -> chassis.slots().slot(n).snapshot().pid()).filter(p -> p.isPresent())
                .map(p -> p.getAsLong()).toList();
    }

    private JsonNode awaitDetail(int slot, String key) {
        await().atMost(BOOT).until(() -> control.slot(slot).path("details").has(key));
        return control.slot(slot);
    }

    private long insertAndAwaitUp(int slot, String label) throws Exception {
        Path card = rack.card("extra-" + slot, "app", label);
        ControlClient.Answer answer = control.post("/slots/" + slot + "/insert", "{\"card\": \"" + card + "\"}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("state").asText()).isEqualTo("booting");
        JsonNode up = awaitDetail(slot, "idMemory");
        assertThat(up.path("state").asText()).isEqualTo("up");
        return up.path("pid").asLong();
    }

    private List<Event> events() {
        return EventReader.readFile(rack.layout.chassisEvents("A"));
    }

    private Event lastEvent(String source, String type) {
        return events().stream().filter(e -> e.source().equals(source) && e.type().equals(type))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type + " event from " + source));
    }

    private static CartridgeFrame hello(BackplaneVersion version, String nonce) {
        return CartridgeFrame.newBuilder().setRequestId(1).setHello(Hello.newBuilder().setVersion(version)
                .setNonce(nonce).setPid(1)).build();
    }

    @Test
    void backplaneRefusesABadNonceAWrongVersionAndASecondConnection() throws Exception {
        try (FrameSocket socket = new FrameSocket("127.0.0.1", chassis.backplanePort(7), 5_000)) {
            socket.send(hello(BackplaneVersion.BACKPLANE_VERSION_1, "guessed"));
            ChassisFrame answer = socket.read();
            assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.BAD_NONCE);
            assertThat(socket.closedByPeer()).isTrue();
        }
        try (FrameSocket socket = new FrameSocket("127.0.0.1", chassis.backplanePort(7), 5_000)) {
            socket.send(hello(BackplaneVersion.BACKPLANE_VERSION_UNSPECIFIED, "x"));
            assertThat(socket.read().getError().getCode()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
            assertThat(socket.closedByPeer()).isTrue();
        }
        try (FrameSocket socket = new FrameSocket("127.0.0.1", chassis.backplanePort(7), 5_000)) {
            socket.send(CartridgeFrame.newBuilder().setRequestId(5).setReadIdMemory(ReadIdMemory.getDefaultInstance())
                    .build());
            ChassisFrame answer = socket.read();
            assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(answer.getError().getMessage()).contains("first frame").contains("must be Hello");
            assertThat(socket.closedByPeer()).isTrue();
        }
        // Slot 0's cartridge is connected: a second connection is refused and the first one lives on.
        awaitDetail(0, "idMemory");
        try (FrameSocket socket = new FrameSocket("127.0.0.1", chassis.backplanePort(0), 5_000)) {
            socket.send(hello(BackplaneVersion.BACKPLANE_VERSION_1, "whatever"));
            ChassisFrame answer = socket.read();
            assertThat(answer.getError().getMessage()).contains("already has a live backplane connection");
            assertThat(socket.closedByPeer()).isTrue();
        }
        assertThat(control.slot(0).path("state").asText()).isEqualTo("up");
    }

    @Test
    void idMemoryReadsFromTheWiredSlotAndRefusesTheOthers() {
        assertThat(awaitDetail(0, "idMemory").path("details").path("idMemory").asText()).isEqualTo("CHASSIS-A-TEST");
        assertThat(awaitDetail(3, "idMemory").path("details").path("idMemory").asText()).isEqualTo(
                "NO_SUCH_DEVICE: no such device on this slot's bus: slot 3 of chassis A is not wired to the I/O bus "
                        + "(wired: 0)");
        assertThat(control.slot(3).path("details").path("usbKey").asText()).startsWith("NO_SUCH_DEVICE");
        assertThat(lastEvent("A/0", "idmemory.read").details()).containsEntry("chassisId", "CHASSIS-A-TEST");
        assertThat((String) lastEvent("A/3", "idmemory.refused").details().get("reason"))
                .contains("slot 3 of chassis A is not wired to the I/O bus");
        JsonNode slot0 = control.slot(0);
        assertThat(slot0.path("ip").asText()).isEqualTo("127.78.0.10");
        assertThat(slot0.path("ioBus").asBoolean()).isTrue();
        assertThat(control.slot(3).path("ioBus").asBoolean()).isFalse();
    }

    @Test
    void hardPullKillsTheProcessAtOnce() throws Exception {
        long pid = insertAndAwaitUp(1, "plain");
        ControlClient.Answer answer = control.post("/slots/1/pull", "{\"graceful\": false}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("state").asText()).isEqualTo("empty");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(lastEvent("A/1", "slot.removed").details()).containsEntry("mode", "hard")
                .containsEntry("forced", false);
        assertThat(lastEvent("A/1", "cartridge.exited").details()).containsEntry("expected", true);
    }

    @Test
    void gracefulRemovalSendsStopRequestAndTheCartridgeExitsByItself() throws Exception {
        long pid = insertAndAwaitUp(2, "plain");
        long start = System.nanoTime();
        ControlClient.Answer answer = control.post("/slots/2/pull", "{\"graceful\": true, \"timeoutMs\": 20000}");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("state").asText()).isEqualTo("empty");
        assertThat(tookMs).isLessThan(20_000);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        Map<String, Object> exited = lastEvent("A/2", "cartridge.exited").details();
        assertThat(exited).containsEntry("exitCode", 0).containsEntry("expected", true);
        assertThat(lastEvent("A/2", "slot.removed").details()).containsEntry("mode", "graceful")
                .containsEntry("forced", false);
    }

    @Test
    void aCartridgeIgnoringStopRequestIsKilledAfterTheTimeout() throws Exception {
        long pid = insertAndAwaitUp(4, "ignore-stop");
        long start = System.nanoTime();
        ControlClient.Answer answer = control.post("/slots/4/pull", "{\"graceful\": true, \"timeoutMs\": 1500}");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(tookMs).isGreaterThanOrEqualTo(1_500);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(lastEvent("A/4", "slot.removed").details()).containsEntry("forced", true);
        assertThat(lastEvent("A/4", "cartridge.exited").details()).containsEntry("expected", true)
                .containsEntry("exitCode", 137);
    }

    @Test
    void aCartridgeDyingOnItsOwnLeavesTheSlotCrashedUntilPowerCycled() throws Exception {
        Path card = rack.card("crashy", "app", "crash-once");
        assertThat(control.post("/slots/5/insert", "{\"card\": \"" + card + "\", \"kind\": \"app\"}").status())
                .isEqualTo(200);
        await().atMost(BOOT).until(() -> control.slot(5).path("state").asText().equals("crashed"));
        long crashedPid = control.slot(5).path("pid").asLong();
        assertThat(lastEvent("A/5", "cartridge.exited").details()).containsEntry("exitCode", 7)
                .containsEntry("expected", false).containsEntry("pid", (int) crashedPid);
        // Power on again: it boots (the card crashes only once) and stays up.
        assertThat(control.post("/slots/5/power", "{\"on\": true}").status()).isEqualTo(200);
        long pid = awaitDetail(5, "idMemory").path("pid").asLong();
        await().atMost(BOOT).until(() -> control.slot(5).path("state").asText().equals("up"));
        assertThat(pid).isNotEqualTo(crashedPid);
        // Power off is a power cut.
        ControlClient.Answer off = control.post("/slots/5/power", "{\"on\": false}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body().path("state").asText()).isEqualTo("off");
        assertThat(off.body().path("pid").isNull()).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(lastEvent("A/5", "slot.powered").details()).containsEntry("on", false);
        assertThat(control.post("/slots/5/pull", "{}").body().path("state").asText()).isEqualTo("empty");
    }

    @Test
    void refusesBadControlRequestsWithClearErrors() throws Exception {
        ControlClient.Answer occupied = control.post("/slots/3/insert",
                "{\"card\": \"" + rack.layout.cardFor("A", 3) + "\"}");
        assertThat(occupied.status()).isEqualTo(409);
        assertThat(occupied.body().path("error").asText()).isEqualTo("slot 3 of chassis A is occupied by an app cartridge");
        assertThat(occupied.body().path("hint").asText()).isEqualTo("pull it first: rack pull A/3");

        ControlClient.Answer unknown = control.post("/slots/9/pull", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").asText()).isEqualTo("slot 9 does not exist; chassis A has slots 0..7");

        ControlClient.Answer empty = control.post("/slots/6/pull", "{}");
        assertThat(empty.status()).isEqualTo(409);
        assertThat(empty.body().path("error").asText()).contains("slot 6 of chassis A is empty");

        ControlClient.Answer missing = control.post("/slots/6/insert", "{\"card\": \"" + dir.resolve("nope.card") + "\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("error").asText()).contains("nope.card does not exist");

        Path notACard = Files.writeString(dir.resolve("text.card"), "hello, I am not a card");
        ControlClient.Answer garbage = control.post("/slots/6/insert", "{\"card\": \"" + notACard + "\"}");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().path("error").asText()).contains("not a card image");

        ControlClient.Answer malformed = control.post("/slots/6/power", "{\"on\": tru");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("error").asText()).startsWith("malformed JSON");

        ControlClient.Answer typo = control.post("/slots/6/pull", "{\"gracefull\": true}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body().path("hint").asText()).contains("graceful");

        ControlClient.Answer huge = control.post("/slots/6/pull", "{\"graceful\": \"" + "x".repeat(70_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);

        ControlClient.Answer nowhere = control.get("/nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.body().path("hint").asText()).contains("GET /status");

        // The chassis still serves after all that.
        assertThat(control.status().path("slotCount").asInt()).isEqualTo(8);
        assertThat(control.slot(6).path("state").asText()).isEqualTo("empty");
    }

    @Test
    void linkDownIsPushedToTheCartridge() {
        awaitDetail(0, "link");
        assertThat(control.slot(0).path("details").path("link").asText()).isEqualTo("up");
        ControlClient.Answer down = control.post("/slots/0/link", "{\"link\": \"down\"}");
        assertThat(down.status()).isEqualTo(200);
        assertThat(down.body().path("link").asText()).isEqualTo("down");
        // The cartridge echoes what it was told in its ReportState details.
        await().atMost(BOOT).until(() -> control.slot(0).path("details").path("link").asText().equals("down"));
        assertThat(lastEvent("A/0", "link.changed").details()).containsEntry("link", "down");
        control.post("/slots/0/link", "{\"link\": \"up\"}");
        await().atMost(BOOT).until(() -> control.slot(0).path("details").path("link").asText().equals("up"));
        assertThat(control.slot(0).path("link").asText()).isEqualTo("up");
    }

    @Test
    void usbKeyFromRackFileIsReadableFromTheWiredSlotOnly() {
        assertThat(control.slot(0).path("details").path("usbKey").asText()).isEqualTo("attached");
        assertThat(control.slot(3).path("details").path("usbKey").asText()).isEqualTo(
                "NO_SUCH_DEVICE: no such device on this slot's bus: slot 3 of chassis A is not wired to the I/O bus "
                        + "(wired: 0)");
    }

    @Test
    void usbAttachDetachAndSwapShowInStatus() throws Exception {
        JsonNode usb = control.status().path("usbKey");
        assertThat(usb.path("attached").asBoolean()).isTrue();
        assertThat(usb.path("keyId").asText()).isEqualTo(rack.usbKey.keyId());
        assertThat(usb.path("chassisId").asText()).isEqualTo("CHASSIS-A-TEST");
        assertThat(usb.path("file").asText()).isEqualTo(rack.layout.keyImage("hwkey-A").toString());

        ControlClient.Answer detached = control.post("/usb/detach", "");
        assertThat(detached.status()).isEqualTo(200);
        assertThat(detached.body().path("attached").asBoolean()).isFalse();
        assertThat(control.status().path("usbKey").path("attached").asBoolean()).isFalse();
        assertThat(lastEvent("A", "usb.detached").details()).containsEntry("keyId", rack.usbKey.keyId());
        // The I/O-bus slot is told at once (UsbKeyChanged push); the slot off the bus hears nothing.
        await().atMost(Duration.ofSeconds(5)).until(() -> control.slot(0).path("details").path("usbPush").asText()
                .equals("empty"));

        // A key issued for another chassis still plugs in (the license manager checks the chassis ID, not the port).
        Path other = dir.resolve("other.hwkey");
        var otherKey = HardwareKeyImage.issue(rack.authority, "CHASSIS-Z-9999", rack.dongle, other);
        ControlClient.Answer attached = control.post("/usb/attach", "{\"file\": \"" + other + "\"}");
        assertThat(attached.status()).as(attached.body().toString()).isEqualTo(200);
        assertThat(attached.body().path("keyId").asText()).isEqualTo(otherKey.keyId());
        assertThat(lastEvent("A", "usb.attached").details()).containsEntry("file", other.toString());

        // Swap: attaching another key detaches the one in the port first.
        Path original = rack.layout.keyImage("hwkey-A");
        assertThat(control.post("/usb/attach", "{\"file\": \"" + original + "\"}").status()).isEqualTo(200);
        assertThat(lastEvent("A", "usb.detached").details()).containsEntry("keyId", otherKey.keyId());
        assertThat(control.status().path("usbKey").path("keyId").asText()).isEqualTo(rack.usbKey.keyId());
        await().atMost(Duration.ofSeconds(5)).until(() -> control.slot(0).path("details").path("usbPush").asText()
                .equals(rack.usbKey.keyId()));
        assertThat(control.slot(3).path("details").has("usbPush")).isFalse();
    }

    @Test
    void usbRefusesImagesThatAreMissingEditedOrSignedByAnotherAuthority() throws Exception {
        Path tampered = dir.resolve("tampered.hwkey");
        byte[] bytes = Files.readAllBytes(rack.layout.keyImage("hwkey-A"));
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(tampered, bytes);
        Path foreign = dir.resolve("foreign.hwkey");
        HardwareKeyImage.issue(AuthorityKeys.generate(), "CHASSIS-A-TEST", rack.dongle, foreign);
        for (Path bad : List.of(dir.resolve("missing.hwkey"), tampered, foreign,
                Files.createFile(dir.resolve("empty.hwkey")))) {
            ControlClient.Answer refused = control.post("/usb/attach", "{\"file\": \"" + bad + "\"}");
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.body().path("error").asText()).startsWith("cannot attach " + bad);
            assertThat(lastEvent("A", "usb.refused").details()).containsEntry("file", bad.toString());
        }
        ControlClient.Answer relative = control.post("/usb/attach", "{\"file\": \"keys/hwkey-A.hwkey\"}");
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.body().path("error").asText()).contains("must be an absolute path");
        // The port keeps the key it had.
        assertThat(control.status().path("usbKey").path("attached").asBoolean()).isTrue();
    }

    @Test
    void controlApiWithoutTheTokenAnswers401() {
        assertThat(control.postWithToken("/slots/0/pull", "{}", null).status()).isEqualTo(401);
        ControlClient.Answer wrong = control.postWithToken("/slots/0/pull", "{}", "not-the-token");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("hint").asText()).contains("control-token");
        assertThat(control.slot(0).path("state").asText()).isNotEqualTo("empty");
    }

    @Test
    void garbageOnOneConnectorDoesNotDisturbAnotherSlot() throws Exception {
        awaitDetail(3, "link");
        try (FrameSocket oversized = new FrameSocket("127.0.0.1", chassis.backplanePort(7), 5_000);
             FrameSocket unparsable = new FrameSocket("127.0.0.1", chassis.backplanePort(6), 5_000)) {
            oversized.sendRaw(ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).array());
            unparsable.sendRaw(new byte[] {0, 0, 0, 4, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            assertThat(oversized.closedByPeer()).isTrue();
            assertThat(unparsable.closedByPeer()).isTrue();
        }
        // Slot 3's cartridge still hears its chassis and is heard.
        control.post("/slots/3/link", "{\"link\": \"down\"}");
        await().atMost(BOOT).until(() -> control.slot(3).path("details").path("link").asText().equals("down"));
        control.post("/slots/3/link", "{\"link\": \"up\"}");
        await().atMost(BOOT).until(() -> control.slot(3).path("details").path("link").asText().equals("up"));
    }

    @Test
    void cartridgesFileListsTheRunningProcesses() throws Exception {
        long pid = awaitDetail(0, "idMemory").path("pid").asLong();
        await().atMost(BOOT).until(() -> CartridgesFile.read(rack.layout.cartridgesFile("A")).containsKey(0));
        assertThat(CartridgesFile.read(rack.layout.cartridgesFile("A")).get(0).pid()).isEqualTo(pid);
    }
}
