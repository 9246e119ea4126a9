package dev.vrack.firstembodiment;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.AuthorityPublicKeyFile;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.proto.firstembodiment.LicenseKeyContent;
import dev.vrack.proto.firstembodiment.SoftwareLicenseKeyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The software license key (seed 000, FIG. 4-6, claims 1, 5, 15): the program's decryption key and its
 * conditions of use, encrypted (AES-256-GCM) under a key derived with HKDF-SHA256 from the target device's
 * read-only identification, and signed by the authority (Ed25519) so the conditions cannot be edited.
 *
 * <p>What this protects, plainly: the device ID is not a secret, so whoever knows it and holds this file can
 * derive the key and decrypt the program key. The mode keeps a copied license key from working on another
 * device (casual copying); it does not stand against someone who reads the ID. The signature still stops
 * anyone, the holder included, from changing the number of executions or the allowed functions.
 */
public final class SoftwareLicenseKey {

    private static final int SALT_LENGTH = 16;
    private static final String KEY_LABEL = "vrack/first-embodiment/license-key/v1";
    private static final String AAD_LABEL = "vrack/first-embodiment/license-key/content/v1";

    private SoftwareLicenseKey() {
    }

    /** The authority issues a license key for one device (claim 1's license issuing means); returns the file's bytes. */
    public static byte[] issue(AuthorityKeys authority, ApplicationDecryptionKey programKey, DeviceId device,
            UsageConditions conditions, Clock clock) {
        String licenseKeyId = "SWLK-" + HexFormat.of().formatHex(Primitives.random(8)).toUpperCase(Locale.ROOT);
        String programId = programKey.applicationId();
        byte[] rawKey = programKey.toBytes();
        byte[] salt = Primitives.random(SALT_LENGTH);
        byte[] nonce = Primitives.random(Primitives.NONCE_LENGTH);
        byte[] key = deviceKey(device, salt, licenseKeyId, programId);
        byte[] content = LicenseKeyContent.newBuilder()
                .setLicenseKeyId(licenseKeyId)
                .setProgramId(programId)
                .setDeviceId(device.value())
                .setProgramDecryptionKey(ByteString.copyFrom(rawKey))
                .setMaxExecutions(conditions.maxExecutions())
                .addAllAllowedFunctions(conditions.sortedFunctions())
                .build().toByteArray();
        try {
            byte[] payload = SoftwareLicenseKeyFile.newBuilder()
                    .setLicenseKeyId(licenseKeyId)
                    .setProgramId(programId)
                    .setDeviceId(device.value())
                    .setHkdfSalt(ByteString.copyFrom(salt))
                    .setNonce(ByteString.copyFrom(nonce))
                    .setCiphertext(ByteString.copyFrom(Primitives.encrypt(key, nonce, content, aad(licenseKeyId, programId, device))))
                    .setIssuedEpochMs(clock.millis())
                    .build().toByteArray();
            byte[] body = FramedFile.body(FramedFile.Kind.LICENSE_KEY, payload);
            byte[] signed = FramedFile.withTrailer(body, HexFormat.of().parseHex(authority.keyId()));
            return FramedFile.withTrailer(signed, authority.sign(signed));
        } finally {
            Arrays.fill(rawKey, (byte) 0);
            Arrays.fill(key, (byte) 0);
            Arrays.fill(content, (byte) 0);
        }
    }

    /** Reads a license key file and opens it, see {@link #open(byte[], String, PublicKey, DeviceId)}. */
    public static OpenedLicenseKey open(Path file, PublicKey authority, DeviceId device) throws SealedFormatException {
        return open(read(file), file.toString(), authority, device);
    }

