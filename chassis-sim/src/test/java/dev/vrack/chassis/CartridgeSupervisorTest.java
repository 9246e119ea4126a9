package dev.vrack.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vrack.common.ProcessRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CartridgeSupervisorTest {

    @TempDir
    Path dir;

    @Test
    void killsLeftoversOfAPreviousRunButNeverARecycledPid() throws Exception {
        Process leftover = new ProcessBuilder("sleep", "30").start();
        Process stranger = new ProcessBuilder("sleep", "30").start();
        try {
            Path file = dir.resolve("cartridges.json");
            // The stranger's record has another start time: a recycled PID that must not be hit.
            CartridgesFile.write(file, Map.of(
                    1, ProcessRecord.of(leftover.toHandle()),
                    2, new ProcessRecord(stranger.pid(), Instant.parse("2001-01-01T00:00:00Z"))));
            assertThat(CartridgeSupervisor.killLeftovers(file)).containsExactly(leftover.pid());
            await().atMost(Duration.ofSeconds(10)).until(() -> !leftover.isAlive());
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            leftover.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void cartridgesFileRoundTrips() throws Exception {
        Path file = dir.resolve("cartridges.json");
        Instant started = Instant.parse("2024-05-01T10:00:00.123Z");
        CartridgesFile.write(file, Map.of(3, new ProcessRecord(42, started)));
        assertThat(CartridgesFile.read(file)).containsExactly(Map.entry(3, new ProcessRecord(42, started)));
        assertThat(CartridgesFile.read(dir.resolve("missing.json"))).isEmpty();
    }
}
