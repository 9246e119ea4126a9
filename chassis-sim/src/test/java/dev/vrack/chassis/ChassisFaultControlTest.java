package dev.vrack.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.Event;
import dev.vrack.common.EventReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault endpoints of the control API (link conditions, clock steps, signals) against a real chassis in this
 * JVM with real {@link TestCartridgeMain} processes: what they push and record, and how they refuse bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChassisFaultControlTest {

    private static final Duration BOOT = Duration.ofSeconds(30);

    private TestRack rack;
    private Chassis chassis;
    private ControlClient control;

    @BeforeAll
    void startChassis(@TempDir Path dir) throws Exception {
        rack = new TestRack(dir, "127.87.0.", 3_000, 0, 1, 2);
        chassis = rack.startChassis();
        chassis.seatConfigured();
        control = new ControlClient(chassis.controlPort(), TestRack.TOKEN);
        for (int slot : new int[] {0, 1, 2}) {
            await().atMost(BOOT).until(() -> control.slot(slot).path("details").has("idMemory"));
        }
    }

    @AfterAll
    void stopChassis() {
        if (chassis != null) {
            List<Long> pids = java.util.stream.IntStream.range(0, chassis.slots().slotCount())
                    .mapToObj(n -> chassis.slots().slot(n).snapshot().pid()).filter(p -> p.isPresent())
                    .map(p -> p.getAsLong()).toList();
            // A test may leave a process frozen: thaw it so the graceful stop can reach it, then kill by PID.
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(h -> thaw(pid)));
            chassis.shutdown(2_000);
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static void thaw(long pid) {
        try {
            new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
        } catch (Exception e) {
            // Gone already: nothing to thaw.
        }
    }

    private Event lastEvent(String source, String type) {
        return EventReader.readFile(rack.layout.chassisEvents("A")).stream()
                .filter(e -> e.source().equals(source) && e.type().equals(type))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type + " event from " + source));
    }

    private String detail(int slot, String key) {
        return control.slot(slot).path("details").path(key).asText();
    }

    private void assertBad(String path, String body, int status, String errorPart) {
        ControlClient.Answer answer = control.post(path, body);
        assertThat(answer.status()).as(path + " " + body + " -> " + answer.body()).isEqualTo(status);
        assertThat(answer.body().path("error").asText()).as(answer.body().toString()).contains(errorPart);
        assertThat(answer.body().path("hint").asText()).as(answer.body().toString()).isNotBlank();
    }

    @Test
    void aBlackholeKeepsTheCarrierAndImpairmentsArePushedRecordedAndClearedByUp() {
        ControlClient.Answer blackhole = control.post("/slots/1/link", "{\"link\": \"blackhole\"}");
        assertThat(blackhole.status()).as(blackhole.body().toString()).isEqualTo(200);
        assertThat(blackhole.body().path("link").asText()).isEqualTo("blackhole");
        await().atMost(BOOT).until(() -> detail(1, "link").equals("blackhole"));
        assertThat(lastEvent("A/1", "link.changed").details()).containsEntry("link", "blackhole");

        ControlClient.Answer impaired = control.post("/slots/1/link",
                "{\"link\": \"up\", \"delayMs\": 200, \"jitterMs\": 50, \"lossPercent\": 10}");
        assertThat(impaired.status()).as(impaired.body().toString()).isEqualTo(200);
        assertThat(impaired.body().path("link").asText()).isEqualTo("up");
        assertThat(impaired.body().path("linkImpairment").path("delayMs").asLong()).isEqualTo(200);
        await().atMost(BOOT).until(() -> detail(1, "impairment").equals("200/50/10.0"));
        assertThat(lastEvent("A/1", "link.changed").details()).containsEntry("link", "up")
                .containsEntry("delayMs", 200).containsEntry("jitterMs", 50).containsEntry("lossPercent", 10.0);

        ControlClient.Answer up = control.post("/slots/1/link", "{\"link\": \"up\"}");
        assertThat(up.body().has("linkImpairment")).isFalse();
        await().atMost(BOOT).until(() -> detail(1, "link").equals("up") && !control.slot(1).path("details")
                .has("impairment"));
        assertThat(lastEvent("A/1", "link.changed").details()).containsOnlyKeys("link");
        assertThat(control.status().path("slots").get(1).path("link").asText()).isEqualTo("up");
    }

    @Test
    void badLinkBodiesAreRefusedWithTheFieldAndTheRange() {
        assertBad("/slots/2/link", "{\"link\": \"sideways\"}", 400, "must be \"up\", \"down\" or \"blackhole\"");
        assertBad("/slots/2/link", "{\"link\": \"up\", \"delayMs\": 60001}", 400,
                "field 'delayMs' of POST /slots/2/link must be a whole number from 0 to 60000, got 60001");
        assertBad("/slots/2/link", "{\"link\": \"up\", \"jitterMs\": -5}", 400, "field 'jitterMs'");
        assertBad("/slots/2/link", "{\"link\": \"up\", \"delayMs\": 1.5}", 400, "whole number");
        assertBad("/slots/2/link", "{\"link\": \"up\", \"lossPercent\": 101}", 400,
                "field 'lossPercent' of POST /slots/2/link must be a number from 0 to 100, got 101");
        assertBad("/slots/2/link", "{\"link\": \"up\", \"lossPercent\": \"10%\"}", 400, "lossPercent");
        assertBad("/slots/2/link", "{\"link\": \"down\", \"delayMs\": 100}", 400, "up link only");
        assertBad("/slots/2/link", "{\"delayMs\": 100}", 400, "field 'link' is missing");
        assertBad("/slots/2/link", "{\"link\": \"up\", \"delay\": 100}", 400, "unknown field 'delay'");
        assertBad("/slots/9/link", "{\"link\": \"up\"}", 404, "slot 9 does not exist");
        // Nothing changed on the refused requests.
        assertThat(control.slot(2).path("link").asText()).isEqualTo("up");
    }

    @Test
    void aClockStepIsPushedToTheCartridge() {
        ControlClient.Answer step = control.post("/slots/2/clock", "{\"stepMs\": -7200000}");
        assertThat(step.status()).as(step.body().toString()).isEqualTo(200);
        assertThat(step.body().path("stepMs").asLong()).isEqualTo(-7_200_000L);
        await().atMost(BOOT).until(() -> detail(2, "clockStep").equals("-7200000"));
    }

    @Test
    void badClockRequestsAreRefused() {
        assertBad("/slots/2/clock", "{}", 400, "field 'stepMs' is missing");
        assertBad("/slots/2/clock", "{\"stepMs\": \"30s\"}", 400, "field 'stepMs'");
        assertBad("/slots/2/clock", "{\"stepMs\": 1e30}", 400, "field 'stepMs'");
        assertBad("/slots/2/clock", "{\"stepMs\": 1, \"when\": 2}", 400, "unknown field 'when'");
        assertBad("/slots/5/clock", "{\"stepMs\": 1000}", 409, "slot 5 of chassis A has no running cartridge process");
    }

    @Test
    void badSignalsAreRefused() {
        assertBad("/slots/2/signal", "{\"signal\": \"HUP\"}", 400, "must be \"KILL\", \"STOP\" or \"CONT\"");
        assertBad("/slots/2/signal", "{}", 400, "field 'signal' is missing");
        assertBad("/slots/6/signal", "{\"signal\": \"KILL\"}", 409,
                "slot 6 of chassis A has no running cartridge process (empty)");
    }

    @Test
    void stopAndContFreezeAndThawAndKillIsSeenAsACrash() throws Exception {
        long pid = control.slot(0).path("pid").asLong();
        ControlClient.Answer stop = control.post("/slots/0/signal", "{\"signal\": \"STOP\"}");
        assertThat(stop.status()).as(stop.body().toString()).isEqualTo(200);
        assertThat(stop.body().path("signalledPid").asLong()).isEqualTo(pid);
        await().atMost(BOOT).until(() -> processState(pid).equals("T"));
        assertThat(lastEvent("A/0", "cartridge.signalled").details()).containsEntry("signal", "STOP")
                .containsEntry("pid", (int) pid);
        // Frozen, it cannot echo a link change; thawed, it catches up.
        control.post("/slots/0/link", "{\"link\": \"blackhole\"}");
        assertThat(control.post("/slots/0/signal", "{\"signal\": \"cont\"}").status()).isEqualTo(200);
        await().atMost(BOOT).until(() -> detail(0, "link").equals("blackhole"));
        assertThat(lastEvent("A/0", "cartridge.signalled").details()).containsEntry("signal", "CONT");
        control.post("/slots/0/link", "{\"link\": \"up\"}");

        ControlClient.Answer kill = control.post("/slots/0/signal", "{\"signal\": \"KILL\"}");
        assertThat(kill.status()).as(kill.body().toString()).isEqualTo(200);
        await().atMost(BOOT).until(() -> control.slot(0).path("state").asText().equals("crashed"));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(lastEvent("A/0", "cartridge.exited").details()).containsEntry("expected", false)
                .containsEntry("pid", (int) pid);
        assertThat(lastEvent("A/0", "cartridge.signalled").mono())
                .isLessThan(lastEvent("A/0", "cartridge.exited").mono());
        assertBad("/slots/0/signal", "{\"signal\": \"KILL\"}", 409, "(crashed)");
    }

    private static String processState(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (java.io.IOException e) {
            return "gone";
        }
    }
}
