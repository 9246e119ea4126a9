package dev.vrack.chassis;

import dev.vrack.keychain.AuthorityPublicKeyFile;
import dev.vrack.keychain.DongleSecret;
import dev.vrack.keychain.UsbKeyDevice;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Inserts a hardware key image into keychain's emulated dongle: checks the authority's signature (so an
 * edited or foreign image never shows up in the port) and unlocks the key-specific key with the
 * installation's dongle secret, which only this USB port emulation reads.
 */
public final class KeychainUsbKeyInserter implements UsbKeyInserter {

    private final Path authorityPublicKey;
    private final Path dongleSecret;

    /**
     * @param authorityPublicKey the rack's trust anchor, {@code authority/authority.pub}
     * @param dongleSecret       the dongles' secure element, {@code keys/dongle.secret}
     */
    public KeychainUsbKeyInserter(Path authorityPublicKey, Path dongleSecret) {
        this.authorityPublicKey = authorityPublicKey;
        this.dongleSecret = dongleSecret;
    }

    @Override
    public UsbKeyDevice insert(Path image) throws IOException {
        // Read on every attach: a re-provisioned rack brings a new authority without a chassis restart.
        return UsbKeyDevice.insert(image, AuthorityPublicKeyFile.read(authorityPublicKey), DongleSecret.load(dongleSecret));
    }
}
