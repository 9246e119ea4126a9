package dev.vrack.keychain;

import java.util.Arrays;

/**
 * The application decryption key (FIG. 16, 84): the private half of the application's X25519 key pair.
 * Held by the authority and, inside a license, readable only through the USB key. Never printed.
 */
public final class ApplicationDecryptionKey {

    private final String applicationId;
    private final byte[] privateKey;

    ApplicationDecryptionKey(String applicationId, byte[] privateKey) {
        this.applicationId = Identifiers.require("application ID", applicationId);
        if (privateKey.length != X25519.KEY_LENGTH) {
            throw new IllegalArgumentException("an application decryption key is 32 bytes, got " + privateKey.length);
        }
        this.privateKey = privateKey.clone();
    }

    /** Rebuilds the key from {@link #toBytes()}, e.g. out of the authority's (encrypted) application records. */
    public static ApplicationDecryptionKey fromBytes(String applicationId, byte[] privateKey) {
        return new ApplicationDecryptionKey(applicationId, privateKey);
    }

    /** The raw key, for the authority's application registration database only; store it encrypted. */
    public byte[] toBytes() {
        return privateKey.clone();
    }

    /** The application this key decrypts. */
    public String applicationId() {
        return applicationId;
    }

    /** The matching encryption key (public half). */
    public ApplicationEncryptionKey encryptionKey() {
        return new ApplicationEncryptionKey(applicationId, X25519.publicKeyOf(privateKey));
    }

    byte[] bytes() {
        return privateKey;
    }

    /** Overwrites the key in memory (e.g. when the application stops). */
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "ApplicationDecryptionKey[applicationId=" + applicationId + ", redacted]";
    }
}
