package dev.vrack.keychain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.proto.keychain.LicenseContent;
import dev.vrack.proto.keychain.SealedLicense;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The application execution license (FIG. 16, 26): the terms and the application decryption key (itself
 * encrypted under the key-specific key), all encrypted with AES-256-GCM under the key-specific key and
 * signed by the authority, so that even a holder of the USB key cannot forge a count.
 */
public final class ExecutionLicense {

    private ExecutionLicense() {
    }

    /** Issues a license (FIG. 26, S81-S82) for the hardware key the authority recorded; returns the file's bytes. */
    public static byte[] issue(AuthorityKeys authority, IssuedHardwareKey hardwareKey, LicenseTerms terms,
            ApplicationDecryptionKey applicationKey, Clock clock) {
        if (!applicationKey.applicationId().equals(terms.applicationId())) {
            throw new IllegalArgumentException("the application key is for " + applicationKey.applicationId()
                    + " but the license terms are for " + terms.applicationId());
        }
        if (!terms.chassisIds().contains(hardwareKey.chassisId())) {
            throw new IllegalArgumentException("hardware key " + hardwareKey.keyId() + " belongs to chassis "
                    + hardwareKey.chassisId() + ", which the license terms do not list " + terms.chassisIds()
                    + ": a license is read through the key of a chassis it covers");
        }
        String licenseId = "LIC-" + HexFormat.of().formatHex(Aead.random(8)).toUpperCase(Locale.ROOT);
        byte[] key = hardwareKey.keySpecificKey().bytes();
        byte[] appKeyNonce = Aead.randomNonce();
        byte[] encryptedAppKey = Aead.encrypt(key, appKeyNonce, applicationKey.bytes(),
                applicationKeyAad(licenseId, terms.applicationId()));
        byte[] content = LicenseContent.newBuilder()
                .setLicenseId(licenseId)
                .setKeyId(hardwareKey.keyId())
                .addAllChassisIds(terms.chassisIds())
                .setApplicationId(terms.applicationId())
                .setLicenseCount(terms.licenseCount())
                .setNotBeforeEpochMs(terms.notBefore().toEpochMilli())
                .setNotAfterEpochMs(terms.notAfter().toEpochMilli())
                .putAllConditions(terms.conditions())
                .setIssuedEpochMs(clock.millis())
                .setApplicationKeyNonce(ByteString.copyFrom(appKeyNonce))
                .setEncryptedApplicationKey(ByteString.copyFrom(encryptedAppKey))
                .build().toByteArray();
        byte[] nonce = Aead.randomNonce();
        SealedLicense sealed = SealedLicense.newBuilder()
                .setLicenseId(licenseId)
                .setKeyId(hardwareKey.keyId())
                .setNonce(ByteString.copyFrom(nonce))
                .setCiphertext(ByteString.copyFrom(Aead.encrypt(key, nonce, content, licenseAad(licenseId, hardwareKey.keyId()))))
                .build();
        return SealedFile.signed(SealedFileType.EXECUTION_LICENSE, sealed.toByteArray(), authority);
    }

    /** Issues a license and writes it to a file. */
    public static void write(Path file, AuthorityKeys authority, IssuedHardwareKey hardwareKey, LicenseTerms terms,
            ApplicationDecryptionKey applicationKey, Clock clock) throws IOException {
        SecureFiles.writeAtomically(file, issue(authority, hardwareKey, terms, applicationKey, clock), false);
    }

    /** Reads a license file and opens it, see {@link #open(byte[], String, UsbKeyDevice, PublicKey, String, Instant)}. */
    public static OpenedLicense open(Path file, UsbKeyDevice usbKey, PublicKey authority, String chassisId, Instant now)
            throws SealedFormatException {
        SealedFile sealed = SealedFile.read(file, SealedFileType.EXECUTION_LICENSE);
        return open(sealed, usbKey, authority, chassisId, now);
    }

    /**
     * Opens a license (FIG. 35): checks the authority's signature, that it was issued for this USB key,
     * decrypts it with the key (GCM tag), checks that the key belongs to this chassis (chassisId from the ID
     * memory) and that the license lists this chassis, and that now is inside the validity period.
     */
    public static OpenedLicense open(byte[] license, String name, UsbKeyDevice usbKey, PublicKey authority,
            String chassisId, Instant now) throws SealedFormatException {
        return open(SealedFile.parse(SealedFileType.EXECUTION_LICENSE, license, name), usbKey, authority, chassisId, now);
    }

