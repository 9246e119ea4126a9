package dev.vrack.firstembodiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.vrack.appapi.InMemoryClassLoader;
import dev.vrack.firstembodiment.api.FunctionNotAllowedException;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.EncryptedBundle;
import dev.vrack.keychain.OpenedBundle;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.proto.firstembodiment.SoftwareLicenseKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first embodiment end to end: issue, encrypt, license key for a device, run in memory, and each refusal. */
class FirstEmbodimentTest {

    private static final DeviceId X = new DeviceId("DEV-X-0001");
    private static final DeviceId Y = new DeviceId("DEV-Y-0002");

    @TempDir
    Path temp;

    private final AuthorityKeys authority = AuthorityKeys.generate();
    private Map<String, byte[]> plaintext;
    private ApplicationKeyPair keys;
    private byte[] image;

    @BeforeEach
    void provide() throws Exception {
        plaintext = ProgramJars.wordTools(temp.resolve("wordtools.jar"));
        keys = ApplicationKeyPair.generate("wordtools");
        image = ProgramImage.seal(temp.resolve("wordtools.jar"), keys.encryptionKey());
    }

    private byte[] licenseKey(DeviceId device, int executions, String... functions) {
        return SoftwareLicenseKey.issue(authority, keys.decryptionKey(), device, new UsageConditions(executions, Set.of(functions)),
                Clock.systemUTC());
    }

    private RunningProgram run(ProcessingDevice device, byte[] licenseKey) throws Exception {
        return device.execute(licenseKey, "test.swlk", image, "wordtools.swb", authority.publicKey());
    }

