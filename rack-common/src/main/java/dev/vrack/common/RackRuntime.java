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
 */
public record RackRuntime(int serverPort, int clientPort, Map<String, String> mainClasses,
                          List<String> cartridgeJvmOptions, long gracefulTimeoutMs) {

    public RackRuntime {
        mainClasses = Map.copyOf(mainClasses);
        cartridgeJvmOptions = List.copyOf(cartridgeJvmOptions);
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