    private static OpenedLicense open(SealedFile file, UsbKeyDevice usbKey, PublicKey authority, String chassisId,
            Instant now) throws SealedFormatException {
        String name = file.name();
        file.verifySignature(authority);
        SealedLicense sealed;
        try {
            sealed = SealedLicense.parseFrom(file.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new SealedFormatException(name, "corrupt payload in a signed license: get it reissued", e);
        }
        if (!sealed.getKeyId().equals(usbKey.keyId())) {
            throw new SealedFormatException(name, "license " + sealed.getLicenseId() + " was issued for hardware key "
                    + sealed.getKeyId() + ", but the USB key attached is " + usbKey.keyId() + " (chassis "
                    + usbKey.chassisId() + "): use a license issued for this chassis's key");
        }
        LicenseContent content;
        try {
            byte[] plain = usbKey.decrypt(sealed.getNonce().toByteArray(), sealed.getCiphertext().toByteArray(),
                    licenseAad(sealed.getLicenseId(), sealed.getKeyId()));
            content = LicenseContent.parseFrom(plain);
        } catch (Aead.TagMismatch e) {
            throw new SealedFormatException(name, "USB key " + usbKey.keyId()
                    + " cannot decrypt the license (AES-GCM tag does not verify): it was encrypted under another key");
        } catch (InvalidProtocolBufferException e) {
            throw new SealedFormatException(name, "decrypted license content is corrupt: get it reissued", e);
        }
        if (!content.getLicenseId().equals(sealed.getLicenseId()) || !content.getKeyId().equals(sealed.getKeyId())) {
            throw new SealedFormatException(name, "the encrypted content does not match the license's envelope: get it reissued");
        }
        LicenseTerms terms = terms(content, name);
        if (!usbKey.chassisId().equals(chassisId)) {
            throw new SealedFormatException(name, "USB key " + usbKey.keyId() + " belongs to chassis " + usbKey.chassisId()
                    + " but it is attached to chassis " + chassisId + ": attach the key issued for this chassis");
        }
        if (!terms.chassisIds().contains(chassisId)) {
            throw new SealedFormatException(name, "license " + content.getLicenseId() + " does not cover chassis "
                    + chassisId + " (it lists " + terms.chassisIds() + ")");
        }
        if (now.isBefore(terms.notBefore())) {
            throw new SealedFormatException(name, "license " + content.getLicenseId() + " is not valid before "
                    + terms.notBefore() + " (now " + now + ")");
        }
        if (!now.isBefore(terms.notAfter())) {
            throw new SealedFormatException(name, "license " + content.getLicenseId() + " expired at "
                    + terms.notAfter() + " (now " + now + "): get a renewed license");
        }
        return new OpenedLicense(content.getLicenseId(), content.getKeyId(), terms,
                Instant.ofEpochMilli(content.getIssuedEpochMs()), content.getApplicationKeyNonce().toByteArray(),
                content.getEncryptedApplicationKey().toByteArray());
    }

    private static LicenseTerms terms(LicenseContent content, String name) throws SealedFormatException {
        try {
            return new LicenseTerms(content.getChassisIdsList(), content.getApplicationId(), content.getLicenseCount(),
                    Instant.ofEpochMilli(content.getNotBeforeEpochMs()), Instant.ofEpochMilli(content.getNotAfterEpochMs()),
                    content.getConditionsMap());
        } catch (IllegalArgumentException e) {
            throw new SealedFormatException(name, "signed, but its terms are invalid (" + e.getMessage() + "): get it reissued", e);
        }
    }

    static ApplicationDecryptionKey unwrapApplicationKey(OpenedLicense license, UsbKeyDevice usbKey)
            throws SealedFormatException {
        String name = "license " + license.licenseId();
        if (!license.keyId().equals(usbKey.keyId())) {
            throw new SealedFormatException(name, "was issued for hardware key " + license.keyId()
                    + ", not for the USB key attached (" + usbKey.keyId() + ")");
        }
        byte[] raw = null;
        try {
            raw = usbKey.decrypt(license.applicationKeyNonce(), license.encryptedApplicationKey(),
                    applicationKeyAad(license.licenseId(), license.applicationId()));
            return new ApplicationDecryptionKey(license.applicationId(), raw);
        } catch (Aead.TagMismatch | IllegalArgumentException e) {
            throw new SealedFormatException(name, "the application decryption key inside cannot be decrypted by USB key "
                    + usbKey.keyId() + ": get the license reissued");
        } finally {
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    private static byte[] licenseAad(String licenseId, String keyId) {
        return Labels.of("vrack/license/v1").field(licenseId).field(keyId).bytes();
    }

    private static byte[] applicationKeyAad(String licenseId, String applicationId) {
        return Labels.of("vrack/license/application-key/v1").field(licenseId).field(applicationId).bytes();
    }
}