    static byte[] read(Path file) throws SealedFormatException {
        try {
            if (Files.size(file) > FramedFile.Kind.LICENSE_KEY.maxFileSize()) {
                throw new SealedFormatException(file.toString(), "is too large to be a software license key");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SealedFormatException(file.toString(), "does not exist: check the path of the software license key", e);
        } catch (SealedFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SealedFormatException(file.toString(), "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The device's decryption key decrypting means (claim 5): checks the authority's signature, that the key was
     * issued for this device, then decrypts with the key derived from the device's own ID.
     */
    public static OpenedLicenseKey open(byte[] bytes, String name, PublicKey authority, DeviceId device)
            throws SealedFormatException {
        FramedFile file = FramedFile.parse(FramedFile.Kind.LICENSE_KEY, bytes, name);
        verifySignature(file, authority, name);
        SoftwareLicenseKeyFile sealed;
        try {
            sealed = SoftwareLicenseKeyFile.parseFrom(file.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new SealedFormatException(name, "corrupt payload in a signed license key: get it reissued", e);
        }
        if (!sealed.getDeviceId().equals(device.value())) {
            throw new SealedFormatException(name, "license key " + sealed.getLicenseKeyId() + " was issued for device "
                    + sealed.getDeviceId() + ", not for this device (" + device + "): get a license key for this device");
        }
        byte[] key = deviceKey(device, sealed.getHkdfSalt().toByteArray(), sealed.getLicenseKeyId(), sealed.getProgramId());
        LicenseKeyContent content;
        byte[] plain = null;
        try {
            plain = Primitives.decrypt(key, sealed.getNonce().toByteArray(), sealed.getCiphertext().toByteArray(),
                    aad(sealed.getLicenseKeyId(), sealed.getProgramId(), device));
            content = LicenseKeyContent.parseFrom(plain);
        } catch (Primitives.TagMismatch e) {
            throw new SealedFormatException(name, "cannot be decrypted with the ID of device " + device
                    + " (AES-GCM tag does not verify): it was encrypted for another device");
        } catch (InvalidProtocolBufferException e) {
            throw new SealedFormatException(name, "decrypted content is corrupt: get the license key reissued", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
        if (!content.getLicenseKeyId().equals(sealed.getLicenseKeyId()) || !content.getProgramId().equals(sealed.getProgramId())
                || !content.getDeviceId().equals(sealed.getDeviceId())) {
            throw new SealedFormatException(name, "the encrypted content does not match the license key's envelope: get it reissued");
        }
        UsageConditions conditions;
        ApplicationDecryptionKey programKey;
        try {
            conditions = new UsageConditions(content.getMaxExecutions(), new HashSet<>(content.getAllowedFunctionsList()));
            programKey = ApplicationDecryptionKey.fromBytes(content.getProgramId(), content.getProgramDecryptionKey().toByteArray());
        } catch (IllegalArgumentException e) {
            throw new SealedFormatException(name, "signed, but its content is invalid (" + e.getMessage() + "): get it reissued", e);
        }
        return new OpenedLicenseKey(content.getLicenseKeyId(), device, conditions, programKey);
    }

    private static void verifySignature(FramedFile file, PublicKey authority, String name) throws SealedFormatException {
        byte[] trailer = file.trailer();
        String signer = HexFormat.of().formatHex(trailer, 0, 8);
        String trusted = AuthorityPublicKeyFile.keyId(authority);
        if (!signer.equals(trusted)) {
            throw new SealedFormatException(name, "signature does not verify: signed by authority key " + signer
                    + " but this device trusts authority key " + trusted + ": get it issued by the right authority");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(authority);
            verifier.update(file.signedPart());
            verifier.update(trailer, 0, 8);
            if (!verifier.verify(Arrays.copyOfRange(trailer, 8, trailer.length))) {
                throw new SealedFormatException(name, "signature does not verify: the license key was modified after it was issued");
            }
        } catch (GeneralSecurityException e) {
            throw new SealedFormatException(name, "signature cannot be checked (" + e.getMessage() + ")", e);
        }
    }

    /** HKDF-SHA256(device ID, salt, label + license key ID + program ID): a key anyone who knows the ID can derive. */
    private static byte[] deviceKey(DeviceId device, byte[] salt, String licenseKeyId, String programId) {
        return Primitives.hkdf(device.bytes(), salt, Primitives.label(KEY_LABEL, licenseKeyId, programId));
    }

    private static byte[] aad(String licenseKeyId, String programId, DeviceId device) {
        return Primitives.label(AAD_LABEL, licenseKeyId, programId, device.value());
    }
}
