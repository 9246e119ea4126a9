package dev.vrack.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedBundleTest {

    @TempDir
    Path dir;
    private Path app;
    private final ApplicationKeyPair keys = ApplicationKeyPair.generate("www");

    @BeforeEach
    void application() throws Exception {
        // FIG. 23: an application body of several directories plus an encryption information file.
        app = dir.resolve("www");
        Files.createDirectories(app.resolve("bin"));
        Files.createDirectories(app.resolve("lib/ext"));
        Files.writeString(app.resolve("bin/server.jar"), "SECRET-EXECUTABLE-CODE");
        Files.writeString(app.resolve("lib/ext/core.jar"), "SECRET-LIBRARY-CODE");
        Files.writeString(app.resolve("README.txt"), "public readme");
        Files.writeString(app.resolve("encryption.info"), "# files to encrypt\nbin/server.jar\n\nlib/ext/core.jar\n");
    }

    @Test
    void onlyListedFilesAreEncryptedAndAllRoundTripInMemory() throws Exception {
        byte[] bundle = EncryptedBundle.seal(app, app.resolve("encryption.info"), keys.encryptionKey());
        String asText = new String(bundle, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain("SECRET-EXECUTABLE-CODE").doesNotContain("SECRET-LIBRARY-CODE")
                .contains("public readme").contains("bin/server.jar");

        try (OpenedBundle opened = EncryptedBundle.open(bundle, "www.bundle", keys.decryptionKey())) {
            assertThat(opened.applicationId()).isEqualTo("www");
            assertThat(opened.paths()).containsExactly("README.txt", "bin/server.jar", "encryption.info", "lib/ext/core.jar");
            assertThat(opened.isEncrypted("bin/server.jar")).isTrue();
            assertThat(opened.isEncrypted("README.txt")).isFalse();
            assertThat(opened.isEncrypted("encryption.info")).isFalse();
            assertThat(new String(opened.read("bin/server.jar"), StandardCharsets.UTF_8)).isEqualTo("SECRET-EXECUTABLE-CODE");
            assertThat(new String(opened.read("lib/ext/core.jar"), StandardCharsets.UTF_8)).isEqualTo("SECRET-LIBRARY-CODE");
            assertThat(new String(opened.read("README.txt"), StandardCharsets.UTF_8)).isEqualTo("public readme");
            assertThatThrownBy(() -> opened.read("nope")).hasMessageContaining("has no file 'nope'");
        }
    }

    @Test
    void everyFlippedByteIsRefused() throws Exception {
        byte[] bundle = EncryptedBundle.seal(app, app.resolve("encryption.info"), keys.encryptionKey());
        int refused = Tampering.expectEveryFlipRefused(bundle, 1,
                bytes -> EncryptedBundle.open(bytes, "www.bundle", keys.decryptionKey()).close());
        assertThat(refused).isEqualTo(bundle.length);
    }

    @Test
    void anotherKeyOfTheSameApplicationCannotOpenIt() throws Exception {
        byte[] bundle = EncryptedBundle.seal(app, app.resolve("encryption.info"), keys.encryptionKey());
        ApplicationKeyPair other = ApplicationKeyPair.generate("www");
        assertThatThrownBy(() -> EncryptedBundle.open(bundle, "www.bundle", other.decryptionKey()))
                .isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("www.bundle: was sealed for another encryption key");
        ApplicationKeyPair db = ApplicationKeyPair.generate("db");
        assertThatThrownBy(() -> EncryptedBundle.open(bundle, "www.bundle", db.decryptionKey()))
                .hasMessageContaining("carries application 'www' but the decryption key is for application 'db'");
    }

    @Test
    void bundleFileRoundTripsAndTruncationOrNewerVersionIsRefused() throws Exception {
        Path file = dir.resolve("www.bundle");
        EncryptedBundle.write(file, app, app.resolve("encryption.info"), keys.encryptionKey());
        try (OpenedBundle opened = EncryptedBundle.open(file, keys.decryptionKey())) {
            assertThat(opened.read("bin/server.jar")).isEqualTo("SECRET-EXECUTABLE-CODE".getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> EncryptedBundle.open(file, keys.decryptionKey())).hasMessageContaining("is truncated");
        bytes[7] = 2; // version low byte (magic VRAPPB is 6 bytes)
        Files.write(file, bytes);
        assertThatThrownBy(() -> EncryptedBundle.open(file, keys.decryptionKey()))
                .hasMessageContaining("format version 2 is not supported");
    }

    @Test
    void badEncryptionInformationIsRefusedClearly() throws Exception {
        Path info = dir.resolve("info");
        Files.writeString(info, "bin/missing.jar\n");
        assertThatThrownBy(() -> EncryptedBundle.seal(app, info, keys.encryptionKey()))
                .hasMessageContaining("lists 'bin/missing.jar' but")
                .hasMessageContaining("has no such regular file");
        Files.writeString(info, "../etc/passwd\n");
        assertThatThrownBy(() -> EncryptedBundle.seal(app, info, keys.encryptionKey()))
                .hasMessageContaining("line 1: '../etc/passwd' has an empty, '.' or '..' segment");
        Files.writeString(info, "bin/server.jar\nbin/server.jar\n");
        assertThatThrownBy(() -> EncryptedBundle.seal(app, info, keys.encryptionKey()))
                .hasMessageContaining("line 2: 'bin/server.jar' is listed twice");
        Files.writeString(app.resolve("encryption.info"), "encryption.info\n");
        assertThatThrownBy(() -> EncryptedBundle.seal(app, app.resolve("encryption.info"), keys.encryptionKey()))
                .hasMessageContaining("lists itself");
        assertThat(EncryptionInfo.parse("# c\r\na/b\r\n", "x")).isEqualTo(Set.of("a/b"));
    }

    @Test
    void theEncryptionKeyFileIsSignedByTheAuthority() throws Exception {
        AuthorityKeys authority = AuthorityKeys.generate();
        Path file = dir.resolve("www.appkey");
        keys.encryptionKey().write(file, authority);
        ApplicationEncryptionKey read = ApplicationEncryptionKey.read(file, authority.publicKey());
        assertThat(read.applicationId()).isEqualTo("www");
        assertThat(read.keyId()).isEqualTo(keys.encryptionKey().keyId());
        assertThatThrownBy(() -> ApplicationEncryptionKey.read(file, AuthorityKeys.generate().publicKey()))
                .hasMessageContaining("signed by another authority");
        // The provider seals with the key it read; the authority's decryption key opens it.
        byte[] bundle = EncryptedBundle.seal(app, app.resolve("encryption.info"), read);
        try (OpenedBundle opened = EncryptedBundle.open(bundle, "b", keys.decryptionKey())) {
            assertThat(opened.paths()).hasSize(4);
        }
    }
}
