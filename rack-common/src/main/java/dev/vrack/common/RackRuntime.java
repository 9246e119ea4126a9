package dev.vrack.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * What `rack up` decided when it started a rack, read by every process of the rack.
 *
 * @param serverPort          UDP port of the DHCP server and of the relay agents (67, or 1067 without privilege)
 * @param clientPort          UDP port of DHCP clients (68, or 1068)
 * @param mainClasses         cartridge kind ({@code management}, {@code app}) to the main class that runs it
 * @param cartridgeJvmOptions JVM options for cartridge processes
 * @param gracefulTimeoutMs   how long a graceful removal waits before the power is cut
 * @param licensing           ports and lease timing of the licensing system
 */
public record RackRuntime(int serverPort, int clientPort, Map<String, String> mainClasses,
                          List<String> cartridgeJvmOptions, long gracefulTimeoutMs, Licensing licensing) {

    public RackRuntime {
        mainClasses = Map.copyOf(mainClasses);
        cartridgeJvmOptions = List.copyOf(cartridgeJvmOptions);
        licensing = licensing == null ? Licensing.defaults() : licensing;
    }

    /** A runtime with the default licensing settings. */
    public RackRuntime(int serverPort, int clientPort, Map<String, String> mainClasses,
                       List<String> cartridgeJvmOptions, long gracefulTimeoutMs) {
        this(serverPort, clientPort, mainClasses, cartridgeJvmOptions, gracefulTimeoutMs, Licensing.defaults());
    }

    /**
     * The licensing system's ports (on each cartridge's own LAN address) and lease timing.
     *
     * @param licensePort    the license manager's TCP port on the management cartridge
     * @param chassisIdPort  the chassis ID service's TCP port on every slot-0 cartridge (FIG. 28)
     * @param metricsPort    the management cartridge's HTTP port for /metrics (Prometheus) and /licenses
     * @param leaseTtlMs     time to live of a granted seat; agents renew at a third of it
     * @param safetyMarginMs how long after a silent holder's lease ran out before its seat is given away
     * @param keyGraceMs     how long determinations still succeed after the USB key is pulled
     * @param retryMs        the agent's fixed retry interval after a refusal (FIG. 31 step S105)
     */
    public record Licensing(int licensePort, int chassisIdPort, int metricsPort, long leaseTtlMs, long safetyMarginMs,
                            long keyGraceMs, long retryMs) {

        public static Licensing defaults() {
            return new Licensing(7070, 7071, 9100, 10_000, 2_000, 0, 2_000);
        }
    }

    public static RackRuntime read(Path file) throws IOException {
        return Json.mapper().readValue(file.toFile(), RackRuntime.class);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), this);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
