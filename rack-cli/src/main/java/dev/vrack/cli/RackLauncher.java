package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.ClassDataSharing;
import dev.vrack.common.JavaProcess;
import dev.vrack.common.RackRuntime;
import dev.vrack.common.StateLayout;
import dev.vrack.config.ChassisConfig;
import dev.vrack.config.RackConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code rack up}: prepares the state folder (definition, token, runtime decisions, cards), starts one
 * detached process per chassis, and waits until every cartridge has its address.
 */
final class RackLauncher {

    private final RackConfig config;
    private final StateLayout layout;
    private final PrintWriter out;
    private final boolean interactive;
    private final RackRuntime.Licensing licensing;

    RackLauncher(RackConfig config, StateLayout layout, PrintWriter out, boolean interactive) {
        this(config, layout, out, interactive, RackRuntime.Licensing.defaults());
    }

    RackLauncher(RackConfig config, StateLayout layout, PrintWriter out, boolean interactive,
                 RackRuntime.Licensing licensing) {
        this.config = config;
        this.layout = layout;
        this.out = out;
        this.interactive = interactive;
        this.licensing = licensing;
    }

    void up(Duration timeout) throws IOException {
        refuseIfRunning();
        prepareStateFolder();
        RackEvents.emit(layout, "rack.up", Map.of("rack", config.name(), "chassis", config.chassis().size()));
        ClassDataSharing.promote(layout.cdsDir());
        for (ChassisConfig chassis : config.chassis()) {
            ClassDataSharing.Claim claim = ClassDataSharing.claim(layout.cdsDir(), "chassis");
            List<String> jvm = new ArrayList<>(RackProcesses.CHASSIS_JVM);
            jvm.addAll(claim.jvmOptions());
            Process process = JavaProcess.start(RackProcesses.CHASSIS_MAIN, jvm,
                    List.of("--state", layout.rackDir().toString(), "--chassis", chassis.name()),
                    layout.chassisLog(chassis.name()), true);
            claim.recordWriter(process.toHandle());
        }
        awaitAddresses(timeout);
    }

    private void refuseIfRunning() {
        for (ChassisConfig chassis : config.chassis()) {
            ChassisClient.of(layout, chassis.name()).filter(c -> c.process().isAlive()).ifPresent(c -> {
                throw new CliException("rack " + config.name() + " is already running (chassis " + chassis.name()
                        + ", pid " + c.process().pid() + "); stop it first with: rack down " + config.name());
            });
        }
    }

    private void prepareStateFolder() throws IOException {
        Files.createDirectories(layout.rackDir());
        archivePreviousRun();
        Files.copy(config.source(), layout.rackFile(), StandardCopyOption.REPLACE_EXISTING);
        writeToken();
        int[] ports = PortChooser.choose(config.dhcp().server(), config.dhcp().serverPort(), config.dhcp().clientPort());
        new RackRuntime(ports[0], ports[1],
                Map.of("management", RackProcesses.MANAGEMENT_MAIN, "app", RackProcesses.APP_MAIN),
                JavaProcess.SMALL_JVM, 5000, licensing).write(layout.runtimeFile());
        new RackProvisioner(config, layout).provision();
        for (ChassisConfig chassis : config.chassis()) {
            Files.deleteIfExists(layout.controlFile(chassis.name()));
        }
    }

    /** Keeps the events and logs of the previous run under history/, so each run's events stand alone. */
    private void archivePreviousRun() throws IOException {
        if (!Files.isDirectory(layout.eventsDir()) && !Files.isDirectory(layout.logsDir())) {
            return;
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC).format(Instant.now());
        Path target = layout.rackDir().resolve("history").resolve(stamp);
        Files.createDirectories(target);
        for (Path folder : new Path[] {layout.eventsDir(), layout.logsDir()}) {
            if (Files.isDirectory(folder)) {
                Files.move(folder, target.resolve(folder.getFileName()));
            }
        }
    }

    private void writeToken() throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path token = layout.controlTokenFile();
        Files.deleteIfExists(token);
        Files.createFile(token, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(token, HexFormat.of().formatHex(bytes));
    }

    private void awaitAddresses(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int expected = RackStatusReader.expectedCount(config);
        String last = "";
        while (true) {
            failIfAChassisDied();
            JsonNode status = RackStatusReader.read(config, layout);
            int addressed = RackStatusReader.addressedCount(status);
            double seconds = (System.nanoTime() - start) / 1e9;
            String line = String.format("rack %s: %d/%d chassis up, %d/%d cartridges addressed (%.1f s)",
                    config.name(), chassisUp(status), config.chassis().size(), addressed, expected, seconds);
            if (interactive) {
                out.print("\r" + line);
                out.flush();
            } else if (!line.replaceAll("\\(.*\\)", "").equals(last.replaceAll("\\(.*\\)", ""))) {
                out.println(line);
                out.flush();
            }
            last = line;
            if (addressed == expected && chassisUp(status) == config.chassis().size()) {
                if (interactive) {
                    out.println();
                }
                out.printf("rack %s is up in %.1f s. See it with: rack status%n", config.name(), seconds);
                out.flush();
                return;
            }
            if (System.nanoTime() > deadline) {
                if (interactive) {
                    out.println();
                }
                throw new CliException("rack " + config.name() + " did not come up within " + timeout.toSeconds()
                        + " s: " + addressed + " of " + expected + " cartridges have an address.\n"
                        + "  see: rack status, rack events, and the logs in " + layout.logsDir()
                        + "\n  stop it with: rack down " + config.name());
            }
            pause();
        }
    }

    private static int chassisUp(JsonNode status) {
        int up = 0;
        for (JsonNode chassis : status.path("chassis")) {
            if ("up".equals(chassis.path("state").asText())) {
                up++;
            }
        }
        return up;
    }

    private void failIfAChassisDied() {
        for (ChassisConfig chassis : config.chassis()) {
            ChassisClient.of(layout, chassis.name()).filter(c -> !c.process().isAlive()).ifPresent(c -> {
                throw new CliException("chassis " + chassis.name() + " (pid " + c.process().pid()
                        + ") died while the rack was coming up; its log: " + layout.chassisLog(chassis.name())
                        + "\n" + tail(layout.chassisLog(chassis.name())));
            });
        }
    }

    static String tail(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The command line polls a few times a second while it waits; it has nothing else to do. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the rack to come up; stop it with: rack down");
        }
    }
}
