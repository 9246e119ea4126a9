package dev.vrack.keychain;

import java.util.Arrays;

/**
 * The attach/detach key-specific encryption key (FIG. 13, 52c): AES-256, shared only by the authority
 * (which encrypts licenses with it) and the hardware key (which decrypts them). Never printed.
 */
public final class KeySpecificKey {

    private final byte[] key;

    private KeySpecificKey(byte[] key) {
        this.key = key;
    }

    static KeySpecificKey generate() {
        return new KeySpecificKey(Aead.random(Aead.KEY_LENGTH));
    }

    /** Rebuilds the key from {@link #toBytes()}, e.g. out of the authority's (encrypted) issue records. */
    public static KeySpecificKey fromBytes(byte[] bytes) {
        if (bytes.length != Aead.KEY_LENGTH) {
            throw new IllegalArgumentException("a key-specific key is " + Aead.KEY_LENGTH + " bytes, got " + bytes.length);
        }
        return new KeySpecificKey(bytes.clone());
    }

    /** The raw key, for the authority's issue record database only; store it encrypted, never log it. */
    public byte[] toBytes() {
        return key.clone();
    }

    byte[] bytes() {
        return key;
    }

    @Override
    public String toString() {
        return "KeySpecificKey[redacted]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeySpecificKey k && java.security.MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Ed25519.sha256(key));
    }
}
