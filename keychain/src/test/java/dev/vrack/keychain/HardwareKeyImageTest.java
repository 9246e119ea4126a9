package dev.vrack.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareKeyImageTest {

    private static final AuthorityKeys AUTHORITY = AuthorityKeys.generate();

    @TempDir
    Path dir;

    @Test
    void readPublicGivesKeyIdAndChassisIdOfASignedImage() throws Exception {
        DongleSecret dongle = DongleSecret.create(dir.resolve("dongle.secret"));
        Path image = dir.resolve("A.hwkey");
        IssuedHardwareKey issued = HardwareKeyImage.issue(AUTHORITY, "CHASSIS-A-0001", dongle, image);

        HardwareKeyInfo info = HardwareKeyImage.readPublic(image, AUTHORITY.publicKey());
        assertThat(info).isEqualTo(new HardwareKeyInfo(issued.keyId(), "CHASSIS-A-0001"));
        assertThat(info.keyId()).matches("KEY-[0-9A-F]{16}");
    }

    @Test
    void theKeySpecificKeyIsNotInTheImageInClear() throws Exception {
        DongleSecret dongle = DongleSecret.create(dir.resolve("dongle.secret"));
        Path image = dir.resolve("A.hwkey");
        IssuedHardwareKey issued = HardwareKeyImage.issue(AUTHORITY, "CHASSIS-A-0001", dongle, image);
        byte[] key = issued.keySpecificKey().toBytes();
        assertThat(AuthorityKeysTest.indexOf(Files.readAllBytes(image), key)).isEqualTo(-1);
        Tampering.assertNoKey(new String(Files.readAllBytes(image), java.nio.charset.StandardCharsets.ISO_8859_1), key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dongle.secret"))))
                .isEqualTo("rw-------");
    }

    @Test
    void everyEditedByteOfAnImageIsDetected() throws Exception {
        DongleSecret dongle = DongleSecret.create(dir.resolve("dongle.secret"));
        Path image = dir.resolve("A.hwkey");
        HardwareKeyImage.issue(AUTHORITY, "CHASSIS-A-0001", dongle, image);
        byte[] original = Files.readAllBytes(image);
        int refused = Tampering.expectEveryFlipRefused(original, 1,
                bytes -> HardwareKeyImage.readPublic(bytes, "A.hwkey", AUTHORITY.publicKey()));
        assertThat(refused).isEqualTo(original.length);
    }

    @Test
    void editingTheChassisIdIsDetectedWithAClearMessage() throws Exception {
        DongleSecret dongle = DongleSecret.create(dir.resolve("dongle.secret"));
        Path image = dir.resolve("A.hwkey");
        HardwareKeyImage.issue(AUTHORITY, "CHASSIS-A-0001", dongle, image);
        byte[] bytes = Files.readAllBytes(image);
        int at = AuthorityKeysTest.indexOf(bytes, "CHASSIS-A".getBytes());
        bytes[at + 8] = 'B';
        Files.write(image, bytes);
        assertThatThrownBy(() -> HardwareKeyImage.readPublic(image, AUTHORITY.publicKey()))
                .isInstanceOf(SealedFormatException.class)
                .hasMessage(image + ": signature does not verify: the file was modified or was signed by another authority");
    }

    @Test
    void anImageOfAnotherAuthorityIsRefused() throws Exception {
        DongleSecret dongle = DongleSecret.create(dir.resolve("dongle.secret"));
        Path image = dir.resolve("A.hwkey");
        HardwareKeyImage.issue(AuthorityKeys.generate(), "CHASSIS-A-0001", dongle, image);
        assertThatThrownBy(() -> HardwareKeyImage.readPublic(image, AUTHORITY.publicKey()))
                .hasMessageContaining("signed by another authority");
        assertThatThrownBy(() -> UsbKeyDevice.insert(image, AUTHORITY.publicKey(), dongle))
                .hasMessageContaining("signed by another authority");
    }

    @Test
    void usbKeyOpensWithItsDongleAndRefusesAnotherInstallationsDongle() throws Exception {
        DongleSecret dongle = DongleSecret.create(dir.resolve("dongle.secret"));
        DongleSecret otherDongle = DongleSecret.create(dir.resolve("other.secret"));
        Path image = dir.resolve("A.hwkey");
        IssuedHardwareKey issued = HardwareKeyImage.issue(AUTHORITY, "CHASSIS-A-0001", dongle, image);

        try (UsbKeyDevice usb = UsbKeyDevice.insert(image, AUTHORITY.publicKey(), DongleSecret.load(dir.resolve("dongle.secret")))) {
            assertThat(usb.keyId()).isEqualTo(issued.keyId());
            assertThat(usb.chassisId()).isEqualTo("CHASSIS-A-0001");
            Tampering.assertNoKey(usb.toString(), issued.keySpecificKey().toBytes());
            assertThat(usb.getClass().getMethods()).noneMatch(m -> m.getReturnType() == byte[].class
                    || m.getReturnType() == KeySpecificKey.class);
        }
        assertThatThrownBy(() -> UsbKeyDevice.insert(image, AUTHORITY.publicKey(), otherDongle))
                .isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("another installation's dongle secret");
    }

    @Test
    void dongleSecretMustBeOwnerOnlyAndWellFormed() throws Exception {
        Path secret = dir.resolve("dongle.secret");
        DongleSecret.create(secret);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> DongleSecret.load(secret)).hasMessageContaining("chmod 600");
        Files.writeString(secret, "not hex\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> DongleSecret.load(secret)).hasMessageContaining("expected 64 hex digits");
        assertThatThrownBy(() -> DongleSecret.create(secret)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void redactedStrings() throws Exception {
        DongleSecret dongle = DongleSecret.create(dir.resolve("dongle.secret"));
        IssuedHardwareKey issued = HardwareKeyImage.issue(AUTHORITY, "C", dongle, dir.resolve("k"));
        assertThat(issued.toString()).doesNotContain("KeySpecificKey").contains(issued.keyId());
        assertThat(issued.keySpecificKey().toString()).isEqualTo("KeySpecificKey[redacted]");
        assertThat(dongle.toString()).isEqualTo("DongleSecret[redacted]");
        Tampering.assertNoKey(issued.toString(), issued.keySpecificKey().toBytes());
    }
}
