package dev.vrack.app;

import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.EncryptedBundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The www sample sealed for tests: its .class files encrypted, the rest (manifest) in clear. */
record SampleBundle(byte[] bytes, ApplicationDecryptionKey key, List<String> encrypted) {

    static SampleBundle www(Path work) throws IOException {
        Path jar = Path.of(System.getProperty("vrack.sampleApps", "target/sample-apps"), "www.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the www sample jar is missing at " + jar + "; build module samples first "
                    + "(mvn -q -B -pl samples install)");
        }
        Path app = work.resolve("www-app");
        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                Path target = app.resolve(entry.getName());
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                if (entry.getName().endsWith(".class")) {
                    classes.add(entry.getName());
                }
            }
        }
        Path info = work.resolve("www.encrypt");
        Files.writeString(info, String.join("\n", classes) + "\n");
        ApplicationKeyPair keys = ApplicationKeyPair.generate("www");
        byte[] bundle = EncryptedBundle.seal(app, info, keys.encryptionKey());
        return new SampleBundle(bundle, keys.decryptionKey(), classes);
    }
}
