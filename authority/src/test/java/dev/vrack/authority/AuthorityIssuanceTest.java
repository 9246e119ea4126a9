package dev.vrack.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.ApplicationEncryptionKey;
import dev.vrack.keychain.AuthorityPublicKeyFile;
import dev.vrack.keychain.ExecutionLicense;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.keychain.OpenedLicense;
import dev.vrack.keychain.UsbKeyDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorityIssuanceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-10T09:00:00Z"));

    @TempDir
    Path dir;

    private TestAuthorities.Fixture fixture;
    private Authority authority;

    @BeforeEach
    void setUp() throws Exception {
        fixture = TestAuthorities.withKeyAndApp(dir, clock);
        authority = fixture.authority();
    }

    @AfterEach
    void tearDown() {
        authority.close();
    }

    @Test
    void issuedHardwareKeyIsSignedByTheAuthorityAndRecorded() throws Exception {
        PublicKey trusted = AuthorityPublicKeyFile.read(authority.folder().publicKey());
        var info = HardwareKeyImage.readPublic(fixture.keyImage(), trusted);
        assertThat(info.chassisId()).isEqualTo("CHASSIS-A-0001");
        assertThat(info.keyId()).isEqualTo(fixture.key().keyId());
        assertThat(authority.hardwareKeys()).containsExactly(
                new HardwareKeyRecord(fixture.key().keyId(), "CHASSIS-A-0001", clock.instant()));
    }

    @Test
    void providerGetsOnlyTheEncryptionKeyOfTheRegisteredApplication() throws Exception {
        ApplicationEncryptionKey key = ApplicationEncryptionKey.read(dir.resolve("vendor/www.vrappk"), authority.publicKey());
        assertThat(key.applicationId()).isEqualTo("www");
        RegisteredApplication registered = authority.applications().get(0);
        assertThat(registered.encryptionKeyId()).isEqualTo(key.keyId());
        assertThat(registered.provider()).isEqualTo("Acme Software");
        assertThat(registered.billAddressee()).isEqualTo("Acme Software Ltd, 1 Main St, account 12-34");
        assertThatThrownBy(() -> authority.registerApplication("www", "Other", "Other Ltd", dir.resolve("x.vrappk")))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("www is registered already");
    }

    @Test
    void licenseRoundTripOpensWithTheUsbKeyOfTheChassis() throws Exception {
        Path out = dir.resolve("nas/www.lic");
        Set<String> chassis = new LinkedHashSet<>(List.of("CHASSIS-A-0001", "CHASSIS-B-0002"));
        IssuedLicense issued = authority.issueLicense("www", 3, fixture.key().keyId(), chassis, Duration.ofDays(30),
                Map.of("maxExecutions", "100"), out);

        try (UsbKeyDevice usb = UsbKeyDevice.insert(fixture.keyImage(), authority.publicKey(), fixture.dongle())) {
            OpenedLicense opened = ExecutionLicense.open(out, usb, authority.publicKey(), "CHASSIS-A-0001",
                    clock.instant().plusSeconds(60));
            assertThat(opened.licenseId()).isEqualTo(issued.licenseId());
            assertThat(opened.licenseCount()).isEqualTo(3);
            assertThat(opened.chassisIds()).containsExactly("CHASSIS-A-0001", "CHASSIS-B-0002");
            assertThat(opened.conditions()).containsEntry("maxExecutions", "100");
            assertThat(opened.terms().notAfter()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
            ApplicationDecryptionKey appKey = usb.unwrapApplicationKey(opened);
            assertThat(appKey.encryptionKey().keyId()).isEqualTo(authority.applications().get(0).encryptionKeyId());
        }
        assertThat(authority.licenses()).singleElement().satisfies(license -> {
            assertThat(license.licenseId()).isEqualTo(issued.licenseId());
            assertThat(license.chassisIds()).containsExactly("CHASSIS-A-0001", "CHASSIS-B-0002");
            assertThat(license.conditions()).isEqualTo(Map.of("maxExecutions", "100"));
            assertThat(license.file()).isEqualTo(Files.readAllBytes(out));
        });
        assertThat(authority.issueRecords(Instant.EPOCH, Instant.MAX)).containsExactly(
                new IssueRecord(clock.instant(), "www", 3, issued.licenseId(), "Acme Software"));
    }

    @Test
    void secretsSurviveAReopenSealedUnderThePassphrase() throws Exception {
        authority.close();
        authority = Authority.open(dir.resolve("authority"), TestAuthorities.PASSPHRASE, clock);
        Path out = dir.resolve("again.lic");
        authority.issueLicense("www", 1, fixture.key().keyId(), Set.of("CHASSIS-A-0001"), Duration.ofDays(1), Map.of(), out);
        try (UsbKeyDevice usb = UsbKeyDevice.insert(fixture.keyImage(), authority.publicKey(), fixture.dongle())) {
            OpenedLicense opened = ExecutionLicense.open(out, usb, authority.publicKey(), "CHASSIS-A-0001", clock.instant());
            assertThat(usb.unwrapApplicationKey(opened).applicationId()).isEqualTo("www");
        }
    }

    @Test
    void aLicenseForAChassisTheKeyDoesNotBelongToIsRefusedAndNothingIsRecorded() {
        Path out = dir.resolve("nas/bad.lic");
        assertThatThrownBy(() -> authority.issueLicense("www", 2, fixture.key().keyId(), Set.of("CHASSIS-B-0002"),
                Duration.ofDays(30), Map.of(), out))
                .isInstanceOf(AuthorityException.class)
                .hasMessageContaining("belongs to chassis CHASSIS-A-0001, which the license does not list [CHASSIS-B-0002]")
                .hasMessageContaining("--chassis CHASSIS-A-0001");
        assertThat(out).doesNotExist();
        assertThat(authority.licenses()).isEmpty();
        assertThat(authority.issueRecords(Instant.EPOCH, Instant.MAX)).isEmpty();
    }

    @Test
    void unknownApplicationUnknownKeyAndBadCountAreRefusedWithWhatToDo() {
        String keyId = fixture.key().keyId();
        Path out = dir.resolve("x.lic");
        assertThatThrownBy(() -> authority.issueLicense("calc", 1, keyId, Set.of("CHASSIS-A-0001"), Duration.ofDays(1), Map.of(), out))
                .isInstanceOf(AuthorityException.class)
                .hasMessageContaining("application calc is not registered").hasMessageContaining("app register");
        assertThatThrownBy(() -> authority.issueLicense("www", 1, "KEY-0000000000000000", Set.of("CHASSIS-A-0001"), Duration.ofDays(1), Map.of(), out))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("was not issued by this authority");
        assertThatThrownBy(() -> authority.issueLicense("www", 0, keyId, Set.of("CHASSIS-A-0001"), Duration.ofDays(1), Map.of(), out))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("license count is 0");
        assertThatThrownBy(() -> authority.issueLicense("www", 1, keyId, Set.of(), Duration.ofDays(1), Map.of(), out))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("lists no chassis ID");
        assertThatThrownBy(() -> authority.issueLicense("www", 1, keyId, Set.of("CHASSIS-A-0001"), Duration.ZERO, Map.of(), out))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("validity");
        assertThat(out).doesNotExist();
        assertThat(authority.issueRecords(Instant.EPOCH, Instant.MAX)).isEmpty();
    }

    @Test
    void noSecretIsInTheDatabaseFileOrTheLogs() throws Exception {
        authority.issueLicense("www", 2, fixture.key().keyId(), Set.of("CHASSIS-A-0001"), Duration.ofDays(5), Map.of(),
                dir.resolve("l.lic"));
        byte[] keySpecificKey = authority.store().hardwareKeyWithSecret(fixture.key().keyId()).orElseThrow()
                .keySpecificKey().toBytes();
        byte[] applicationKey = authority.store().applicationKey("www").orElseThrow().toBytes();
        authority.close();
        authority = Authority.open(dir.resolve("authority"), TestAuthorities.PASSPHRASE, clock);

        byte[] database = Files.readAllBytes(authority.folder().databaseFile());
        assertThat(indexOf(database, keySpecificKey)).as("raw key-specific key in the database").isEqualTo(-1);
        assertThat(indexOf(database, applicationKey)).as("raw application decryption key in the database").isEqualTo(-1);
        byte[] passphrase = new String(TestAuthorities.PASSPHRASE).getBytes(StandardCharsets.UTF_8);
        assertThat(indexOf(database, passphrase)).as("passphrase in the database").isEqualTo(-1);

        Path log = Path.of("target/authority-test.log");
        assertThat(log).exists();
        String logText = Files.readString(log);
        assertThat(logText).contains("issued license"); // the log is really captured here
        for (byte[] secret : List.of(keySpecificKey, applicationKey)) {
            assertThat(logText).doesNotContainIgnoringCase(HexFormat.of().formatHex(secret))
                    .doesNotContain(Base64.getEncoder().encodeToString(secret));
            assertThat(indexOf(Files.readAllBytes(log), secret)).isEqualTo(-1);
        }
        assertThat(logText).doesNotContain(new String(TestAuthorities.PASSPHRASE));
    }

    @Test
    void theDatabaseAndProviderTokenAreOwnerOnly() throws Exception {
        assertThat(SecureFile.describe(authority.folder().databaseFile())).isEqualTo("rw-------");
        assertThat(SecureFile.describe(authority.folder().providerToken())).isEqualTo("rw-------");
        assertThat(SecureFile.describe(authority.folder().dir())).isEqualTo("rwx------");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
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
