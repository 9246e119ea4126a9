package dev.vrack.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.ApplicationEncryptionKey;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.EncryptedBundle;
import dev.vrack.keychain.ExecutionLicense;
import dev.vrack.keychain.OpenedBundle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000: the software provider holds only the encryption key; it can neither decrypt nor issue licenses. */
class ProviderCannotDecryptOrIssueTest {

    @TempDir
    Path dir;

    /** Keychain types that decrypt or issue; the provider's code must never touch them. */
    private static final List<String> FORBIDDEN = List.of("dev/vrack/keychain/ApplicationDecryptionKey",
            "dev/vrack/keychain/OpenedBundle", "dev/vrack/keychain/ExecutionLicense", "dev/vrack/keychain/OpenedLicense",
            "dev/vrack/keychain/AuthorityKeys", "dev/vrack/keychain/IssuedHardwareKey", "dev/vrack/keychain/KeySpecificKey",
            "dev/vrack/keychain/UsbKeyDevice", "dev/vrack/keychain/ApplicationKeyPair", "dev/vrack/keychain/DongleSecret");

    @Test
    void theVendorsCodeNeverReferencesADecryptionOrIssuingType() throws Exception {
        Path classes = Path.of(Vendor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(classes)) {
            classFiles = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(classFiles).extracting(p -> p.getFileName().toString()).contains("Vendor.class", "CardWriter.class");
        for (Path classFile : classFiles) {
            // Every type a class uses is named in its constant pool.
            String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            for (String forbidden : FORBIDDEN) {
                assertThat(constants).as(classFile + " references " + forbidden).doesNotContain(forbidden);
            }
        }
    }

    @Test
    void openingABundleAndIssuingALicenseNeedWhatTheProviderNeverHolds() {
        for (Method method : EncryptedBundle.class.getMethods()) {
            if (method.getReturnType() == OpenedBundle.class) {
                assertThat(method.getParameterTypes()).as(method.toString()).contains(ApplicationDecryptionKey.class);
            }
        }
        List<Method> issuing = Arrays.stream(ExecutionLicense.class.getMethods())
                .filter(m -> m.getName().equals("issue") || m.getName().equals("write")).toList();
        assertThat(issuing).isNotEmpty().allSatisfy(m -> assertThat(m.getParameterTypes())
                .contains(AuthorityKeys.class, ApplicationDecryptionKey.class));
        // From the encryption key, nothing leads to a decryption key.
        assertThat(ApplicationEncryptionKey.class.getMethods()).noneMatch(m -> m.getReturnType() == ApplicationDecryptionKey.class);
        // The provider's own API offers no way to decrypt or to issue.
        assertThat(Vendor.class.getMethods()).filteredOn(m -> m.getDeclaringClass() == Vendor.class)
                .extracting(Method::getName).containsExactlyInAnyOrder("encryptApplication", "writeCard", "forwardLicense");
        assertThat(Vendor.class.getMethods()).noneMatch(m -> Modifier.isPublic(m.getModifiers())
                && (m.getReturnType() == OpenedBundle.class || m.getName().toLowerCase().contains("issue")
                        || m.getName().toLowerCase().contains("decrypt")));
    }

    @Test
    void theEncryptionKeyFileCarriesNoDecryptionKeyAndThePublicHalfOpensNothing() throws Exception {
        AuthorityKeys authority = AuthorityKeys.generate();
        ApplicationKeyPair pair = ApplicationKeyPair.generate("www");
        Path keyFile = dir.resolve("www.vrappk");
        pair.encryptionKey().write(keyFile, authority);

        byte[] fileBytes = Files.readAllBytes(keyFile);
        byte[] secret = pair.decryptionKey().toBytes();
        assertThat(new String(fileBytes, StandardCharsets.ISO_8859_1)).doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));

        // What the provider holds: the key read from the file, and the bundle it made with it.
        ApplicationEncryptionKey held = ApplicationEncryptionKey.read(keyFile, authority.publicKey());
        Path bundle = dir.resolve("www.vrappb");
        new Vendor().encryptApplication(SampleJars.jar("www"), EncryptionSelection.classFiles(), held, bundle);
        // Using the only key material it has as if it were the private key fails.
        ApplicationDecryptionKey guess = ApplicationDecryptionKey.fromBytes("www", held.publicKey());
        assertThatThrownBy(() -> EncryptedBundle.open(bundle, guess)).hasMessageContaining("was sealed for another encryption key");
        // The authority's decryption key does open it: the bundle is fine, the provider just cannot read it.
        try (OpenedBundle opened = EncryptedBundle.open(bundle, pair.decryptionKey())) {
            assertThat(opened.paths()).contains("dev/vrack/samples/www/WwwApplication.class");
        }
    }
}
