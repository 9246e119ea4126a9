package dev.vrack.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the sample applications' jars are: the build output of the {@code samples} module, the only place
 * their plaintext lives. They are never on any process's class path; rack up encrypts them onto cards.
 */
final class SampleApplications {

    /** Overrides the folder, e.g. for an installed copy of the rack. */
    static final String DIR_PROPERTY = "vrack.samples.dir";

    private SampleApplications() {
    }

    static Path jar(String appId) {
        Path dir = dir();
        Path jar = dir.resolve("samples-" + appId + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new CliException("no sample application '" + appId + "' in " + dir + " (samples there: "
                    + String.join(", ", available(dir)) + ")\n  hint: build the project (mvn -B -DskipTests package),"
                    + " or give the cartridge a card image made with: rack vendor card");
        }
        return jar;
    }

    static boolean exists(String appId) {
        return Files.isRegularFile(dir().resolve("samples-" + appId + ".jar"));
    }

    static Path dir() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Path code = Path.of(SampleApplications.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (p.getFileName() != null && p.getFileName().toString().equals("rack-cli")) {
                    return p.resolveSibling("samples").resolve("target");
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Falls through to the working directory's build output.
        }
        return Path.of("samples", "target").toAbsolutePath();
    }

    private static List<String> available(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("samples-") && n.endsWith(".jar") && !n.matches("samples-\\d.*"))
                    .map(n -> n.substring("samples-".length(), n.length() - ".jar".length())).sorted().toList();
        } catch (IOException e) {
            return List.of("none");
        }
    }
}
