package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.ClassDataSharing;
import dev.vrack.common.Json;
import dev.vrack.common.ProcessRecord;
import dev.vrack.common.StateLayout;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.RackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rack down}: asks every chassis to shut down (cartridges removed gracefully), then makes sure: any
 * process of the rack still alive after the grace period is killed by the PID the rack recorded for it.
 */
final class RackStopper {

    private final RackConfig config;
    private final StateLayout layout;

    RackStopper(RackConfig config, StateLayout layout) {
        this.config = config;
        this.layout = layout;
    }

    /** Stops the rack and returns how many processes had to be killed. */
    int down(long gracefulTimeoutMs) {
        List<ProcessRecord> processes = new ArrayList<>();
        for (ChassisConfig chassis : config.chassis()) {
            Optional<ChassisClient> client = ChassisClient.of(layout, chassis.name());
            processes.addAll(cartridgeProcesses(chassis.name()));
            if (client.isEmpty()) {
                continue;
            }
            processes.add(client.get().process());
            try {
                client.get().post("shutdown", Map.of("timeoutMs", gracefulTimeoutMs));
            } catch (CliException unreachable) {
                // A dead or frozen chassis is handled below by its PID.
            }
        }
        int killed = awaitOrKill(processes, gracefulTimeoutMs + 3000);
        for (ChassisConfig chassis : config.chassis()) {
            try {
                Files.deleteIfExists(layout.controlFile(chassis.name()));
            } catch (IOException ignored) {
                // The processes are gone; a stale control file is refused by its dead PID next time.
            }
        }
        ClassDataSharing.promote(layout.cdsDir());
        RackEvents.emit(layout, "rack.down", Map.of("rack", config.name(), "killed", killed));
        return killed;
    }

    private List<ProcessRecord> cartridgeProcesses(String chassis) {
        List<ProcessRecord> records = new ArrayList<>();
        try {
            if (!Files.isRegularFile(layout.cartridgesFile(chassis))) {
                return records;
            }
            JsonNode cartridges = Json.mapper().readTree(layout.cartridgesFile(chassis).toFile());
            for (Iterator<JsonNode> it = cartridges.elements(); it.hasNext(); ) {
                JsonNode entry = it.next();
                records.add(new ProcessRecord(entry.path("pid").asLong(),
                        Instant.parse(entry.path("started").asText(Instant.EPOCH.toString()))));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("rack down: cannot read " + layout.cartridgesFile(chassis) + ": " + e.getMessage());
        }
        return records;
    }

    private static int awaitOrKill(List<ProcessRecord> processes, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline && processes.stream().anyMatch(ProcessRecord::isAlive)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int killed = 0;
        for (ProcessRecord process : processes) {
            if (process.kill()) {
                killed++;
                process.live().ifPresent(h -> h.onExit().join());
            }
        }
        return killed;
    }
}
