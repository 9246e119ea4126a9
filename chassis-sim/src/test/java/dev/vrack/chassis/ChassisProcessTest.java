package dev.vrack.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import dev.vrack.common.JavaProcess;
import dev.vrack.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChassisMain} as a real process: control.json, and what its death does to the cartridges. */
class ChassisProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void killEverythingWeStarted() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private record Running(TestRack rack, Process chassis, ControlClient control, List<Long> cartridges) {
    }

    private Running startChassisProcess(String subnetPrefix, int... slots) throws Exception {
        TestRack rack = new TestRack(dir, subnetPrefix, 3_000, slots);
        Process chassis = JavaProcess.start(ChassisMain.class.getName(), JavaProcess.SMALL_JVM,
                List.of("--state", rack.layout.rackDir().toString(), "--chassis", "A"), rack.layout.chassisLog("A"),
                false);
        started.add(chassis.pid());
        Path controlFile = rack.layout.controlFile("A");
        await().atMost(WAIT).until(() -> Files.exists(controlFile));
        JsonNode control = Json.mapper().readTree(controlFile.toFile());
        assertThat(control.path("pid").asLong()).isEqualTo(chassis.pid());
        ControlClient client = new ControlClient(control.path("controlPort").asInt(), TestRack.TOKEN);
        List<Long> cartridges = new ArrayList<>();
        for (int slot : slots) {
            await().atMost(WAIT).until(() -> client.slot(slot).path("details").has("idMemory"));
            long pid = client.slot(slot).path("pid").asLong();
            cartridges.add(pid);
            started.add(pid);
        }
        return new Running(rack, chassis, client, cartridges);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void sigkillOfTheChassisTakesItsCartridgesDown() throws Exception {
        Running running = startChassisProcess("127.78.1.", 0, 2);
        assertThat(running.cartridges()).allMatch(ChassisProcessTest::alive);
        running.chassis().destroyForcibly();
        await().atMost(WAIT).until(() -> running.cartridges().stream().noneMatch(ChassisProcessTest::alive));
    }

    @Test
    void sigtermStopsTheCartridgesGracefullyAndExits() throws Exception {
        Running running = startChassisProcess("127.78.2.", 0);
        running.chassis().destroy();
        await().atMost(WAIT).until(() -> !running.chassis().isAlive());
        assertThat(running.cartridges()).noneMatch(ChassisProcessTest::alive);
        List<Event> events = EventReader.readFile(running.rack().layout.chassisEvents("A"));
        Event exited = events.stream().filter(e -> e.type().equals("cartridge.exited")).findFirst().orElseThrow();
        assertThat(exited.details()).containsEntry("exitCode", 0).containsEntry("expected", true);
        assertThat(events.get(events.size() - 1).type()).isEqualTo("chassis.stopped");
    }

    @Test
    void shutdownRequestAnswersThenStopsEverything() throws Exception {
        Running running = startChassisProcess("127.78.3.", 0);
        ControlClient.Answer answer = running.control().post("/shutdown", "{\"timeoutMs\": 5000}");
        assertThat(answer.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !running.chassis().isAlive());
        assertThat(running.chassis().exitValue()).isZero();
        assertThat(running.cartridges()).noneMatch(ChassisProcessTest::alive);
        assertThat(EventReader.readFile(running.rack().layout.chassisEvents("A"))).extracting(Event::type)
                .contains("chassis.started", "slot.inserted", "slot.powered", "cartridge.exited", "chassis.stopped");
    }
}
