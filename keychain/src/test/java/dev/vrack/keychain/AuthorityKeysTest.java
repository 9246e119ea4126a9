package dev.vrack.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorityKeysTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    @Test
    void keyIdIsTheFirstEightBytesOfSha256OfThePublicKey() throws Exception {
        AuthorityKeys keys = AuthorityKeys.generate();
        byte[] raw = Ed25519.raw(keys.publicKey());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
        assertThat(keys.keyId()).isEqualTo(HexFormat.of().formatHex(digest, 0, 8)).hasSize(16);
    }

    @Test
    void privateKeyRoundTripsUnderThePassphraseAndIsNeverPlaintextOnDisk() throws Exception {
        AuthorityKeys keys = AuthorityKeys.generate();
        Path file = dir.resolve("authority.key");
        keys.writePrivateKey(file, PASSPHRASE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] onDisk = Files.readAllBytes(file);
        byte[] seed = seedOf(keys);
        assertThat(indexOf(onDisk, seed)).as("the private key seed must not appear on disk").isEqualTo(-1);

        AuthorityKeys read = AuthorityKeys.readPrivateKey(file, PASSPHRASE);
        assertThat(read.keyId()).isEqualTo(keys.keyId());
        byte[] data = "to be signed".getBytes(StandardCharsets.UTF_8);
        assertThat(Ed25519.verify(keys.publicKey(), data, read.sign(data))).isTrue();
    }

    @Test
    void wrongPassphraseIsRefusedWithoutLeakingAnything() throws Exception {
        AuthorityKeys keys = AuthorityKeys.generate();
        Path file = dir.resolve("authority.key");
        keys.writePrivateKey(file, PASSPHRASE);
        assertThatThrownBy(() -> AuthorityKeys.readPrivateKey(file, "not the passphrase".toCharArray()))
                .isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("authority.key: cannot decrypt the authority private key: wrong passphrase")
                .hasMessageNotContaining("correct horse");
        assertThatThrownBy(() -> AuthorityKeys.readPrivateKey(file, "short".toCharArray()))
                .hasMessageContaining("at least 8 characters");
    }

    @Test
    void modifiedPrivateKeyFileIsRefused() throws Exception {
        AuthorityKeys keys = AuthorityKeys.generate();
        Path file = dir.resolve("authority.key");
        keys.writePrivateKey(file, PASSPHRASE);
        byte[] original = Files.readAllBytes(file);
        // Each read costs one scrypt derivation (~0.1 s), so a dense sample rather than every byte.
        Path copy = dir.resolve("copy.key");
        int refused = Tampering.expectEveryFlipRefused(original, 9, bytes -> {
            Files.write(copy, bytes);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            AuthorityKeys.readPrivateKey(copy, PASSPHRASE);
        });
        assertThat(refused).isGreaterThan(10);
    }

    @Test
    void refusesToOverwriteAKeyAndToReadAWorldReadableOne() throws Exception {
        AuthorityKeys keys = AuthorityKeys.generate();
        Path file = dir.resolve("authority.key");
        keys.writePrivateKey(file, PASSPHRASE);
        assertThatThrownBy(() -> AuthorityKeys.generate().writePrivateKey(file, PASSPHRASE))
                .isInstanceOf(FileAlreadyExistsException.class);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AuthorityKeys.readPrivateKey(file, PASSPHRASE))
                .hasMessageContaining("must be readable by its owner only: chmod 600");
    }

    @Test
    void publicKeyFileRoundTripsAndAnEditIsDetected() throws Exception {
        AuthorityKeys keys = AuthorityKeys.generate();
        Path file = dir.resolve("authority.pub");
        keys.writePublicKey(file);
        assertThat(Files.readString(file)).contains("key-id: " + keys.keyId());
        assertThat(AuthorityPublicKeyFile.read(file)).isEqualTo(keys.publicKey());

        String other = Ed25519Base64(AuthorityKeys.generate());
        Files.writeString(file, Files.readString(file).replaceAll("ed25519: .*", "ed25519: " + other));
        assertThatThrownBy(() -> AuthorityPublicKeyFile.read(file))
                .hasMessageContaining("authority.pub: key-id says " + keys.keyId() + " but the key's ID is");
    }

    @Test
    void toStringShowsOnlyTheKeyId() {
        AuthorityKeys keys = AuthorityKeys.generate();
        assertThat(keys.toString()).isEqualTo("AuthorityKeys[keyId=" + keys.keyId() + "]");
        Tampering.assertNoKey(keys.toString(), seedOf(keys));
    }

    private static String Ed25519Base64(AuthorityKeys keys) {
        return java.util.Base64.getEncoder().encodeToString(Ed25519.raw(keys.publicKey()));
    }

    /** Reads the private seed by reflection, only to prove it is absent from files and strings. */
    static byte[] seedOf(AuthorityKeys keys) {
        try {
            var field = AuthorityKeys.class.getDeclaredField("privateKey");
            field.setAccessible(true);
            return ((org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters) field.get(keys)).getEncoded();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