    @Test
    void roundTripRunsTheProgramFromMemoryWithIdenticalBytes() throws Exception {
        ProcessingDevice device = ProcessingDevice.create(temp.resolve("x"), X);
        byte[] licenseKey = licenseKey(X, 3, "count", "where");

        try (RunningProgram program = run(device, licenseKey)) {
            assertThat(program.call("count", "one two three")).isEqualTo("3");
            assertThat(program.call("where", "")).isEqualTo("DEV-X-0001 InMemoryClassLoader");
            assertThat(program.programClass().getClassLoader()).isInstanceOf(InMemoryClassLoader.class);
            assertThat(program.execution()).isEqualTo(1);
            assertThat(program.executionsLeft()).isEqualTo(2);
        }
        // the bytes the device decrypts are exactly the provider's class files, and they were encrypted in the image
        try (OpenedLicenseKey opened = SoftwareLicenseKey.open(licenseKey, "k", authority.publicKey(), X);
             OpenedBundle bundle = EncryptedBundle.open(image, "image", opened.programKey())) {
            assertThat(opened.conditions()).isEqualTo(new UsageConditions(3, Set.of("count", "where")));
            for (Map.Entry<String, byte[]> entry : plaintext.entrySet()) {
                assertThat(bundle.isEncrypted(entry.getKey())).as(entry.getKey()).isTrue();
                assertThat(bundle.read(entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
                assertThat(indexOf(image, Arrays.copyOf(entry.getValue(), 64))).as("plaintext in the image").isNegative();
            }
        }
        assertThat(device.executionsUsed(SoftwareLicenseKey.open(licenseKey, "k", authority.publicKey(), X).licenseKeyId()))
                .isEqualTo(1);
    }

    @Test
    void anotherDeviceIsRefused() throws Exception {
        ProcessingDevice y = ProcessingDevice.create(temp.resolve("y"), Y);
        assertThatThrownBy(() -> run(y, licenseKey(X, 3, "count")))
                .isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("was issued for device DEV-X-0001, not for this device (DEV-Y-0002)");
    }

    @Test
    void theEncryptionItselfBindsTheDevice_notOnlyTheClearDeviceField() throws Exception {
        // rewrite the clear device field to Y and re-sign with the real authority: the key derived from Y's ID
        // still cannot open content encrypted under X's
        FramedFile file = FramedFile.parse(FramedFile.Kind.LICENSE_KEY, licenseKey(X, 3, "count"), "k");
        byte[] payload = SoftwareLicenseKeyFile.parseFrom(file.payload()).toBuilder().setDeviceId(Y.value()).build().toByteArray();
        byte[] body = FramedFile.withTrailer(FramedFile.body(FramedFile.Kind.LICENSE_KEY, payload),
                HexFormat.of().parseHex(authority.keyId()));
        byte[] forged = FramedFile.withTrailer(body, authority.sign(body));
        ProcessingDevice y = ProcessingDevice.create(temp.resolve("y"), Y);
        assertThatThrownBy(() -> run(y, forged)).isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("cannot be decrypted with the ID of device DEV-Y-0002");
    }

    @Test
    void everyFlippedByteOfTheLicenseKeyIsRefusedAndNothingIsCounted() throws Exception {
        ProcessingDevice device = ProcessingDevice.create(temp.resolve("x"), X);
        byte[] licenseKey = licenseKey(X, 1, "count");
        for (int i = 0; i < licenseKey.length; i++) {
            byte[] flipped = licenseKey.clone();
            flipped[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> run(device, flipped)).as("byte " + at).isInstanceOf(SealedFormatException.class);
        }
        assertThat(Files.exists(device.dir().resolve(ProcessingDevice.COUNTER_FILE))).isFalse();
        run(device, licenseKey).close(); // the one execution is still there
    }

    @Test
    void aFlippedByteOfTheProgramImageIsRefused() throws Exception {
        ProcessingDevice device = ProcessingDevice.create(temp.resolve("x"), X);
        byte[] licenseKey = licenseKey(X, 1, "count");
        image[image.length / 2] ^= 0x40;
        assertThatThrownBy(() -> run(device, licenseKey)).isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("modified");
    }

    @Test
    void aLicenseKeySignedByAnotherAuthorityIsRefused() throws Exception {
        ProcessingDevice device = ProcessingDevice.create(temp.resolve("x"), X);
        byte[] foreign = SoftwareLicenseKey.issue(AuthorityKeys.generate(), keys.decryptionKey(), X,
                new UsageConditions(1, Set.of("count")), Clock.systemUTC());
        assertThatThrownBy(() -> run(device, foreign)).isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("this device trusts authority key " + authority.keyId());
    }

    @Test
    void anExhaustedExecutionCountIsRefused_evenAfterTheDeviceRestarts() throws Exception {
        ProcessingDevice device = ProcessingDevice.create(temp.resolve("x"), X);
        byte[] licenseKey = licenseKey(X, 2, "count");
        run(device, licenseKey).close();
        ProcessingDevice restarted = ProcessingDevice.open(temp.resolve("x"));
        try (RunningProgram second = run(restarted, licenseKey)) {
            assertThat(second.execution()).isEqualTo(2);
            assertThat(second.executionsLeft()).isZero();
        }
        assertThatThrownBy(() -> run(ProcessingDevice.open(temp.resolve("x")), licenseKey))
                .isInstanceOf(ExecutionRefusedException.class)
                .hasMessageContaining("allows 2 executions of wordtools on device DEV-X-0001 and all were used");
        // a new license key has its own count
        run(restarted, licenseKey(X, 1, "count")).close();
    }

    @Test
    void aFunctionNotAllowedIsNotReachable_fromOutsideNorFromInsideTheProgram() throws Exception {
        ProcessingDevice device = ProcessingDevice.create(temp.resolve("x"), X);
        try (RunningProgram program = run(device, licenseKey(X, 1, "count", "report"))) {
            assertThat(program.reachableFunctions()).containsExactly("count", "report");
            assertThatThrownBy(() -> program.call("shout", "hi")).isInstanceOf(FunctionNotAllowedException.class)
                    .hasMessageContaining("function 'shout' of wordtools is not allowed by license key")
                    .hasMessageContaining("(allowed: [count, report])");
            // "report" is allowed but calls "shout" through its context: refused there too
            assertThatThrownBy(() -> program.call("report", "hi there")).isInstanceOf(FunctionNotAllowedException.class)
                    .hasMessageContaining("'shout'");
        }
        try (RunningProgram program = run(device, licenseKey(X, 1, "count", "report", "shout"))) {
            assertThat(program.call("report", "hi there")).isEqualTo("words=2 loud=HI THERE");
        }
    }

    @Test
    void theProgramCannotReachTheDevicesInternalsByName() throws Exception {
        ProcessingDevice device = ProcessingDevice.create(temp.resolve("x"), X);
        try (RunningProgram program = run(device, licenseKey(X, 1, "count"))) {
            ClassLoader loader = program.programClass().getClassLoader();
            assertThatThrownBy(() -> Class.forName(ProcessingDevice.class.getName(), false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void aTamperedCounterFileIsDetected() throws Exception {
        ProcessingDevice device = ProcessingDevice.create(temp.resolve("x"), X);
        byte[] licenseKey = licenseKey(X, 5, "count");
        run(device, licenseKey).close();
        Path counters = device.dir().resolve(ProcessingDevice.COUNTER_FILE);
        byte[] good = Files.readAllBytes(counters);

        byte[] edited = good.clone();
        // the count (1) is the last byte of the protobuf map entry, just before the 32-byte HMAC: make it 0
        int countByte = edited.length - Primitives.MAC_LENGTH - 1;
        assertThat(edited[countByte]).isEqualTo((byte) 1);
        edited[countByte] = 0;
        Files.write(counters, edited);
        assertThatThrownBy(() -> run(device, licenseKey)).isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("execution counters were tampered with");

        // a counter file from another device with the same ID (another internal secret) is refused too
        ProcessingDevice clone = ProcessingDevice.create(temp.resolve("clone"), X);
        Files.write(clone.dir().resolve(ProcessingDevice.COUNTER_FILE), good);
        assertThatThrownBy(() -> clone.executionsUsed("any")).isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("tampered");

        Files.write(counters, good);
        assertThat(run(device, licenseKey).execution()).isEqualTo(2);
    }

    @Test
    void aWritableIdMemoryIsRefused() throws Exception {
        ProcessingDevice.create(temp.resolve("x"), X);
        Path id = temp.resolve("x").resolve(ProcessingDevice.ID_FILE);
        Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ProcessingDevice.open(temp.resolve("x"))).isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("must be read-only");
    }

    /** The documented limit of this mode: the ID is not a secret, so a device claiming X's ID runs X's copy. */
    @Test
    void aDeviceIdIsNotASecret_aCloneWithTheSameIdRunsTheProgram() throws Exception {
        ProcessingDevice clone = ProcessingDevice.create(temp.resolve("clone"), X);
        try (RunningProgram program = run(clone, licenseKey(X, 1, "count"))) {
            assertThat(program.call("count", "a b")).isEqualTo("2");
        }
        // ... and anyone can derive the key from the ID alone, without a device at all
        try (OpenedLicenseKey opened = SoftwareLicenseKey.open(licenseKey(X, 1, "count"), "k", authority.publicKey(), X)) {
            assertThat(opened.programKey().toBytes()).isEqualTo(keys.decryptionKey().toBytes());
        }
    }

    @Test
    void badConditionsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new UsageConditions(0, Set.of("count"))).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> new UsageConditions(1, Set.of())).hasMessageContaining("no function is allowed");
        assertThatThrownBy(() -> new DeviceId(" ")).hasMessageContaining("device ID is empty");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
