package dev.vrack.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.ExecutionLicense;
import dev.vrack.keychain.IssuedHardwareKey;
import dev.vrack.keychain.KeySpecificKey;
import dev.vrack.keychain.LicenseTerms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenseForwardTest {

    @TempDir
    Path dir;

    /** The test plays the authority to get a real license file. */
    private Path license(String fileName) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        IssuedHardwareKey hardwareKey = new IssuedHardwareKey("KEY-0001", "CHASSIS-A-0001", KeySpecificKey.fromBytes(key));
        ApplicationKeyPair app = ApplicationKeyPair.generate("www");
        Instant now = Instant.now();
        LicenseTerms terms = new LicenseTerms(List.of("CHASSIS-A-0001"), "www", 2, now, now.plus(Duration.ofDays(30)), Map.of());
        Path file = dir.resolve("outbox").resolve(fileName);
        Files.createDirectories(file.getParent());
        ExecutionLicense.write(file, AuthorityKeys.generate(), hardwareKey, terms, app.decryptionKey(), Clock.systemUTC());
        return file;
    }

    @Test
    void aLicenseLandsWholeInTheNasFolderWithNothingElse() throws Exception {
        Path license = license("www-A.lic");
        Path nas = dir.resolve("rack/nas");
        Path written = new Vendor().forwardLicense(license, nas);

        assertThat(written).isEqualTo(nas.resolve("www-A.lic"));
        assertThat(written).hasBinaryContent(Files.readAllBytes(license));
        try (Stream<Path> files = Files.list(nas)) {
            assertThat(files).containsExactly(written);
        }
        // Forwarding again replaces it atomically, and a name without the watcher's extension gets it.
        new Vendor().forwardLicense(license, nas);
        Path renamed = license("www-B");
        assertThat(new Vendor().forwardLicense(renamed, nas)).isEqualTo(nas.resolve("www-B.lic"));
        try (Stream<Path> files = Files.list(nas)) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void whatIsNotALicenseOrNotAFolderIsRefused() throws Exception {
        Path notALicense = dir.resolve("notes.lic");
        Files.writeString(notALicense, "hello");
        Path nas = dir.resolve("nas");
        assertThatThrownBy(() -> new Vendor().forwardLicense(notALicense, nas))
                .hasMessageContaining(notALicense.toString()).hasMessageContaining("is not an execution license");
        assertThatThrownBy(() -> new Vendor().forwardLicense(dir.resolve("absent.lic"), nas)).hasMessageContaining("does not exist");
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        Path license = license("www.lic");
        assertThatThrownBy(() -> new Vendor().forwardLicense(license, file)).hasMessageContaining("is not a directory");
        assertThat(nas).doesNotExist();
    }
}
