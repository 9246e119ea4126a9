package dev.vrack.authority;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Key IDs as the keychain shows them: the first 8 bytes of SHA-256 of a raw public key, lower-case hex. */
final class KeyIds {

    private KeyIds() {
    }

    static String ofRaw(byte[] rawPublicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawPublicKey), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
