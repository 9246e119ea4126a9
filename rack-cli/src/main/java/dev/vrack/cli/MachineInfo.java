package dev.vrack.cli;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What a report says about where it ran: the versions and the machine, so that numbers can be compared. */
final class MachineInfo {

    private MachineInfo() {
    }

    /** The rack's version, the Java runtime and the operating system. */
    static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("rack", RackCommand.VERSION);
        versions.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return versions;
    }

    /** One line: cores, CPU model, memory, and the load when the report was written. */
    static String describe() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long gib = os.getTotalMemorySize() >> 30;
        return String.format("%d cores (%s), %d GiB, load average %.2f", Runtime.getRuntime().availableProcessors(),
                cpuModel().orElse("unknown CPU"), gib, os.getSystemLoadAverage());
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
