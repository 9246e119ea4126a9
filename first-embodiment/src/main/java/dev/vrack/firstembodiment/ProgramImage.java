package dev.vrack.firstembodiment;

import dev.vrack.keychain.ApplicationEncryptionKey;
import dev.vrack.keychain.EncryptedBundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The provider's side (claim 4's software encrypting means): turns a program jar into an encrypted image, a
 * key chain bundle (VRAPPB) sealed for the program's encryption key, with every class file encrypted.
 */
public final class ProgramImage {

    /** The manifest attribute naming the class that implements the device program API. */
    public static final String ENTRY_ATTRIBUTE = "Device-Program-Class";

    private ProgramImage() {
    }

    /**
     * Encrypts a program jar for its encryption key. The jar is unpacked into a private temporary folder (the
     * provider holds the plaintext anyway) that is deleted before returning.
     */
    public static byte[] seal(Path jar, ApplicationEncryptionKey key) throws IOException {
        Path work = Files.createTempDirectory("vrack-fe-seal");
        try {
            Path body = Files.createDirectory(work.resolve("body"));
            List<String> encrypted = new ArrayList<>();
            try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
                Manifest manifest = in.getManifest();
                if (manifest == null || manifest.getMainAttributes().getValue(ENTRY_ATTRIBUTE) == null) {
                    throw new IOException(jar + ": the jar's manifest has no " + ENTRY_ATTRIBUTE
                            + " attribute: name the class that implements DeviceProgram");
                }
                Path manifestFile = body.resolve("META-INF/MANIFEST.MF");
                Files.createDirectories(manifestFile.getParent());
                try (var out = Files.newOutputStream(manifestFile)) {
                    manifest.write(out);
                }
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    if (entry.isDirectory()) {
                        continue;
                    }
                    Path target = body.resolve(entry.getName()).normalize();
                    if (!target.startsWith(body)) {
                        throw new IOException(jar + ": entry '" + entry.getName() + "' points outside the jar");
                    }
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                    if (entry.getName().endsWith(".class")) {
                        encrypted.add(entry.getName());
                    }
                }
            }
            if (encrypted.isEmpty()) {
                throw new IOException(jar + " holds no class file: give the program's jar");
            }
            Path info = work.resolve("encryption-info.txt");
            Files.write(info, encrypted);
            return EncryptedBundle.seal(body, info, key);
        } finally {
            deleteTree(work);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.write(target, in.readAllBytes());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
