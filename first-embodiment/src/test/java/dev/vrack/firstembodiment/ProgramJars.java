package dev.vrack.firstembodiment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Builds the test program's jar from the compiled fixture classes, as a provider's build would. */
final class ProgramJars {

    private ProgramJars() {
    }

    /** Writes a jar of the fixture package to dir/wordtools.jar and returns its class entries' plaintext. */
    static Map<String, byte[]> wordTools(Path jar) throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path fixture = classes.resolve("dev/vrack/firstembodiment/fixture");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path file : files.sorted().toList()) {
                entries.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(ProgramImage.ENTRY_ATTRIBUTE, "dev.vrack.firstembodiment.fixture.WordTools");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jarOut.putNextEntry(new JarEntry(entry.getKey()));
                jarOut.write(entry.getValue());
                jarOut.closeEntry();
            }
        }
        return entries;
    }
}
