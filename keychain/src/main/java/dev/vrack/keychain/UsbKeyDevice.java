package dev.vrack.keychain;

import dev.vrack.proto.keychain.HardwareKey;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;

/**
 * The emulated USB hardware key (dongle): it answers operations and never hands out its key-specific key
 * (no getter, not in toString). Inserting it checks the authority's signature on the image and unlocks the
 * key-specific key with the installation's {@link DongleSecret}, as a secure element would.
 */
public final class UsbKeyDevice implements AutoCloseable {

    private final HardwareKeyInfo info;
    private final PublicKey authority;
    private final byte[] keySpecificKey;
    private volatile boolean detached;

    private UsbKeyDevice(HardwareKeyInfo info, PublicKey authority, byte[] keySpecificKey) {
        this.info = info;
        this.authority = authority;
        this.keySpecificKey = keySpecificKey;
    }

    /** Opens the key image in a USB port; refuses an edited image or one issued for another installation's dongle. */
    public static UsbKeyDevice insert(Path image, PublicKey authority, DongleSecret dongle) throws SealedFormatException {
        return insert(SealedFile.read(image, SealedFileType.HARDWARE_KEY), authority, dongle);
    }

    /** As {@link #insert(Path, PublicKey, DongleSecret)} for bytes in memory; name is used in error messages. */
    public static UsbKeyDevice insert(byte[] image, String name, PublicKey authority, DongleSecret dongle)
            throws SealedFormatException {
        return insert(SealedFile.parse(SealedFileType.HARDWARE_KEY, image, name), authority, dongle);
    }

    private static UsbKeyDevice insert(SealedFile sealed, PublicKey authority, DongleSecret dongle) throws SealedFormatException {
        HardwareKey key = HardwareKeyImage.readVerified(sealed, authority);
        byte[] deviceKey = dongle.deviceKey(key.getDeviceSalt().toByteArray(), key.getKeyId());
        try {
            byte[] unwrapped = Aead.decrypt(deviceKey, key.getNonce().toByteArray(), key.getWrappedKey().toByteArray(),
                    HardwareKeyImage.aad(key.getKeyId(), key.getChassisId()));
            return new UsbKeyDevice(new HardwareKeyInfo(key.getKeyId(), key.getChassisId()), authority, unwrapped);
        } catch (Aead.TagMismatch e) {
            throw new SealedFormatException(sealed.name(), "the dongle cannot unlock key " + key.getKeyId()
                    + ": the image was issued for another installation's dongle secret; issue a key with this installation's secret");
        } finally {
            Arrays.fill(deviceKey, (byte) 0);
        }
    }

    /** The hardware key's ID (FIG. 13, 52a). */
    public String keyId() {
        return info.keyId();
    }

    /** The chassis the key was issued for (FIG. 13, 52b). */
    public String chassisId() {
        return info.chassisId();
    }

    /** Key ID and chassis ID. */
    public HardwareKeyInfo info() {
        return info;
    }

    /** The authority whose signature this key trusts. */
    public PublicKey authority() {
        return authority;
    }

    /**
     * Decrypts, verifies and checks an execution license for the chassis this key sits in
     * (see {@link ExecutionLicense#open}); uses the authority this key trusts.
     */
    public OpenedLicense openLicense(byte[] license, String name, String chassisId, Instant now) throws SealedFormatException {
        return ExecutionLicense.open(license, name, this, authority, chassisId, now);
    }

    /** Decrypts the application decryption key carried by a license this key opened. */
    public ApplicationDecryptionKey unwrapApplicationKey(OpenedLicense license) throws SealedFormatException {
        return ExecutionLicense.unwrapApplicationKey(license, this);
    }

    /** The dongle's one primitive: AES-256-GCM decryption under the key-specific key. */
    byte[] decrypt(byte[] nonce, byte[] ciphertext, byte[] aad) throws Aead.TagMismatch {
        if (detached) {
            throw new IllegalStateException("USB key " + info.keyId() + " was detached");
        }
        return Aead.decrypt(keySpecificKey, nonce, ciphertext, aad);
    }

    /** Detaches the key: the key-specific key is wiped from memory and every later operation fails. */
    @Override
    public void close() {
        detached = true;
        Arrays.fill(keySpecificKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "UsbKeyDevice[keyId=" + info.keyId() + ", chassisId=" + info.chassisId() + (detached ? ", detached" : "") + "]";
    }
}
