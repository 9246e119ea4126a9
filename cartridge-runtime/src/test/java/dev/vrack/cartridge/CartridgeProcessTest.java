package dev.vrack.cartridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.JavaProcess;
import dev.vrack.common.ProcessRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real cartridge process: nonce on stdin, Hello with its PID, halt 137 on power loss, 0 on graceful stop. */
class CartridgeProcessTest {

    private static final String NONCE = "process-nonce";

    @TempDir
    Path state;

    private FakeChassis chassis;
    private Process process;

    @AfterEach
    void tearDown() {
        if (process != null) {
            ProcessRecord.of(process.toHandle()).kill();
        }
        if (chassis != null) {
            chassis.close();
        }
    }

    private Process start(List<String> args, String stdin) throws IOException {
        Path log = state.resolve("cartridge.log");
        process = JavaProcess.start(IdleCartridgeMain.class.getName(), JavaProcess.SMALL_JVM, args, log, false);
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return process;
    }

    private Process startSeated() throws IOException {
        chassis = new FakeChassis(FakeChassis.welcomeFor(5, false).build(), NONCE, "ID").start();
        return start(List.of("--state", state.toString(), "--chassis", "A", "--slot", "5",
                "--backplane", "127.0.0.1:" + chassis.port()), NONCE + "\n");
    }

    @Test
    void haltsWithExitCode137WhenThePowerIsCut() throws Exception {
        Process cartridge = startSeated();
        await().atMost(Duration.ofSeconds(20)).until(() -> chassis.states().stream()
                .anyMatch(s -> s.getState().equals("up")));
        assertThat(chassis.hellos().get(0).getPid()).isEqualTo(cartridge.pid());

        chassis.cutPower();

        assertThat(cartridge.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cartridge.exitValue()).isEqualTo(137);
    }

    @Test
    void exitsWithZeroAfterAGracefulStop() throws Exception {
        Process cartridge = startSeated();
        await().atMost(Duration.ofSeconds(20)).until(() -> chassis.states().stream()
                .anyMatch(s -> s.getState().equals("up")));

        chassis.requestStop(2000);

        assertThat(cartridge.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cartridge.exitValue()).isZero();
    }

    @Test
    void exitsWithUsageErrorOnABadCommandLine() throws Exception {
        Process cartridge = start(List.of("--chassis", "A"), "x\n");

        assertThat(cartridge.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cartridge.exitValue()).isEqualTo(CartridgeProcess.EXIT_USAGE);
        assertThat(Files.readString(state.resolve("cartridge.log"))).contains("missing --state");
    }
}
