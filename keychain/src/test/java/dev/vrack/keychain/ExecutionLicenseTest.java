package dev.vrack.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionLicenseTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final AuthorityKeys AUTHORITY = AuthorityKeys.generate();

    @TempDir
    Path dir;
    private DongleSecret dongle;
    private IssuedHardwareKey keyA;
    private IssuedHardwareKey keyB;
    private UsbKeyDevice usbA;
    private UsbKeyDevice usbB;
    private final ApplicationKeyPair www = ApplicationKeyPair.generate("www");

    @BeforeEach
    void issueKeys() throws Exception {
        dongle = DongleSecret.create(dir.resolve("dongle.secret"));
        keyA = HardwareKeyImage.issue(AUTHORITY, "CHASSIS-A", dongle, dir.resolve("A.hwkey"));
        keyB = HardwareKeyImage.issue(AUTHORITY, "CHASSIS-B", dongle, dir.resolve("B.hwkey"));
        usbA = UsbKeyDevice.insert(dir.resolve("A.hwkey"), AUTHORITY.publicKey(), dongle);
        usbB = UsbKeyDevice.insert(dir.resolve("B.hwkey"), AUTHORITY.publicKey(), dongle);
    }

    private static LicenseTerms terms(List<String> chassis, Instant notBefore, Instant notAfter) {
        return new LicenseTerms(chassis, "www", 8, notBefore, notAfter, Map.of("max-lease-seconds", "30"));
    }

    private byte[] licenseForA() {
        return ExecutionLicense.issue(AUTHORITY, keyA, terms(List.of("CHASSIS-A", "CHASSIS-B"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))), www.decryptionKey(), CLOCK);
    }

    @Test
    void roundTripGivesTheTermsAndTheApplicationKey() throws Exception {
        OpenedLicense opened = ExecutionLicense.open(licenseForA(), "www.lic", usbA, AUTHORITY.publicKey(), "CHASSIS-A", NOW);
        assertThat(opened.applicationId()).isEqualTo("www");
        assertThat(opened.licenseCount()).isEqualTo(8);
        assertThat(opened.chassisIds()).containsExactly("CHASSIS-A", "CHASSIS-B");
        assertThat(opened.conditions()).containsEntry("max-lease-seconds", "30");
        assertThat(opened.issuedAt()).isEqualTo(NOW);
        assertThat(opened.covers("CHASSIS-B")).isTrue();
        assertThat(opened.covers("CHASSIS-C")).isFalse();
        assertThat(opened.licenseId()).matches("LIC-[0-9A-F]{16}");

        ApplicationDecryptionKey key = usbA.unwrapApplicationKey(opened);
        assertThat(key.toBytes()).isEqualTo(www.decryptionKey().toBytes());
        assertThat(key.encryptionKey().publicKey()).isEqualTo(www.encryptionKey().publicKey());
        Tampering.assertNoKey(opened.toString(), key.toBytes());
        Tampering.assertNoKey(key.toString(), key.toBytes());
    }

    @Test
    void neitherTheTermsNorTheApplicationKeyAreInClearInTheFile() {
        byte[] license = licenseForA();
        assertThat(AuthorityKeysTest.indexOf(license, "www".getBytes())).isEqualTo(-1);
        assertThat(AuthorityKeysTest.indexOf(license, "CHASSIS-B".getBytes())).isEqualTo(-1);
        assertThat(AuthorityKeysTest.indexOf(license, www.decryptionKey().toBytes())).isEqualTo(-1);
    }

    @Test
    void everyFlippedByteIsRefused() throws Exception {
        byte[] license = licenseForA();
        int refused = Tampering.expectEveryFlipRefused(license, 1,
                bytes -> usbA.openLicense(bytes, "www.lic", "CHASSIS-A", NOW));
        assertThat(refused).isEqualTo(license.length);
    }

    @Test
    void aLicenseForChassisXIsRefusedByTheKeyOfChassisY() {
        byte[] license = licenseForA();
        assertThatThrownBy(() -> ExecutionLicense.open(license, "www.lic", usbB, AUTHORITY.publicKey(), "CHASSIS-B", NOW))
                .isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("www.lic: license LIC-")
                .hasMessageContaining("was issued for hardware key " + keyA.keyId())
                .hasMessageContaining("the USB key attached is " + keyB.keyId());
    }

    @Test
    void aLicenseEncryptedUnderAnotherKeyButClaimingThisKeyIdFailsTheTag() {
        // Forge: the authority made a mistake and paired key A's ID with key B's secret.
        IssuedHardwareKey mixed = new IssuedHardwareKey(keyA.keyId(), "CHASSIS-A", keyB.keySpecificKey());
        byte[] license = ExecutionLicense.issue(AUTHORITY, mixed, terms(List.of("CHASSIS-A"), NOW, NOW.plusSeconds(60)),
                www.decryptionKey(), CLOCK);
        assertThatThrownBy(() -> usbA.openLicense(license, "www.lic", "CHASSIS-A", NOW))
                .hasMessageContaining("cannot decrypt the license (AES-GCM tag does not verify)");
    }

    @Test
    void aLicenseSignedByAnotherAuthorityIsRefusedEvenIfItsKeySpecificKeyIsRight() {
        // A holder of the USB key (who knows the key-specific key) cannot forge a count.
        AuthorityKeys rogue = AuthorityKeys.generate();
        byte[] forged = ExecutionLicense.issue(rogue, keyA, new LicenseTerms(List.of("CHASSIS-A"), "www", 1000,
                NOW, NOW.plusSeconds(60), Map.of()), www.decryptionKey(), CLOCK);
        assertThatThrownBy(() -> usbA.openLicense(forged, "www.lic", "CHASSIS-A", NOW))
                .hasMessageContaining("www.lic: signature does not verify")
                .hasMessageContaining(rogue.keyId());
    }

    @Test
    void expiredAndNotYetValidLicensesAreRefused() {
        byte[] license = licenseForA();
        Instant expiry = NOW.plus(Duration.ofDays(30));
        assertThatThrownBy(() -> usbA.openLicense(license, "www.lic", "CHASSIS-A", expiry))
                .hasMessageContaining("expired at " + expiry);
        assertThatThrownBy(() -> usbA.openLicense(license, "www.lic", "CHASSIS-A", NOW.minus(Duration.ofDays(2))))
                .hasMessageContaining("is not valid before");
    }

    @Test
    void theKeyMustSitInItsOwnChassisAndTheLicenseMustListIt() throws Exception {
        byte[] license = licenseForA();
        assertThatThrownBy(() -> usbA.openLicense(license, "www.lic", "CHASSIS-B", NOW))
                .hasMessageContaining("belongs to chassis CHASSIS-A but it is attached to chassis CHASSIS-B");

        IssuedHardwareKey keyC = HardwareKeyImage.issue(AUTHORITY, "CHASSIS-C", dongle, dir.resolve("C.hwkey"));
        assertThatThrownBy(() -> ExecutionLicense.issue(AUTHORITY, keyC, terms(List.of("CHASSIS-A"), NOW, NOW.plusSeconds(1)),
                www.decryptionKey(), CLOCK)).hasMessageContaining("which the license terms do not list");
    }

    @Test
    void unknownVersionAndTruncationAreRefused() {
        byte[] license = licenseForA();
        byte[] newer = license.clone();
        ByteBuffer.wrap(newer).putShort(5, (short) 9);
        assertThatThrownBy(() -> usbA.openLicense(newer, "www.lic", "CHASSIS-A", NOW))
                .hasMessageContaining("www.lic: format version 9 is not supported");
        assertThatThrownBy(() -> usbA.openLicense(Arrays.copyOf(license, license.length / 2), "www.lic", "CHASSIS-A", NOW))
                .hasMessageContaining("www.lic: is truncated");
    }

    @Test
    void licenseFileOnDiskOpensAndADetachedKeyRefusesToWork() throws Exception {
        Path file = dir.resolve("www.lic");
        ExecutionLicense.write(file, AUTHORITY, keyA, terms(List.of("CHASSIS-A"), NOW, NOW.plusSeconds(60)),
                www.decryptionKey(), CLOCK);
        assertThat(ExecutionLicense.open(file, usbA, AUTHORITY.publicKey(), "CHASSIS-A", NOW).licenseCount()).isEqualTo(8);
        usbA.close();
        assertThat(usbA.toString()).contains("detached");
        assertThatThrownBy(() -> ExecutionLicense.open(file, usbA, AUTHORITY.publicKey(), "CHASSIS-A", NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was detached");
    }

    @Test
    void issuingRefusesMismatchedApplicationKeyAndBadTerms() {
        ApplicationKeyPair other = ApplicationKeyPair.generate("db");
        assertThatThrownBy(() -> ExecutionLicense.issue(AUTHORITY, keyA, terms(List.of("CHASSIS-A"), NOW, NOW.plusSeconds(1)),
                other.decryptionKey(), CLOCK)).hasMessageContaining("the application key is for db");
        assertThatThrownBy(() -> new LicenseTerms(List.of("CHASSIS-A"), "www", 0, NOW, NOW.plusSeconds(1), Map.of()))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new LicenseTerms(List.of("CHASSIS-A"), "www", 1, NOW, NOW, Map.of()))
                .hasMessageContaining("is empty");
    }

    @Test
    void exceptionMessagesNeverCarryKeys() {
        byte[] license = licenseForA();
        byte[] secret = keyA.keySpecificKey().toBytes();
        for (int i = 0; i < license.length; i += 7) {
            byte[] copy = license.clone();
            copy[i] ^= 0x20;
            try {
                usbA.openLicense(copy, "www.lic", "CHASSIS-A", NOW);
            } catch (SealedFormatException e) {
                Tampering.assertNoKey(e.getMessage(), secret);
                Tampering.assertNoKey(e.getMessage(), www.decryptionKey().toBytes());
            }
        }
    }
}
