package dev.vrack.chassis;

import dev.vrack.keychain.AuthorityPublicKeyFile;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.keychain.HardwareKeyInfo;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the public part of a hardware key image (key ID, chassis ID) after checking the authority's
 * signature, so an edited or foreign image never shows up in the port. It never touches the
 * key-specific key: that stays sealed in the image.
 */
public final class KeychainUsbKeyReader implements UsbKeyReader {

    private final Path authorityPublicKey;

    /** @param authorityPublicKey the rack's trust anchor, {@code authority/authority.pub} */
    public KeychainUsbKeyReader(Path authorityPublicKey) {
        this.authorityPublicKey = authorityPublicKey;
    }

    @Override
    public UsbKeyInfo read(Path image) throws IOException {
        // Read on every attach: a re-provisioned rack brings a new authority without a chassis restart.
        HardwareKeyInfo info = HardwareKeyImage.readPublic(image, AuthorityPublicKeyFile.read(authorityPublicKey));
        return new UsbKeyInfo(info.keyId(), info.chassisId(), image);
    }
}
